import csrfProtection from '@fastify/csrf-protection';
import secureSession from '@fastify/secure-session';
import view from '@fastify/view';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Handlebars from 'handlebars';
import { hkdfSync } from 'node:crypto';
import { resolve } from 'node:path';
import { isApiPath } from '../common/http/api-path';
import { AppConfig } from '../config/app-config';
import { registerPageHelpers } from './page-helpers';

export const SESSION_COOKIE = 'tec_session';
// Beside the agreement templates' default: the service, the benches and the CLI all run from the project folder.
const TEMPLATES = resolve('templates', 'pages');

/** A separate key for the session, derived from the JWT secret so every instance behind the balancer shares it. */
export const sessionKey = (jwtSecret: string): Buffer => Buffer.from(hkdfSync('sha256', jwtSecret, 'tec-pages', 'session-cookie', 32));

/** Views, the encrypted session cookie and CSRF tokens for the pages outside /api (Nest parses form bodies). */
export async function registerPagePlugins(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const handlebars = Handlebars.create();
  registerPageHelpers(handlebars);
  await app.register(view, {
    engine: { handlebars },
    root: TEMPLATES,
    layout: 'layout.hbs',
    options: {
      partials: {
        field: 'partials/field.hbs',
        csrf: 'partials/csrf.hbs',
        'form-flash': 'partials/form-flash.hbs',
        pager: 'partials/pager.hbs',
        'bar-chart': 'partials/bar-chart.hbs',
        'import-form': 'partials/import-form.hbs',
        'enterprise-nav': 'partials/enterprise-nav.hbs',
      },
    },
    production: config.nodeEnv !== 'development',
  });
  await app.register(secureSession, {
    key: sessionKey(config.jwtSecret),
    cookieName: SESSION_COOKIE,
    expiry: config.jwtExpiresInSeconds,
    // 'auto': Secure when the request came over HTTPS (X-Forwarded-Proto is honoured with TRUST_PROXY).
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' },
  });
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/secure-session',
    // A multipart upload is read by its handler, after this check: its form sends the token in the address.
    getToken: (request: FastifyRequest) =>
      (request.body as Record<string, string> | undefined)?._csrf ?? (request.query as Record<string, string> | undefined)?._csrf,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Every form the pages post carries the session's CSRF token; a POST without it is refused with 403.
  fastify.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (request.method !== 'POST' || isApiPath(request.url)) return done();
    // The check sends its refusal itself, a bare 403 by the time the error page sees it: the mark tells that page why.
    csrfUnchecked.add(request);
    fastify.csrfProtection(request, reply, () => {
      csrfUnchecked.delete(request);
      done();
    });
  });
}

const csrfUnchecked = new WeakSet<FastifyRequest>();

/** Whether this page form was refused by the CSRF check: its token is not its session's (signed out, timed out). */
export const refusedForCsrf = (request: FastifyRequest): boolean => csrfUnchecked.has(request);
