import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { DownloadFile } from '../../common/http/attachment';
import { CohortsRepository } from '../../programs/cohorts.repository';
import { StudentListFormat } from '../dto/student-query.dto';
import { CohortStudentFilter, StudentsRepository } from '../students.repository';
import { writeCsv } from './csv-writer';
import { ExportCell, STUDENT_EXPORT_COLUMNS, STUDENT_EXPORT_HEADERS, toStudentExportRow } from './student-export-columns';
import { writeXlsx } from './xlsx-writer';

export type StudentExportFormat = Exclude<StudentListFormat, 'json'>;

/** Students read from the database per query while a download is written; memory stays bounded by it. */
export const STUDENT_EXPORT_CHUNK_SIZE = 1000;

export const STUDENT_EXPORT_SHEET_NAME = '学生名单';

const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WRITERS: Record<StudentExportFormat, { contentType: string; write: (rows: AsyncIterable<ExportCell[]>) => Readable }> = {
  csv: { contentType: 'text/csv; charset=utf-8', write: (rows) => writeCsv(STUDENT_EXPORT_HEADERS, rows) },
  xlsx: { contentType: XLSX_MEDIA_TYPE, write: (rows) => writeXlsx(STUDENT_EXPORT_SHEET_NAME, STUDENT_EXPORT_COLUMNS, rows) },
};

/** Downloads of a cohort's filtered student list as CSV or XLSX, streamed in keyset chunks. */
@Injectable()
export class StudentExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentsRepository,
    private readonly cohorts: CohortsRepository,
  ) {}

  /** The cohort is checked before the first byte, so an unknown one is still a 404 in the JSON error shape. */
  async exportCohort(cohortId: number, format: StudentExportFormat, filter: CohortStudentFilter): Promise<DownloadFile> {
    await this.cohorts.getCohort(this.dataSource.manager, cohortId);
    const writer = WRITERS[format];
    return {
      stream: writer.write(this.rowsInCohort(cohortId, filter)),
      contentType: writer.contentType,
      fileName: `cohort-${cohortId}-students.${format}`,
    };
  }

  /** Read lazily: a chunk is fetched only when the writer has taken the previous one. */
  private async *rowsInCohort(cohortId: number, filter: CohortStudentFilter): AsyncGenerator<ExportCell[]> {
    let afterId = 0;
    for (;;) {
      const chunk = await this.students.chunkInCohortAfter(this.dataSource.manager, cohortId, filter, afterId, STUDENT_EXPORT_CHUNK_SIZE);
      for (const student of chunk) yield toStudentExportRow(student);
      if (chunk.length < STUDENT_EXPORT_CHUNK_SIZE) return;
      afterId = chunk[chunk.length - 1].id;
    }
  }
}
