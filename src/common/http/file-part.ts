import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError, invalidField } from '../errors/domain-error';

export interface FilePart {
  buffer: Buffer;
  filename: string;
  mimetype: string;
}

/** The multipart field `file` of an upload; Fastify answers 413 when it passes `limitBytes`. */
export async function readFilePart(request: FastifyRequest, limitBytes: number): Promise<FilePart> {
  if (!request.isMultipart()) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in a field named file');
  }
  const part: MultipartFile | undefined = await request.file({ limits: { fileSize: limitBytes } });
  if (!part || part.fieldname !== 'file') throw invalidField('file', 'is required: a .csv or .xlsx file in the field named file');
  // toBuffer() throws Fastify's 413 error when the file passes the limit.
  return { buffer: await part.toBuffer(), filename: part.filename, mimetype: part.mimetype };
}
