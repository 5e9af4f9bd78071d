import { fieldLabel, HeaderMapping, ImportField, mapHeader } from '../rules/import-columns';
import { Cell, ImportedApplicant, parseImportRow } from '../rules/import-row';
import { NewApplicant, NewStudentCheck, NewStudentField } from '../rules/new-student';
import { AcceptedStudent } from '../student-intake.service';
import { ImportProblemDto, ImportReportDto } from './import-report.dto';
import { SheetRow, SpreadsheetFileError } from './spreadsheet-file';
import { nextTurn } from '../../common/next-turn';

/** Rows looked up and inserted together; the event loop gets a turn after each chunk of rows read. */
export const IMPORT_CHUNK_ROWS = 1000;
/** Data rows one file may hold (blank rows are not counted); more is 413. */
export const MAX_IMPORT_ROWS = 100_000;

export const MAX_REPORTED_ERRORS = 10_000;

interface PendingRow {
  row: number;
  applicant: ImportedApplicant;
}

/** The cells of a row as the check of a new student reads them; the enterprise comes from its credit code. */
const IMPORT_COLUMN: Record<NewStudentField, ImportField> = {
  nationalId: 'nationalId',
  majorPreferences: 'majorPreferences',
  intendedEnterpriseId: 'intendedEnterpriseCreditCode',
  applicationDate: 'applicationDate',
  status: 'status',
  statusDate: 'statusDate',
  majorCode: 'majorCode',
  'bankAccount.bankName': 'bankName',
  'bankAccount.accountName': 'accountName',
  'bankAccount.accountNumber': 'accountNumber',
};

/** What the run reads from the database, outside any transaction. */
export interface ImportRunContext {
  /** Today's business date: the default application date, and the limit for birth dates. */
  today: string;
  /** The check single intake makes too, for a chunk of rows at a time, in row order (StudentIntakeService.check). */
  check: (applicants: NewApplicant[]) => Promise<NewStudentCheck[]>;
  enterpriseIdsByCreditCode: (creditCodes: string[]) => Promise<Map<string, number>>;
  dryRun: boolean;
  onProgress?: (rowsRead: number) => void;
}

/**
 * An import in two passes. `check` reads the file as it streams in, checks every row (database look-ups a
 * chunk at a time, no transaction held) and keeps the good rows compactly; `save` then writes them in one
 * short transaction. The event loop gets a turn every chunk on both passes, whatever the rows hold.
 */
export class ImportRun {
  private mapping?: HeaderMapping;
  private readonly report: ImportReportDto;
  private readonly firstRowOfId = new Map<string, number>();
  private readonly enterpriseIdByCode = new Map<string, number | null>();
  private pending: PendingRow[] = [];
  private readonly accepted: AcceptedStudent[] = [];
  private rowsRead = 0;
  private recordsRead = 0;

  constructor(private readonly context: ImportRunContext) {
    this.report = { dryRun: context.dryRun, imported: 0, errors: [], warnings: [], ineligible: [] };
  }

  /** The report of every problem; `warnings` are those found while opening the file. */
  async check(rows: AsyncIterable<SheetRow>, warnings: ImportProblemDto[]): Promise<ImportReportDto> {
    this.report.warnings.push(...warnings);
    for await (const row of rows) {
      if (++this.recordsRead % IMPORT_CHUNK_ROWS === 0) await nextTurn();
      if (!this.mapping) {
        this.readHeader(row);
        if (this.report.errors.length) return this.report;
        continue;
      }
      if (row.cells.every((cell) => cell === null || String(cell).trim() === '')) continue;
      if (++this.rowsRead > MAX_IMPORT_ROWS) {
        throw new SpreadsheetFileError(
          'TOO_LARGE',
          `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows: at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows are imported from one file; split it`,
        );
      }
      this.readRow(row);
      if (this.pending.length >= IMPORT_CHUNK_ROWS) await this.flush();
    }
    await this.flush();
    if (!this.mapping || this.rowsRead === 0) throw new SpreadsheetFileError('UNREADABLE', 'The file has no applicant rows');
    // Database checks run a chunk at a time, after the row checks: put the report back in row order.
    this.report.errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return this.report;
  }

  private readHeader(row: SheetRow): void {
    this.mapping = mapHeader(row.cells.map((cell) => (cell === null ? '' : String(cell))));
    for (const { column, message } of this.mapping.errors) this.fail(row.number, column, message);
    this.report.warnings.push(...this.mapping.warnings.map(({ column, message }) => ({ row: row.number, column, message })));
  }

