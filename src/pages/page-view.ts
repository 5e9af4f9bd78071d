import type { FastifyReply, FastifyRequest } from 'fastify';
import { attachmentDisposition, DownloadFile } from '../common/http/attachment';
import { Lang } from './i18n';
import { Flash, readPageSession, resolveLang, takeFlash } from './page-session';

/** What every page's layout needs besides the page's own data. */
export interface LayoutModel {
  lang: Lang;
  otherLangHref: string;
  csrf: string;
  user: { username: string; role: string } | null;
  flash: Flash | null;
}

export function layoutModel(request: FastifyRequest, reply: FastifyReply): LayoutModel {
  const lang = resolveLang(request, reply);
  const session = readPageSession(request);
  return {
    lang,
    otherLangHref: otherLangHref(request, lang === 'zh' ? 'en' : 'zh'),
    csrf: reply.generateCsrf(),
    user: session ? { username: session.user.username, role: session.user.role } : null,
    flash: takeFlash(request),
  };
}

const BASE = 'http://page.invalid';

/**
 * The language link: the page shown, with what it was asked for, in the other language. One leading slash, so
 * that the link can never be read as another host's address (//host/…).
 */
function otherLangHref(request: FastifyRequest, other: Lang): string {
  const url = pageShown(request);
  url.searchParams.set('lang', other);
  return `/${url.pathname.replace(/^\/+/, '')}${url.search}`;
}

/**
 * The page a request shows: its own address on a GET. A page answering a form (the form again with a refusal, an
 * error, a result) stands at an address only a POST has, so it is the page the form was on, which the browser names
 * in Referer (same origin only: see the Referrer-Policy in app.factory.ts); else, or when unreadable, the home page.
 */
function pageShown(request: FastifyRequest): URL {
  const home = new URL('/', BASE);
  if (request.method === 'GET' || request.method === 'HEAD') return URL.canParse(request.url, BASE) ? new URL(request.url, BASE) : home;
  const referer = request.headers.referer;
  const from = referer && URL.canParse(referer) ? new URL(referer) : null;
  return from?.host === request.host ? from : home;
}

/** Renders `templates/pages/<name>.hbs` inside the layout. */
export async function renderPage(request: FastifyRequest, reply: FastifyReply, name: string, data: object, status = 200): Promise<unknown> {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .view(`${name}.hbs`, { ...layoutModel(request, reply), ...data });
}

/** After a form: see-other, so reloading the next page never posts again. */
export const redirect = (reply: FastifyReply, to: string): FastifyReply => reply.redirect(to, 303);

/** A file as an attachment that no cache keeps (exports, agreements, the bank file). */
export function download(reply: FastifyReply, file: DownloadFile): FastifyReply {
  return reply
    .status(200)
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', attachmentDisposition(file.fileName))
    .header('Cache-Control', 'no-store')
    .send(file.stream);
}
