import { text } from 'node:stream/consumers';
import { DataSource } from 'typeorm';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { CohortsRepository } from '../../programs/cohorts.repository';
import { StudentEntity } from '../student.entity';
import { StudentsRepository } from '../students.repository';
import { STUDENT_EXPORT_CHUNK_SIZE, StudentExportService } from './student-export.service';

const student = (id: number): StudentEntity =>
  ({
    id,
    fullName: `学生${id}`,
    nationalId: '52052420040315002X',
    gender: 'FEMALE',
    birthDate: '2004-03-15',
    phone: '13800001234',
    homeProvince: '贵州省',
    homeCounty: '织金县',
    povertyRegistered: true,
    examScore: 400,
    majorPreferences: ['M01'],
    intendedEnterpriseId: null,
    guardianName: null,
    guardianPhone: null,
    majorCode: null,
    status: 'APPLIED',
    eligible: true,
    ineligibleReasons: [],
  }) as unknown as StudentEntity;

function build(count: number, cohortExists = true) {
  const all = Array.from({ length: count }, (_, i) => student(i + 1));
  const chunkInCohortAfter = jest.fn(async (_m: unknown, _c: number, _f: unknown, afterId: number, limit: number) =>
    all.filter((s) => s.id > afterId).slice(0, limit),
  );
  const getCohort = jest.fn(async (_m: unknown, id: number) => {
    if (!cohortExists) throw notFound('Cohort', id);
    return { id };
  });
  const service = new StudentExportService(
    { manager: {} } as DataSource,
    { chunkInCohortAfter } as unknown as StudentsRepository,
    { getCohort } as unknown as CohortsRepository,
  );
  return { service, chunkInCohortAfter };
}

const dataLines = (csv: string): string[] => csv.split('\r\n').filter(Boolean).slice(1);

describe('StudentExportService', () => {
  it('reads chunk after chunk from the last id seen and stops at a short chunk', async () => {
    const { service, chunkInCohortAfter } = build(2 * STUDENT_EXPORT_CHUNK_SIZE + 5);
    const file = await service.exportCohort(1, 'csv', {});
    expect(dataLines(await text(file.stream))).toHaveLength(2 * STUDENT_EXPORT_CHUNK_SIZE + 5);
    expect(chunkInCohortAfter.mock.calls.map((call) => call[3])).toEqual([0, STUDENT_EXPORT_CHUNK_SIZE, 2 * STUDENT_EXPORT_CHUNK_SIZE]);
  });

  it('asks once more after a full last chunk, and ends on the empty answer', async () => {
    const { service, chunkInCohortAfter } = build(STUDENT_EXPORT_CHUNK_SIZE);
    const file = await service.exportCohort(1, 'csv', {});
    expect(dataLines(await text(file.stream))).toHaveLength(STUDENT_EXPORT_CHUNK_SIZE);
    expect(chunkInCohortAfter).toHaveBeenCalledTimes(2);
  });

  it('refuses an unknown cohort before reading any student', async () => {
    const { service, chunkInCohortAfter } = build(3, false);
    await expect(service.exportCohort(9, 'xlsx', {})).rejects.toBeInstanceOf(DomainError);
    expect(chunkInCohortAfter).not.toHaveBeenCalled();
  });

  it('names the file after the cohort and gives the media type of the format', async () => {
    const { service } = build(0);
    const csv = await service.exportCohort(12, 'csv', {});
    const xlsx = await service.exportCohort(12, 'xlsx', {});
    expect([csv.fileName, csv.contentType]).toEqual(['cohort-12-students.csv', 'text/csv; charset=utf-8']);
    expect([xlsx.fileName, xlsx.contentType]).toEqual([
      'cohort-12-students.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    csv.stream.destroy();
    xlsx.stream.destroy();
  });
});
