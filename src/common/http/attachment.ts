import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';

/** A file produced as it is sent: the stream, its media type and the name a browser saves it under. */
export interface DownloadFile {
  stream: Readable;
  contentType: string;
  fileName: string;
}

/**
 * `attachment` with both forms of the name (RFC 6266): a plain ASCII `filename` for old clients, and an
 * RFC 5987 `filename*` that may carry any UTF-8 name. Characters outside the safe set are replaced in
 * the plain form and percent-encoded in the extended one.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const extended = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${extended}`;
}

/** The HTTP answer for a download; Nest pipes the stream into the reply with these headers. */
export const toStreamableFile = (file: DownloadFile): StreamableFile =>
  new StreamableFile(file.stream, { type: file.contentType, disposition: attachmentDisposition(file.fileName) });
