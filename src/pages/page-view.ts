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
  const path = request.url.split('?')[0];
  return {
    lang,
    otherLangHref: `${path}?lang=${lang === 'zh' ? 'en' : 'zh'}`,
    csrf: reply.generateCsrf(),
    user: session ? { username: session.user.username, role: session.user.role } : null,
    flash: takeFlash(request),
  };
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
