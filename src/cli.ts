import { ConfigError, loadConfig } from './config/app-config';
import { processEnv } from './config/env';
import { runCli } from './cli/cli';

// `npm run cli -- import --cohort <id> <file> [--dry-run]`: the same import as the API, for staff at a terminal.
async function main(): Promise<number> {
  const config = loadConfig(processEnv());
  let barDrawn = false;
  const endBar = (): void => {
    if (barDrawn) process.stderr.write('\n');
    barDrawn = false;
  };
  return runCli(process.argv.slice(2), config, {
    out: (line) => {
      endBar();
      console.log(line);
    },
    err: (line) => {
      endBar();
      console.error(line);
    },
    progress: process.stderr.isTTY
      ? (line) => {
          process.stderr.write(`\r${line}`);
          barDrawn = true;
        }
      : undefined,
  });
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error instanceof Error ? error.message : error);
    process.exit(2);
  });
