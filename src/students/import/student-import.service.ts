import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { isUniqueViolation } from '../../common/errors/unique-violation';
import { TransactionRunner } from '../../common/transaction-runner';
import { StudentIntakeService } from '../student-intake.service';
import { StudentsRepository } from '../students.repository';
import { ImportReportDto } from './import-report.dto';
import { ImportRun } from './import-run';
import { SPREADSHEET_ERROR_CODES, SpreadsheetFileError, UploadedFile } from './spreadsheet-file';
import { CsvEncoding, openSpreadsheet } from './spreadsheet-reader';

export interface ImportOptions {
  dryRun: boolean;
  encoding: CsvEncoding;
  onProgress?: (rowsRead: number) => void;
}

/** Bulk intake from a county's spreadsheet: all rows or none. Used by the HTTP API and the command line. */
@Injectable()
export class StudentImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly intakes: StudentIntakeService,
    private readonly students: StudentsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks every row first with no transaction held, then saves the good file in one short transaction, so
   * on SQLite (one writer at a time) other writes wait only for the inserts, not for the checks. Rows are
   * checked and written as single intake does it (StudentIntakeService), students taken over included.
   */
  async import(actor: AuthUser | null, cohortId: number, file: UploadedFile, options: ImportOptions): Promise<ImportReportDto> {
    const manager = this.dataSource.manager;
    const context = await this.intakes.context(manager, cohortId);
    const run = new ImportRun({
      today: context.facts.today,
      check: (applicants) => this.intakes.check(manager, context, applicants),
      enterpriseIdsByCreditCode: (codes) => this.students.enterpriseIdsByCreditCode(manager, codes),
      dryRun: options.dryRun,
      onProgress: options.onProgress,
    });
    let report: ImportReportDto;
    try {
      const { rows, warnings } = openSpreadsheet(file, options.encoding);
      report = await run.check(rows, warnings);
    } catch (error) {
      if (error instanceof SpreadsheetFileError) throw unreadable(error, options.dryRun);
      throw error;
    }
    if (options.dryRun) return report;
    if (report.errors.length) throw rejected(report);
    try {
      return await this.transactions.run(async (tx) => {
        const imported = await run.save((students) => this.intakes.save(tx, actor, students, 'IMPORT'));
        await this.audit.record(tx, {
          actor,
          action: 'students.imported',
          entityType: 'cohort',
          entityId: cohortId,
          after: { file: file.filename, sha256: createHash('sha256').update(file.buffer).digest('hex'), imported },
        });
        return { ...report, imported };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError(
          'CONFLICT',
          'Students of this file were added to the cohort while it was being checked; nothing was imported, send it again',
        );
      }
      if (error instanceof DomainError && error.code === 'CAPACITY_FULL') {
        throw new DomainError(
          'CONFLICT',
          `Seats were taken while the file was being checked (${error.message}); nothing was imported, send it again`,
        );
      }
      throw error;
    }
  }
}

function rejected(report: ImportReportDto): DomainError {
  const count = report.errors.length + (report.errorsOmitted ?? 0);
  return new DomainError('IMPORT_REJECTED', `${count} error${count === 1 ? '' : 's'} in the file; nothing was imported`, undefined, {
    ...report,
    imported: 0,
  });
}

function unreadable(error: SpreadsheetFileError, dryRun: boolean): DomainError {
  const report: ImportReportDto = {
    dryRun,
    imported: 0,
    errors: [{ row: null, column: null, message: error.message }],
    warnings: [],
    ineligible: [],
  };
  return new DomainError(SPREADSHEET_ERROR_CODES[error.kind], error.message, undefined, { ...report });
}
