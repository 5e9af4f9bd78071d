import { Logger } from '@nestjs/common';
import { createApp } from '../app.factory';
import { ConfigError, loadConfig } from '../config/app-config';
import { processEnv } from '../config/env';
import { DEMO_LOGINS, seedDemo } from './seed-demo';

// The demo keeps its own database file and a known admin, unless the environment says otherwise.
const DEMO_DEFAULTS = { DATABASE_URL: 'sqlite:./data/demo.sqlite', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'demo-admin-2019' };

async function demo(): Promise<void> {
  const env = processEnv();
  const config = loadConfig({ ...DEMO_DEFAULTS, ...env });
  const app = await createApp(config);
  const seeded = await seedDemo(app);
  await app.listen({ port: config.port, host: '0.0.0.0' });
  const base = `http://localhost:${config.port}/api`;
  const admin = env.ADMIN_USERNAME
    ? `${env.ADMIN_USERNAME} / (your ADMIN_PASSWORD)`
    : `${DEMO_DEFAULTS.ADMIN_USERNAME} / ${DEMO_DEFAULTS.ADMIN_PASSWORD}`;
  const lines = [
    seeded ? 'Demo data seeded.' : 'Demo data was already there; nothing added.',
    `Service: ${base} (OpenAPI UI at ${base}/docs)`,
    'Demo sign-ins (POST /api/auth/login):',
    `  admin       ${admin}`,
    ...DEMO_LOGINS.map((l) => `  ${l.role.padEnd(11)} ${l.username} / ${l.password}`),
  ];
  console.log(lines.join('\n'));
}

demo().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else new Logger('Demo').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
