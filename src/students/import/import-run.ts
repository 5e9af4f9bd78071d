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
import { SheetRow, SpreadsheetFileError } from './spreadsheet-file';

/** Rows looked up and inserted together; the event loop gets a turn after each chunk of rows read. */
export const IMPORT_CHUNK_ROWS = 1000;
/** Data rows one file may hold (blank rows are not counted); more is 413. */
export const MAX_IMPORT_ROWS = 100_000;

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

type StudentRow = Record<(typeof STUDENT_COLUMNS)[number], unknown>;

interface PendingRow {
  row: number;
  applicant: ImportedApplicant;
}

export interface ImportRunContext {
  /** Reads for the checks, outside any transaction. */
  manager: EntityManager;
  cohort: CohortWithProgram;
  majorCodes: ReadonlySet<string>;
  dryRun: boolean;
  now: Date;
  /** The business date of `now`: the APPLIED date, and the limit for birth dates. */
  today: string;
  onProgress?: (rowsRead: number) => void;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * An import in two passes. `check` reads the file as it streams in, checks every row (database look-ups a
 * chunk at a time, no transaction held) and keeps the good rows compactly; `save` then inserts them in one
 * short transaction. The event loop gets a turn every chunk on both passes, whatever the rows hold.
 */
export class ImportRun {
  private mapping?: HeaderMapping;
  private readonly report: ImportReportDto;
  private readonly firstRowOfId = new Map<string, number>();
  private readonly enterpriseIdByCode = new Map<string, number | null>();
  private pending: PendingRow[] = [];
  private readonly accepted: StudentRow[] = [];
  private rowsRead = 0;
  private recordsRead = 0;
  private readonly today: string;
  private readonly nowIso: string;
  private readonly eligibilityRules: EligibilityRules;

  constructor(private readonly context: ImportRunContext) {
    this.report = { dryRun: context.dryRun, imported: 0, errors: [], warnings: [], ineligible: [] };
    this.nowIso = context.now.toISOString();
    this.today = context.today;
    this.eligibilityRules = {
      homeCounties: context.cohort.program.eligibleHomeCounties,
      requirePovertyRegistration: context.cohort.program.requirePovertyRegistration,
    };
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

  /**
   * Inserts the checked rows and their audit entries inside the caller's transaction; answers how many.
   * A student added between the passes makes the unique index refuse the insert, and the caller rolls back.
   */
  async save(
    manager: EntityManager,
    actor: AuditRecord['actor'],
    recordAudit: (manager: EntityManager, records: AuditRecord[]) => Promise<void>,
  ): Promise<number> {
    const { cohort } = this.context;
    for (let start = 0; start < this.accepted.length; start += IMPORT_CHUNK_ROWS) {
      const chunk = this.accepted.slice(start, start + IMPORT_CHUNK_ROWS);
      const rows = chunk.map((student) => STUDENT_COLUMNS.map((column) => student[column]));
      const saved = await bulkInsert(manager, 'student', STUDENT_COLUMNS, rows, ['id', 'nationalId']);
      const idOf = new Map(saved.map((row) => [row.nationalId as string, Number(row.id)]));
      await recordAudit(
        manager,
        chunk.map((s) => ({
          actor,
          action: 'student.imported',
          entityType: 'student',
          entityId: idOf.get(s.nationalId as string)!,
          after: { cohortId: cohort.id, fullName: s.fullName, nationalIdMasked: maskNationalId(s.nationalId as string), status: 'APPLIED' },
        })),
      );
      await nextTurn();
    }
    return this.accepted.length;
  }

  /** Checks a chunk against the database and keeps its good rows. */
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
    const students = accepted.map(({ row, applicant }) => this.toRow(row, applicant));
    // Nothing will be saved from a dry run or a file with an error: keep no rows.
    if (this.context.dryRun || this.report.errors.length) this.accepted.length = 0;
    else this.accepted.push(...students);
    this.context.onProgress?.(this.rowsRead);
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

  /** The student as inserted (JSON columns as text, as TypeORM's simple-json stores them); notes ineligibility. */
  private toRow(row: number, a: ImportedApplicant): StudentRow {
    const eligibility = evaluateEligibility(a, this.eligibilityRules);
    if (!eligibility.eligible) this.report.ineligible.push({ row, reasons: eligibility.reasons });
    return {
      cohortId: this.context.cohort.id,
      fullName: a.fullName,
      nationalId: a.nationalId,
      gender: a.gender,
      birthDate: a.birthDate,
      phone: a.phone,
      homeProvince: a.homeProvince,
      homeCounty: a.homeCounty,
      povertyRegistered: a.povertyRegistered,
      examScore: a.examScore,
      majorPreferences: JSON.stringify(a.majorPreferences),
      intendedEnterpriseId: a.intendedEnterpriseCreditCode ? this.enterpriseIdByCode.get(a.intendedEnterpriseCreditCode)! : null,
      guardianName: a.guardianName,
      guardianPhone: a.guardianPhone,
      majorCode: null,
      status: 'APPLIED',
      statusReason: null,
      statusEffectiveDate: this.today,
      eligible: eligibility.eligible,
      ineligibleReasons: JSON.stringify(eligibility.reasons),
      createdAt: this.nowIso,
      updatedAt: this.nowIso,
    };
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
