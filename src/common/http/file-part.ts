import type { FastifyRequest } from 'fastify';
import { DomainError, invalidField } from '../errors/domain-error';

export interface FilePart {
  buffer: Buffer;
  filename: string;
  mimetype: string;
}

const MIB = 1024 * 1024;

/** 413 naming the limit; pages word it in their language from the same sentence. */
export const fileTooLarge = (limitBytes: number): DomainError =>
  new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${limitBytes / MIB} MiB, the most one upload may be; nothing was read`);

/**
 * The multipart field `file` of an upload, or null when the request has none (the caller says what is
 * missing). Past `limitBytes` it is 413: @fastify/multipart looks at `truncated` only while chunks arrive, so
 * a limit reached with the last chunk would hand back the cut file as if it were whole.
 */
export async function uploadedFile(request: FastifyRequest, limitBytes: number): Promise<FilePart | null> {
  if (!request.isMultipart()) return null;
  const part = await request.file({ limits: { fileSize: limitBytes } });
  if (!part || part.fieldname !== 'file') return null;
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 413) throw fileTooLarge(limitBytes);
    throw error;
  }
  if (part.file.truncated) throw fileTooLarge(limitBytes);
  return { buffer, filename: part.filename, mimetype: part.mimetype };
}

/** An API upload: 415 when it is not multipart, 400 without the field `file`. */
export async function readFilePart(request: FastifyRequest, limitBytes: number): Promise<FilePart> {
  if (!request.isMultipart()) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in a field named file');
  }
  const file = await uploadedFile(request, limitBytes);
  if (!file) throw invalidField('file', 'is required: a .csv or .xlsx file in the field named file');
  return file;
}
