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
