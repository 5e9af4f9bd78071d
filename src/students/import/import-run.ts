import { EntityManager, In } from 'typeorm';
import { bulkInsert } from '../../common/bulk-insert';
import { bindMarkers } from '../../common/sql';
import { AuditRecord } from '../../audit/audit.service';
import { EnterpriseEntity } from '../../enterprises/enterprise.entity';
import { CohortWithProgram } from '../../programs/cohorts.repository';
import { EligibilityRules, evaluateEligibility } from '../rules/eligibility';
import { fieldLabel, HeaderMapping, ImportField, mapHeader } from '../rules/import-columns';
import { Cell, ImportedApplicant, parseImportRow } from '../rules/import-row';
import { maskNationalId } from '../rules/national-id';
import { StudentEntity } from '../student.entity';
import { ImportProblemDto, ImportReportDto } from './import-report.dto';
import { SheetRow, SpreadsheetFileError } from './spreadsheet-reader';

/** Rows looked up and inserted together. */
export const IMPORT_CHUNK_ROWS = 1000;

export const STUDENT_COLUMNS = [
  'cohortId',
  'fullName',
  'nationalId',
  'gender',
  'birthDate',
  'phone',
  'homeProvince',
  'homeCounty',
  'povertyRegistered',
  'examScore',
  'majorPreferences',
  'intendedEnterpriseId',
  'guardianName',
  'guardianPhone',
  'majorCode',
  'status',
  'statusReason',
  'statusEffectiveDate',
  'eligible',
  'ineligibleReasons',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof StudentEntity)[];

export const MAX_REPORTED_ERRORS = 10_000;

interface PendingRow {
  row: number;
  applicant: ImportedApplicant;
}

export interface ImportRunContext {
  manager: EntityManager;
  cohort: CohortWithProgram;
  majorCodes: ReadonlySet<string>;
  /** Write the rows (inside the caller's transaction), or only check them. */
  write: boolean;
  now: Date;
  recordAudit: (manager: EntityManager, records: AuditRecord[]) => Promise<void>;
  actor: AuditRecord['actor'];
  onProgress?: (rowsRead: number) => void;
}

/**
 * One pass over a spreadsheet: rows are checked as they stream in, looked up and (when writing) inserted
 * a chunk at a time, so a 100,000-row file is never held in memory. After the first error nothing more is
 * written, but every row is still checked so the report lists every problem; the caller rolls back.
 */
export class ImportRun {
  private mapping?: HeaderMapping;
  private readonly report: ImportReportDto;
  private readonly firstRowOfId = new Map<string, number>();
  private readonly enterpriseIdByCode = new Map<string, number | null>();
  private pending: PendingRow[] = [];
  private rowsRead = 0;
  private readonly today: string;
  private readonly nowIso: string;
  private readonly eligibilityRules: EligibilityRules;

  constructor(private readonly context: ImportRunContext) {
    this.report = { dryRun: !context.write, imported: 0, errors: [], warnings: [], ineligible: [] };
    this.nowIso = context.now.toISOString();
    this.today = this.nowIso.slice(0, 10);
    this.eligibilityRules = {
      homeCounties: context.cohort.program.eligibleHomeCounties,
      requirePovertyRegistration: context.cohort.program.requirePovertyRegistration,
    };
  }

