import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { processEnv } from './config/env';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(processEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  new Logger('Main').log(`Listening on http://localhost:${config.port}/api (docs at /api/docs, database: ${config.database.type})`);
}

bootstrap().catch((error: unknown) => {
  new Logger('Main').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
