import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { registerLingeringClose } from './common/http/lingering-close';
import { registerRequestBodies } from './common/http/request-body';
import { registerSecurityHeaders } from './common/http/security-headers';
import { createValidationPipe } from './common/validation/validation-pipe';
import { AppConfig } from './config/app-config';
import { registerPagePlugins } from './pages/pages-plugins';
import { IMPORT_FILE_LIMIT_BYTES } from './students/import/student-import.controller';

export const JSON_BODY_LIMIT = 1024 * 1024;

/** Builds the whole application; main.ts listens on it, the e2e tests drive it in-process. */
export async function createApp(config: AppConfig, logger: false | undefined = undefined): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: JSON_BODY_LIMIT, trustProxy: config.trustProxy });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: logger ?? ['log', 'warn', 'error'],
  });
  app.useGlobalPipes(createValidationPipe());
  // First of the hooks, so that a request refused by a later one is answered with the headers too.
  registerSecurityHeaders(app.getHttpAdapter().getInstance(), {
    // Swagger UI at /api/docs loads its own inline script and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
    // Our own pages name the page a form was sent from (for its language link); no other site learns an address.
    referrerPolicy: { policy: 'same-origin' },
  });
  registerRequestBodies(app);
  registerLingeringClose(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  // Only the import route reads files; it sets its own 20 MiB limit when it reads the part.
  await app.register(multipart, { limits: { files: 1, fields: 5, parts: 6, fileSize: IMPORT_FILE_LIMIT_BYTES } });
  await registerPagePlugins(app, config);
  setupOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function setupOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Targeted Employment Class')
      .setDescription('Intake, majors, stipends, placements and agreements. Money is integer fen; dates are YYYY-MM-DD.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
