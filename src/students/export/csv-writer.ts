import { stringify } from 'csv-stringify';
import { pipeline, Readable } from 'node:stream';
import { ExportCell } from './student-export-columns';

/**
 * CSV as Excel on Windows opens it without an import dialog: a UTF-8 byte-order mark (else Chinese is read
 * as GBK) and CRLF line ends. Rows are written as they arrive, with backpressure from the reader.
 */
export function writeCsv(headers: readonly string[], rows: AsyncIterable<ExportCell[]>): Readable {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  // A failure destroys `csv` with the error, which is how the HTTP layer learns of it: nothing to do here.
  pipeline(Readable.from(withHeader(headers, rows)), csv, () => undefined);
  return csv;
}

async function* withHeader(headers: readonly string[], rows: AsyncIterable<ExportCell[]>): AsyncIterable<ExportCell[]> {
  yield [...headers];
  yield* rows;
}
