import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AuthUser } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { TransactionRunner } from '../../common/transaction-runner';
import { CohortsRepository } from '../../programs/cohorts.repository';
import { MajorEntity } from '../../programs/major.entity';
import { ImportReportDto } from './import-report.dto';
import { ImportRun } from './import-run';
import { CsvEncoding, readSpreadsheet, SpreadsheetFileError, UploadedFile } from './spreadsheet-reader';

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

  async import(actor: AuthUser | null, cohortId: number, file: UploadedFile, options: ImportOptions): Promise<ImportReportDto> {
    const cohort = await this.cohorts.getCohortWithProgram(this.dataSource.manager, cohortId);
    const majors = await this.dataSource.manager.find(MajorEntity, { select: { code: true }, where: { cohortId } });
    const run = (manager: EntityManager, write: boolean) =>
      new ImportRun({
        manager,
        cohort,
        majorCodes: new Set(majors.map((m) => m.code)),
        write,
        now: this.clock.now(),
        actor,
        recordAudit: (m, records) => this.audit.recordMany(m, records),
        onProgress: options.onProgress,
      }).execute(readSpreadsheet(file, options.encoding));
    try {
      if (options.dryRun) return await run(this.dataSource.manager, false);
      return await this.transactions.run(async (manager) => {
        const report = await run(manager, true);
        if (report.errors.length) throw rejected(report);
        await this.audit.record(manager, {
          actor,
          action: 'students.imported',
          entityType: 'cohort',
          entityId: cohortId,
          after: { file: file.filename, sha256: createHash('sha256').update(file.buffer).digest('hex'), imported: report.imported },
        });
        return report;
      });
    } catch (error) {
      if (error instanceof SpreadsheetFileError) throw unreadable(error, options.dryRun);
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
  return new DomainError(error.kind === 'UNSUPPORTED' ? 'UNSUPPORTED_MEDIA_TYPE' : 'UNPROCESSABLE', error.message, undefined, {
    ...report,
  });
}
