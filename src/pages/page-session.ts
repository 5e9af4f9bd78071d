import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageSignIn } from '../auth/auth.service';
import { isLang, Lang } from './i18n';

/**
 * What the encrypted session cookie holds: who signed in, whether a one-time password must be changed first,
 * and the account's token version and session epoch, checked on every page so that signing out, a password
 * change or a deactivation ends every copy of the cookie.
 */
export type PageSession = PageSignIn;

/** A message shown once on the next page, next to the form (`form`) and fields it is about. */
export interface Flash {
  ok: boolean;
  text: string;
  form?: string;
  fields?: Record<string, string>;
  /** Fills `{count}` in the text. */
  count?: number;
}

declare module '@fastify/secure-session' {
  interface SessionData {
    page: PageSession;
    flash: Flash;
  }
}

export const readPageSession = (request: FastifyRequest): PageSession | null => request.session.get('page') ?? null;

export function takeFlash(request: FastifyRequest): Flash | null {
  const flash = request.session.get('flash') ?? null;
  if (flash) request.session.set('flash', undefined);
  return flash;
}

export const setFlash = (request: FastifyRequest, flash: Flash): void => request.session.set('flash', flash);

const LANG_COOKIE = 'lang';

/** `?lang=en` switches the language and is remembered in a cookie; Chinese otherwise. */
export function resolveLang(request: FastifyRequest, reply: FastifyReply): Lang {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(asked)) {
    reply.setCookie(LANG_COOKIE, asked, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 365 * 24 * 3600 });
    return asked;
  }
  const remembered = request.cookies[LANG_COOKIE];
  return isLang(remembered) ? remembered : 'zh';
}
