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
 * The language link: this page, with what it was asked for, in the other language. A page answering a form (the
 * form again with a refusal, an error, a result) stands at an address only a POST has, so its link goes back to the
 * page the form was on, which the browser names in Referer (same origin only: see the Referrer-Policy in
 * app.factory.ts), or else the home page.
 */
function otherLangHref(request: FastifyRequest, other: Lang): string {
  const page = request.method === 'GET' || request.method === 'HEAD' ? request.url : (sameOriginReferer(request) ?? '/');
  const url = new URL(URL.canParse(page, BASE) ? page : '/', BASE);
  url.searchParams.set('lang', other);
  // One leading slash, so that the link can never be read as another host's address (//host/…).
  return `/${url.pathname.replace(/^\/+/, '')}${url.search}`;
}

function sameOriginReferer(request: FastifyRequest): string | null {
  const referer = request.headers.referer;
  if (!referer || !URL.canParse(referer)) return null;
  const url = new URL(referer);
  return url.host === request.host ? `${url.pathname}${url.search}` : null;
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
