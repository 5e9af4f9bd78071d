import type { Response } from 'superagent';

/** A supertest parser: collects a binary answer (a PDF, a spreadsheet) into a Buffer, whatever its content type. */
export const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