  async execute(rows: AsyncIterable<SheetRow>): Promise<ImportReportDto> {
    for await (const row of rows) {
      if (!this.mapping) {
        this.readHeader(row);
        if (this.report.errors.length) return this.report;
        continue;
      }
      if (row.cells.every((cell) => cell === null || String(cell).trim() === '')) continue;
      this.rowsRead++;
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
    const result = parseImportRow(cells, this.today);
    if (!result.ok) {
      for (const error of result.errors) this.fail(row.number, this.columnOf(error.field), error.message);
      return;
    }
    const { applicant } = result;
    let valid = true;
    const unknownMajors = applicant.majorPreferences.filter((code) => !this.context.majorCodes.has(code));
    if (unknownMajors.length) {
      valid = this.fail(row.number, this.columnOf('majorPreferences'), `not majors of this cohort: ${unknownMajors.join(', ')}`);
    }
    const firstRow = this.firstRowOfId.get(applicant.nationalId);
    if (firstRow !== undefined) {
      valid = this.fail(row.number, this.columnOf('nationalId'), `the same national ID as row ${firstRow}`);
    } else {
      this.firstRowOfId.set(applicant.nationalId, row.number);
    }
    if (valid) this.pending.push({ row: row.number, applicant });
  }

  /** Checks a chunk against the database and, while the file is still clean, inserts it. */
  private async flush(): Promise<void> {
    const chunk = this.pending;
    this.pending = [];
    if (!chunk.length) return;
    const { manager, cohort } = this.context;
    await this.resolveEnterprises(chunk);
    const ids = chunk.map((p) => p.applicant.nationalId);
    const existing: { nationalId: string }[] = await manager.query(
      `SELECT "nationalId" FROM "student" WHERE "cohortId" = ${bindMarkers(manager, 1)} AND "nationalId" IN (${bindMarkers(manager, ids.length, 1)})`,
      [cohort.id, ...ids],
    );
    const taken = new Set(existing.map((s) => s.nationalId));
    const accepted = chunk.filter(({ row, applicant }) => {
      let ok = true;
      if (taken.has(applicant.nationalId))
        ok = this.fail(row, this.columnOf('nationalId'), 'a student with this national ID is already in the cohort');
      const code = applicant.intendedEnterpriseCreditCode;
      if (code && this.enterpriseIdByCode.get(code) === null) {
        ok = this.fail(row, this.columnOf('intendedEnterpriseCreditCode'), `no enterprise has the credit code ${code}`);
      }
      return ok;
    });
    const rows = accepted.map(({ row, applicant }) => this.toRow(row, applicant));
    if (this.context.write && !this.report.errors.length && !this.report.errorsOmitted) await this.insert(accepted, rows);
    this.context.onProgress?.(this.rowsRead);
    // better-sqlite3 is synchronous: let other requests in between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private async resolveEnterprises(chunk: PendingRow[]): Promise<void> {
    const unknown = [...new Set(chunk.map((p) => p.applicant.intendedEnterpriseCreditCode))].filter(
      (code): code is string => code !== null && !this.enterpriseIdByCode.has(code),
    );
    if (!unknown.length) return;
    const found = await this.context.manager.find(EnterpriseEntity, {
      select: { id: true, creditCode: true },
      where: { creditCode: In(unknown) },
    });
    for (const code of unknown) this.enterpriseIdByCode.set(code, found.find((e) => e.creditCode === code)?.id ?? null);
  }

  /** The row's values in STUDENT_COLUMNS order; JSON columns as text, as TypeORM's simple-json stores them. */
  private toRow(row: number, a: ImportedApplicant): unknown[] {
    const eligibility = evaluateEligibility(a, this.eligibilityRules);
    if (!eligibility.eligible) this.report.ineligible.push({ row, reasons: eligibility.reasons });
    const enterpriseId = a.intendedEnterpriseCreditCode ? this.enterpriseIdByCode.get(a.intendedEnterpriseCreditCode)! : null;
    return [
      this.context.cohort.id,
      a.fullName,
      a.nationalId,
      a.gender,
      a.birthDate,
      a.phone,
      a.homeProvince,
      a.homeCounty,
      a.povertyRegistered,
      a.examScore,
      JSON.stringify(a.majorPreferences),
      enterpriseId,
      a.guardianName,
      a.guardianPhone,
      null,
      'APPLIED',
      null,
      this.today,
      eligibility.eligible,
      JSON.stringify(eligibility.reasons),
      this.nowIso,
      this.nowIso,
    ];
  }

  private async insert(accepted: PendingRow[], rows: unknown[][]): Promise<void> {
    if (!rows.length) return;
    const { manager, cohort, actor } = this.context;
    const saved = await bulkInsert(manager, 'student', STUDENT_COLUMNS, rows, ['id', 'nationalId']);
    const idOf = new Map(saved.map((row) => [row.nationalId as string, Number(row.id)]));
    await this.context.recordAudit(
      manager,
      accepted.map(({ applicant: a }) => ({
        actor,
        action: 'student.imported',
        entityType: 'student',
        entityId: idOf.get(a.nationalId)!,
        after: { cohortId: cohort.id, fullName: a.fullName, nationalIdMasked: maskNationalId(a.nationalId), status: 'APPLIED' },
      })),
    );
    this.report.imported += saved.length;
  }

  private columnOf(field: ImportField): string {
    const index = this.mapping!.columns.indexOf(field);
    return index >= 0 ? this.mapping!.labels[index] : fieldLabel(field);
  }

  /** Records an error and answers false, so checks read `ok = this.fail(...)`. */
  private fail(row: number | null, column: string | null, message: string): false {
    if (this.report.errors.length < MAX_REPORTED_ERRORS) this.report.errors.push({ row, column, message } satisfies ImportProblemDto);
    else this.report.errorsOmitted = (this.report.errorsOmitted ?? 0) + 1;
    return false;
  }
}
