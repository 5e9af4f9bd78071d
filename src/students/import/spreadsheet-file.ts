import { ErrorCode } from '../../common/errors/domain-error';
import { Cell } from '../rules/import-row';

export interface UploadedFile {
  buffer: Buffer;
  filename: string;
  mimetype: string;
}

/** One row with its number as a spreadsheet shows it (the header is row 1). */
export interface SheetRow {
  number: number;
  cells: Cell[];
}

/**
 * A file that cannot be read as a spreadsheet: 415 when it is another kind of file, 413 when it passes a
 * size limit (inflated XLSX parts, rows), 422 when it is broken.
 */
export class SpreadsheetFileError extends Error {
  constructor(
    readonly kind: 'UNSUPPORTED' | 'TOO_LARGE' | 'UNREADABLE',
    message: string,
  ) {
    super(message);
  }
}

/** The answer to each kind of unreadable file, for every upload that reads a spreadsheet. */
export const SPREADSHEET_ERROR_CODES: Record<SpreadsheetFileError['kind'], ErrorCode> = {
  UNSUPPORTED: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNREADABLE: 'UNPROCESSABLE',
};
