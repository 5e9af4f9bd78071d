import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AuthUser } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { isUniqueViolation } from '../../common/errors/unique-violation';
import { TransactionRunner } from '../../common/transaction-runner';
import { CohortsRepository } from '../../programs/cohorts.repository';
import { MajorEntity } from '../../programs/major.entity';
import { ImportReportDto } from './import-report.dto';
import { ImportRun } from './import-run';
import { SpreadsheetFileError, UploadedFile } from './spreadsheet-file';
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
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks every row first with no transaction held, then saves the good file in one short transaction, so
   * on SQLite (one writer at a time) other writes wait only for the inserts, not for the checks.
   */
  async import(actor: AuthUser | null, cohortId: number, file: UploadedFile, options: ImportOptions): Promise<ImportReportDto> {
    const manager = this.dataSource.manager;
    const cohort = await this.cohorts.getCohortWithProgram(manager, cohortId);
    const majors = await manager.find(MajorEntity, { select: { code: true }, where: { cohortId } });
    const run = new ImportRun({
      manager,
      cohort,
      majorCodes: new Set(majors.map((m) => m.code)),
      dryRun: options.dryRun,
      now: this.clock.now(),
      today: this.clock.today(),
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
        const imported = await run.save(tx, actor, (m, records) => this.audit.recordMany(m, records));
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

const FILE_ERROR_CODES: Record<SpreadsheetFileError['kind'], ErrorCode> = {
  UNSUPPORTED: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNREADABLE: 'UNPROCESSABLE',
};

function unreadable(error: SpreadsheetFileError, dryRun: boolean): DomainError {
  const report: ImportReportDto = {
    dryRun,
    imported: 0,
    errors: [{ row: null, column: null, message: error.message }],
    warnings: [],
    ineligible: [],
  };
  return new DomainError(FILE_ERROR_CODES[error.kind], error.message, undefined, { ...report });
}