  private readRow(row: SheetRow): void {
    const cells: Partial<Record<ImportField, Cell>> = {};
    this.mapping!.columns.forEach((field, index) => {
      if (field) cells[field] = row.cells[index] ?? null;
    });
    const result = parseImportRow(cells, this.context.today);
    if (!result.ok) {
      for (const error of result.errors) this.fail(row.number, this.columnOf(error.field), error.message);
      return;
    }
    const { applicant } = result;
    const firstRow = this.firstRowOfId.get(applicant.nationalId);
    if (firstRow !== undefined) {
      this.fail(row.number, this.columnOf('nationalId'), `the same national ID as row ${firstRow}`);
      return;
    }
    this.firstRowOfId.set(applicant.nationalId, row.number);
    this.pending.push({ row: row.number, applicant });
  }

  /**
   * Hands the checked rows to `write` (StudentIntakeService.save inside the caller's transaction) a chunk at a
   * time; answers how many. A student added between the passes makes the unique index refuse the insert, and
   * the caller rolls back.
   */
  async save(write: (students: AcceptedStudent[]) => Promise<unknown>): Promise<number> {
    for (let start = 0; start < this.accepted.length; start += IMPORT_CHUNK_ROWS) {
      await write(this.accepted.slice(start, start + IMPORT_CHUNK_ROWS));
      await nextTurn();
    }
    return this.accepted.length;
  }

  /** Checks a chunk against the cohort and keeps its good rows. */
  private async flush(): Promise<void> {
    const chunk = this.pending;
    this.pending = [];
    if (!chunk.length) return;
    const enterpriseIdOf = await this.resolveEnterprises(chunk);
    const unknownEnterprise = new Set<number>();
    const applicants = chunk.map(({ row, applicant: { intendedEnterpriseCreditCode: code, ...applicant } }): NewApplicant => {
      const enterpriseId = code === null ? null : enterpriseIdOf.get(code)!;
      if (code !== null && enterpriseId === null) {
        unknownEnterprise.add(row);
        this.fail(row, this.columnOf('intendedEnterpriseCreditCode'), `no enterprise has the credit code ${code}`);
      }
      return { ...applicant, intendedEnterpriseId: enterpriseId };
    });
    const accepted: AcceptedStudent[] = [];
    (await this.context.check(applicants)).forEach((result, i) => {
      const { row } = chunk[i];
      if (!result.ok) {
        for (const problem of result.problems) this.fail(row, this.columnOf(IMPORT_COLUMN[problem.field]), problem.message);
      } else if (!unknownEnterprise.has(row)) {
        if (!result.record.eligible) this.report.ineligible.push({ row, reasons: result.record.ineligibleReasons });
        accepted.push({ record: result.record, takeover: result.takeover, bankAccount: result.bankAccount });
      }
    });
    // Nothing will be saved from a dry run or a file with an error: keep no rows.
    if (this.context.dryRun || this.report.errors.length) this.accepted.length = 0;
    else this.accepted.push(...accepted);
    this.context.onProgress?.(this.rowsRead);
  }

  /** The enterprise of each credit code of the chunk, looked up once per import. */
  private async resolveEnterprises(chunk: PendingRow[]): Promise<Map<string, number | null>> {
    const unknown = [...new Set(chunk.map((p) => p.applicant.intendedEnterpriseCreditCode))].filter(
      (code): code is string => code !== null && !this.enterpriseIdByCode.has(code),
    );
    if (unknown.length) {
      const found = await this.context.enterpriseIdsByCreditCode(unknown);
      for (const code of unknown) this.enterpriseIdByCode.set(code, found.get(code) ?? null);
    }
    return this.enterpriseIdByCode;
  }

  private columnOf(field: ImportField): string {
    const index = this.mapping!.columns.indexOf(field);
    return index >= 0 ? this.mapping!.labels[index] : fieldLabel(field);
  }

  private fail(row: number | null, column: string | null, message: string): void {
    if (this.report.errors.length < MAX_REPORTED_ERRORS) this.report.errors.push({ row, column, message } satisfies ImportProblemDto);
    else this.report.errorsOmitted = (this.report.errorsOmitted ?? 0) + 1;
  }
}
