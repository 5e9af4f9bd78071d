import { NestFactory } from '@nestjs/core';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { ImportReportDto } from '../students/import/import-report.dto';
import { StudentImportService } from '../students/import/student-import.service';
import { CsvEncoding } from '../students/import/spreadsheet-reader';
import { estimateCsvRows, progressLine } from './progress-bar';

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Set when stderr is a terminal: the progress bar redraws one line there. */
  progress?: (line: string) => void;
}

export const USAGE = 'usage: npm run cli -- import --cohort <id> <file.csv|file.xlsx> [--dry-run] [--encoding auto|utf-8|gb18030]';
const ENCODINGS: readonly CsvEncoding[] = ['auto', 'utf-8', 'gb18030'];

/** Exit codes: 0 done, 1 the file had errors (nothing saved), 2 the command was wrong or failed. */
export async function runCli(argv: string[], config: AppConfig, io: CliOutput): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cohort: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        encoding: { type: 'string', default: 'auto' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, path, ...rest] = args.positionals;
  const cohortId = Number(args.values.cohort);
  const encoding = args.values.encoding as CsvEncoding;
  if (command !== 'import' || !path || rest.length || !Number.isInteger(cohortId) || cohortId < 1 || !ENCODINGS.includes(encoding)) {
    io.err(USAGE);
    return 2;
  }

  const buffer = await readFile(path).catch(() => null);
  if (!buffer) {
    io.err(`Cannot read ${path}`);
    return 2;
  }
  const filename = basename(path);
  const total = /\.xlsx$/i.test(filename) ? null : estimateCsvRows(buffer);
  // The import runs beside the service on the same database: the service's jobs stay with the service.
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, runJobs: false }), { logger: ['error', 'warn'] });
  try {
    const report = await app.get(StudentImportService).import(
      null,
      cohortId,
      {
        buffer,
        filename,
        mimetype: /\.xlsx$/i.test(filename) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
      },
      { dryRun: args.values['dry-run'] ?? false, encoding, onProgress: (rows) => io.progress?.(progressLine(rows, total)) },
    );
    printReport(report, io);
    return report.errors.length ? 1 : 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.extra) printReport(error.extra as unknown as ImportReportDto, io);
    io.err(error.message);
    return error.code === 'IMPORT_REJECTED' ? 1 : 2;
  } finally {
    await app.close();
  }
}

function printReport(report: ImportReportDto, io: CliOutput): void {
  for (const w of report.warnings) io.out(`warning: row ${w.row}, ${w.column}: ${w.message}`);
  for (const e of report.errors)
    io.err(`error: ${e.row === null ? 'file' : `row ${e.row}`}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
  if (report.errorsOmitted) io.err(`… and ${report.errorsOmitted} more errors`);
  for (const i of report.ineligible) io.out(`ineligible: row ${i.row}: ${i.reasons.join('; ')}`);
  if (report.errors.length) return;
  io.out(report.dryRun ? 'Dry run: the file is good; nothing was saved.' : `Imported ${report.imported} students.`);
}
