import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InsertRow } from '../../src/common/bulk-insert';
import { StudentEntity } from '../../src/students/student.entity';
import { nationalId } from '../factories/ids';

const AT = '2019-06-01T00:00:00.000Z';

/**
 * Student `i` of a bench cohort, for `bulkInsert`. Birth dates move on every 1,000 students, so national IDs
 * (a 3-digit sequence per birth date) stay unique in a cohort up to 365,000 students.
 */
export function benchStudent(
  cohortId: number,
  i: number,
  fields: { majorCode: string } & Pick<InsertRow<StudentEntity>, 'status' | 'statusEffectiveDate'> & Partial<InsertRow<StudentEntity>>,
): InsertRow<StudentEntity> {
  const birthDate = new Date(Date.UTC(2004, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10);
  return {
    cohortId,
    fullName: `学生${i}`,
    nationalId: nationalId(i % 1000, birthDate.replace(/-/g, '')),
    gender: i % 2 ? 'MALE' : 'FEMALE',
    birthDate,
    phone: '13800001234',
    homeProvince: '贵州省',
    homeCounty: '织金县',
    povertyRegistered: true,
    examScore: 300 + (i % 300),
    majorPreferences: [fields.majorCode],
    eligible: true,
    ineligibleReasons: [],
    applicationDate: '2019-06-01',
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

/**
 * A new student's columns as the raw-driver baselines write them, without the ORM: what an engineer writes
 * against the driver. The import baseline's tuples give them in this order.
 */
export const RAW_STUDENT_COLUMNS = [
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
  'applicationDate',
  'majorCode',
  'status',
  'statusReason',
  'statusEffectiveDate',
  'eligible',
  'ineligibleReasons',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof StudentEntity)[];

/** A one-row INSERT with `?` markers for better-sqlite3 or `$n` for pg. */
export function rawInsertSql(table: string, columns: readonly string[], dollar: boolean): string {
  const markers = columns.map((_, i) => (dollar ? `$${i + 1}` : '?')).join(', ');
  return `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${markers})`;
}

/** A value as a field of PostgreSQL's CSV COPY format: NULL unquoted and empty, text quoted. */
const copyField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `"${String(value).replace(/"/g, '""')}"`;
};

/**
 * The PostgreSQL baseline a careful engineer writes for a bulk load: `COPY … FROM STDIN` (pg-copy-streams), the rows
 * streamed as CSV in `columns` order, in the caller's transaction.
 */
export async function copyRows(
  client: Client,
  table: string,
  columns: readonly string[],
  rows: AsyncIterable<unknown[]> | Iterable<unknown[]>,
): Promise<void> {
  const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  async function* lines(): AsyncGenerator<string> {
    let batch = '';
    for await (const row of rows) {
      batch += `${row.map(copyField).join(',')}\n`;
      if (batch.length > 64 * 1024) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(sql)));
}
