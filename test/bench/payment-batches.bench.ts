import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { UserEntity } from '../../src/auth/user.entity';
import { AccountNumberCipher } from '../../src/bank-accounts/account-number-cipher';
import { StudentBankAccountEntity } from '../../src/bank-accounts/student-bank-account.entity';
import { AuthUser } from '../../src/common/auth/auth-user';
import { bulkInsert } from '../../src/common/bulk-insert';
import { AppConfig, DatabaseConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { BankFileService } from '../../src/payment-batches/bank-file.service';
import { PaymentBatchesService } from '../../src/payment-batches/payment-batches.service';
import { ReturnFileService } from '../../src/payment-batches/return-file.service';
import { csv } from '../factories/spreadsheets';
import { BenchResult, summary, timed } from './bench-table';
import { BenchDatabase, benchConfig, freshDatabase, migrate } from './bench-env';
import { generateProvinceDataset } from './province-dataset';

/** 10,000 enrolled students × their first year's education fund and living allowance: 20,000 lines in the batch. */
const STUDENTS = 10_000;
const LINES = STUDENTS * 2;
/** One line in this many comes back 失败 from the bank: 100 of 20,000. */
const FAILED_EVERY = 200;
/** Paired repetitions after one warm-up pair; PAYMENT_BATCH_RUNS overrides it. */
const RUNS = Math.max(1, Number(process.env.PAYMENT_BATCH_RUNS ?? 7));
const TARGET = 3;
/** The province dataset's cohorts start in 2024 and 2023: both first years are due by then. */
const DUE = '2024-09-30';
const AT = '2024-08-20T00:00:00.000Z';
const BANK_NAME = '中国农业银行织金县支行';
const RETURN_HEADER = ['户名', '账号', '金额', '状态', '失败原因', '流水号'];
const FAILURE_REASON = '账户已冻结';
/** The key the app encrypts account numbers with in this run; the dataset is sealed with it by the service's cipher. */
const BANK_ACCOUNT_KEY = randomBytes(32);

const STEPS = ['create', 'export', 'reconcile'] as const;
type Step = (typeof STEPS)[number];
type StepTimes = Record<Step, number>;

const appConfig = (database: DatabaseConfig): AppConfig => ({ ...benchConfig(database), bankAccountKey: BANK_ACCOUNT_KEY });

/** What both sides are given before any clock starts: the acting staff member and the bank's return file. */
interface Prepared {
  staff: AuthUser;
  returnFile: Buffer;
  businessTimeZone: string;
}

/** One way of doing the three steps on its own copy of the prepared database. */
interface Side {
  create(): Promise<void>;
  /** The bank file's bytes. */
  export(): Promise<Buffer>;
  reconcile(): Promise<void>;
  close(): Promise<void>;
  /** The baseline's last reconcile: the time of its UPDATEs and COMMIT alone, the file already read and matched. */
  updatesMs?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// The dataset: made once per database, copied for every run.

/**
 * The province dataset (province-dataset.ts, as the read and lists benches make it) at 10,000 students, each with a bank account sealed by the
 * service's AccountNumberCipher as the app stores it; the first year's education fund and living allowance of
 * every student APPROVED (20,000 PROGRAM lines due by DUE; the other 70,000 lines stay SCHEDULED); a staff member
 * to act. Bulk INSERTs through a DataSource, no app. The return file answers the lines in bank-file order (line
 * id): 19,900 成功 with a serial number each and 100 失败.
 */
async function prepareTemplate(database: DatabaseConfig): Promise<Prepared> {
  await migrate(database);
  const dataSource = await new DataSource(dataSourceOptions(database)).initialize();
  try {
    const dataset = await generateProvinceDataset(dataSource, STUDENTS);
    const cipher = new AccountNumberCipher({ bankAccountKey: BANK_ACCOUNT_KEY });
    const accountNumbers = new Map<number, string>();
    const [staffUser] = await dataSource.transaction(async (manager) => {
      await bulkInsert(
        manager,
        StudentBankAccountEntity,
        dataset.students.map(({ studentId }, i) => {
          const accountNumber = `622848${String(i + 1).padStart(13, '0')}`;
          accountNumbers.set(studentId, accountNumber);
          const sealed = cipher.seal({ bankName: BANK_NAME, accountName: `学生${i}`, accountNumber });
          return { studentId, ...sealed, updatedAt: AT, updatedBy: null };
        }),
      );
      return bulkInsert(
        manager,
        UserEntity,
        [
          {
            username: 'bench-staff',
            passwordHash: 'not-a-hash: the bench never signs in',
            role: 'staff',
            mustChangePassword: false,
            createdAt: AT,
            tokenVersion: 0,
            sessionEpoch: 0,
            active: true,
          },
        ],
        ['id'],
      );
    });
    const staff: AuthUser = { id: Number(staffUser.id), username: 'bench-staff', role: 'staff', enterpriseId: null, studentId: null };
    await dataSource.query(
      `UPDATE "disbursement_line" SET "status" = 'APPROVED', "approvedAt" = '${AT}', "approvedBy" = ${staff.id}, "statusChangedAt" = '${AT}' ` +
        `WHERE "payer" = 'PROGRAM' AND "studyYear" = 1 AND "installment" = 1 AND "kind" IN ('EDUCATION_FUND', 'LIVING_ALLOWANCE')`,
    );
    const lines: { id: number; studentId: number; amountFen: number; accountName: string }[] = await dataSource.query(
      'SELECT l."id", l."studentId", l."amountFen", a."accountName" FROM "disbursement_line" l ' +
        `JOIN "student_bank_account" a ON a."studentId" = l."studentId" WHERE l."status" = 'APPROVED' ORDER BY l."id"`,
    );
    if (lines.length !== LINES) throw new Error(`prepared ${lines.length} approved lines, not ${LINES}`);
    const returnFile = csv(
      RETURN_HEADER,
      lines.map((line, j) => {
        const failed = j % FAILED_EVERY === FAILED_EVERY - 1;
        const yuan = `${Math.floor(line.amountFen / 100)}.${String(line.amountFen % 100).padStart(2, '0')}`;
        const reference = `ABC2024${String(j + 1).padStart(10, '0')}`;
        return [
          line.accountName,
          accountNumbers.get(Number(line.studentId))!,
          yuan,
          failed ? '失败' : '成功',
          failed ? FAILURE_REASON : '',
          failed ? '' : reference,
        ];
      }),
    );
    if (database.type === 'postgres') await dataSource.query('VACUUM ANALYZE');
    else {
      await dataSource.query('ANALYZE');
      // Everything in the main file, so a copy of that file alone is the whole database.
      await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    }
    return { staff, returnFile, businessTimeZone: appConfig(database).businessTimeZone };
  } finally {
    await dataSource.destroy();
  }
}

/** A fresh copy of the prepared database for each side of each run: a copy of the SQLite file, or `CREATE DATABASE … TEMPLATE`. */
function copier(template: DatabaseConfig, postgresUrl: string | undefined): () => Promise<BenchDatabase> {
  if (template.type === 'sqlite') {
    return async () => {
      const folder = mkdtempSync(join(tmpdir(), 'tec-bench-batch-'));
      const path = join(folder, 'bench.sqlite');
      copyFileSync(template.path, path);
      return { database: { type: 'sqlite', path }, dispose: async () => rmSync(folder, { recursive: true, force: true }) };
    };
  }
  const templateName = new URL(template.url).pathname.slice(1);
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let copies = 0;
  return async () => {
    const name = `${templateName}_${++copies}`;
    await admin(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
    const url = new URL(template.url);
    url.pathname = `/${name}`;
    return { database: { type: 'postgres', url: url.toString() }, dispose: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The system: the Nest app, its services called in-process as the controller calls them (no HTTP).

async function systemSide(database: DatabaseConfig, prepared: Prepared): Promise<Side> {
  const app = await createApp(appConfig(database), false);
  const { staff, returnFile } = prepared;
  let batchId = 0;
  return {
    async create() {
      const batch = await app.get(PaymentBatchesService).create(staff, { dueOnOrBefore: DUE });
      if (batch.lineCount !== LINES || batch.skipped.length)
        throw new Error(`system: batch of ${batch.lineCount} lines, ${batch.skipped.length} skipped`);
      batchId = batch.id;
    },
    async export() {
      const file = await app.get(BankFileService).bankFile(staff, batchId, { format: 'csv', layout: 'generic' });
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async reconcile() {
      const result = await app
        .get(ReturnFileService)
        .reconcile(staff, batchId, { buffer: returnFile, filename: '代发结果.csv', mimetype: 'text/csv' });
      const failed = LINES / FAILED_EVERY;
      if (result.paid !== LINES - failed || result.failed !== failed || result.status !== 'RECONCILED') {
        throw new Error(`system: reconciled ${JSON.stringify(result)}`);
      }
    },
    close: () => app.close(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The baseline: the same rows written by the raw driver, one transaction per step.
//
// What it does, on both databases:
//   create     INSERT the batch row; one SELECT of the APPROVED PROGRAM lines due by DUE, in no batch, joined
//              with their student's bank account, in id order; UPDATE each line's paymentBatchId; INSERT each
//              batch line (sequence, line, student, amount, the account's four columns copied); UPDATE the batch's
//              count and total.
//   export     SELECT the batch row and its lines joined with disbursement_line and student (as the service's
//              linesOfBatch), in sequence order; decrypt each account number with node:crypto AES-256-GCM (the
//              cipher's format, its code inlined); write the generic layout's CSV by hand (BOM, CRLF, quotes
//              where needed, 合计 row); SHA-256 of it; UPDATE the batch EXPORTED with the hash. The bench checks
//              that its bytes are the system's, byte for byte.
//   reconcile  parse the return file with csv-parse, its columns taken in the known order; SELECT the batch's
//              lines and decrypt their accounts; match each row to the first unanswered line of the same account
//              and amount; then UPDATE each disbursement line (PAID with its serial number, or APPROVED with
//              BANK_FAILURE and the bank's reason), UPDATE each batch line's result, UPDATE the batch RECONCILED.
//              `updatesMs` is the time from the first of these UPDATEs to the commit.
// How it writes: on SQLite one prepared statement run per row (better-sqlite3 is in-process, so a row costs no
// round trip: the fastest way there is); on PostgreSQL one statement per table, the rows sent as arrays
// (`= ANY($n)`, `unnest(…)`), since a statement per row would cost 20,000 round trips and make a slow baseline.
// What it does not do: no audit rows (the system writes 40,003 in the three steps); no row locks (SELECT … FOR
// UPDATE) and no chunks with turns for other requests; no conditional UPDATEs (status still APPROVED, still in
// no batch / this batch) and no count of rows moved; no batch status checks; no ORM (no entity objects, no
// TypeORM parameter handling); no header mapping, row validation (amount, status words, reference, dates),
// 序号 matching, or check against an earlier return file; no student standing for failed transfers (the
// students are all ENROLLED, so the system writes the same values); no layouts, no formula neutralisation.
// The bench checks that both sides end with the same lines, batch lines and batch (timestamps aside).

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

interface PayableRow {
  id: number;
  studentId: number;
  amountFen: number;
  bankName: string;
  accountName: string;
  accountNumberCipher: string;
  accountNumberMasked: string;
}

interface ExportRow {
  sequence: number;
  lineId: number;
  accountName: string;
  accountNumberCipher: string;
  bankName: string;
  amountFen: number;
  kind: string;
  studyYear: number;
  installment: number;
  fullName: string;
}

interface HeldRow {
  id: number;
  lineId: number;
  amountFen: number;
  accountNumberCipher: string;
}

/** What a return file's row writes on its line and its batch line. */
interface Settlement {
  lineId: number;
  batchLineId: number;
  paid: boolean;
  reference: string | null;
  reason: string | null;
}

const sql = (text: string, postgres: boolean): string => {
  let n = 0;
  return postgres ? text.replace(/\?/g, () => `$${++n}`) : text;
};

const PAYABLE_SQL =
  'SELECT l."id", l."studentId", l."amountFen", a."bankName", a."accountName", a."accountNumberCipher", a."accountNumberMasked" ' +
  'FROM "disbursement_line" l JOIN "student_bank_account" a ON a."studentId" = l."studentId" ' +
  `WHERE l."status" = 'APPROVED' AND l."payer" = 'PROGRAM' AND l."paymentBatchId" IS NULL AND l."dueDate" <= ? ORDER BY l."id"`;
const INSERT_BATCH_SQL =
  'INSERT INTO "payment_batch" ("cohortId", "dueOnOrBefore", "kind", "status", "lineCount", "totalFen", "createdAt", "createdBy") ' +
  `VALUES (NULL, ?, NULL, 'OPEN', 0, 0, ?, ?) RETURNING "id"`;
const BATCH_LINE_COLUMNS =
  '"batchId", "sequence", "lineId", "studentId", "amountFen", "bankName", "accountName", "accountNumberCipher", "accountNumberMasked"';
const EXPORT_SQL =
  'SELECT bl."sequence", bl."lineId", bl."accountName", bl."accountNumberCipher", bl."bankName", bl."amountFen", ' +
  'l."kind", l."studyYear", l."installment", s."fullName" FROM "payment_batch_line" bl ' +
  'JOIN "disbursement_line" l ON l."id" = bl."lineId" JOIN "student" s ON s."id" = bl."studentId" WHERE bl."batchId" = ? ORDER BY bl."sequence"';
const EXPORTED_SQL = `UPDATE "payment_batch" SET "status" = 'EXPORTED', "exportedAt" = ?, "exportedBy" = ?, "bankFileSha256" = ?, "bankFileLayout" = 'generic' WHERE "id" = ?`;
const HELD_SQL =
  'SELECT "id", "lineId", "amountFen", "accountNumberCipher" FROM "payment_batch_line" WHERE "batchId" = ? ORDER BY "sequence"';
const RECONCILED_SQL = `UPDATE "payment_batch" SET "status" = 'RECONCILED', "reconciledAt" = ? WHERE "id" = ?`;

function decrypt(stored: string): string {
  const [, nonce, tag, body] = stored.split('.');
  const decipher = createDecipheriv('aes-256-gcm', BANK_ACCOUNT_KEY, Buffer.from(nonce, 'base64url'), { authTagLength: 16 });
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

const KIND_NAMES: Record<string, string> = { EDUCATION_FUND: '教育资助金', LIVING_ALLOWANCE: '生活补助', WINTER_FARE: '寒假路费' };
const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const csvCell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The generic layout's CSV, written by hand. */
function bankCsv(rows: ExportRow[], lineCount: number, totalFen: number): Buffer {
  const records = [['序号', '户名', '账号', '开户行', '金额', '用途']];
  for (const r of rows) {
    const purpose = `${KIND_NAMES[r.kind]} 第${r.studyYear}学年第${r.installment}期 #${r.lineId}`;
    records.push([String(r.sequence), r.accountName, decrypt(r.accountNumberCipher), r.bankName, yuan(Number(r.amountFen)), purpose]);
  }
  records.push(['合计', '', '', '', yuan(totalFen), `共 ${lineCount} 笔`]);
  return Buffer.from(`\uFEFF${records.map((record) => record.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** The return file's rows matched to the batch's lines by account and amount, first unanswered line first. */
function matchReturnFile(file: Buffer, held: HeldRow[]): Settlement[] {
  const byPayee = new Map<string, HeldRow[]>();
  for (const line of held) {
    const key = `${decrypt(line.accountNumberCipher)}/${line.amountFen}`;
    const queue = byPayee.get(key);
    if (queue) queue.push(line);
    else byPayee.set(key, [line]);
  }
  const records: string[][] = parse(file, { bom: true, from_line: 2 });
  return records.map(([, account, amount, status, reason, reference]) => {
    const [whole, fraction = ''] = amount.split('.');
    const line = byPayee.get(`${account}/${Number(whole) * 100 + Number(fraction.padEnd(2, '0'))}`)?.shift();
    if (!line) throw new Error(`baseline: no line for ${account} ${amount}`);
    const paid = status === '成功';
    return {
      lineId: Number(line.lineId),
      batchLineId: Number(line.id),
      paid,
      reference: paid ? reference : null,
      reason: paid ? null : reason,
    };
  });
}

/** The values written, computed once so both databases' baselines write the same. */
function settlementValues(s: Settlement, now: string, today: string, staffId: number) {
  return s.paid
    ? { status: 'PAID', paidAt: now, paidBy: staffId, reference: s.reference, cause: null, reason: null, effective: null, result: 'PAID' }
    : {
        status: 'APPROVED',
        paidAt: null,
        paidBy: null,
        reference: null,
        cause: 'BANK_FAILURE',
        reason: s.reason,
        effective: today,
        result: 'FAILED',
      };
}

const businessToday = (timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

function sqliteBaseline(path: string, prepared: Prepared): Side {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const staffId = prepared.staff.id;
  let batchId = 0;
  const side: Side = {
    async create() {
      const now = new Date().toISOString();
      db.transaction(() => {
        batchId = (db.prepare(INSERT_BATCH_SQL).get(DUE, now, staffId) as { id: number }).id;
        const lines = db.prepare(PAYABLE_SQL).all(DUE) as PayableRow[];
        const hold = db.prepare('UPDATE "disbursement_line" SET "paymentBatchId" = ? WHERE "id" = ?');
        const insert = db.prepare(`INSERT INTO "payment_batch_line" (${BATCH_LINE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
        let totalFen = 0;
        lines.forEach((l, i) => {
          hold.run(batchId, l.id);
          insert.run(
            batchId,
            i + 1,
            l.id,
            l.studentId,
            l.amountFen,
            l.bankName,
            l.accountName,
            l.accountNumberCipher,
            l.accountNumberMasked,
          );
          totalFen += l.amountFen;
        });
        db.prepare('UPDATE "payment_batch" SET "lineCount" = ?, "totalFen" = ? WHERE "id" = ?').run(lines.length, totalFen, batchId);
      })();
    },
    async export() {
      const now = new Date().toISOString();
      return db.transaction(() => {
        const batch = db.prepare('SELECT "lineCount", "totalFen" FROM "payment_batch" WHERE "id" = ?').get(batchId) as {
          lineCount: number;
          totalFen: number;
        };
        const bytes = bankCsv(db.prepare(EXPORT_SQL).all(batchId) as ExportRow[], batch.lineCount, batch.totalFen);
        db.prepare(EXPORTED_SQL).run(now, staffId, createHash('sha256').update(bytes).digest('hex'), batchId);
        return bytes;
      })();
    },
    async reconcile() {
      const now = new Date().toISOString();
      const today = businessToday(prepared.businessTimeZone);
      db.exec('BEGIN');
      try {
        const settlements = matchReturnFile(prepared.returnFile, db.prepare(HELD_SQL).all(batchId) as HeldRow[]);
        const start = process.hrtime.bigint();
        const settle = db.prepare(
          'UPDATE "disbursement_line" SET "status" = ?, "paidAt" = ?, "paidBy" = ?, "reference" = ?, "statusCause" = ?, "statusReason" = ?, ' +
            '"statusEffectiveDate" = ?, "statusChangedAt" = ?, "paymentBatchId" = NULL WHERE "id" = ?',
        );
        const result = db.prepare(
          'UPDATE "payment_batch_line" SET "result" = ?, "failureReason" = ?, "bankReference" = ?, "resultAt" = ? WHERE "id" = ?',
        );
        for (const s of settlements) {
          const v = settlementValues(s, now, today, staffId);
          settle.run(v.status, v.paidAt, v.paidBy, v.reference, v.cause, v.reason, v.effective, now, s.lineId);
          result.run(v.result, v.reason, v.reference, now, s.batchLineId);
        }
        db.prepare(RECONCILED_SQL).run(now, batchId);
        db.exec('COMMIT');
        side.updatesMs = Number(process.hrtime.bigint() - start) / 1e6;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    close: async () => void db.close(),
  };
  return side;
}

async function postgresBaseline(url: string, prepared: Prepared): Promise<Side> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const q = async (text: string, values: unknown[] = []) => (await client.query(sql(text, true), values)).rows;
  const inTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await client.query('BEGIN');
    try {
      const value = await work();
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
  const staffId = prepared.staff.id;
  let batchId = 0;
  const side: Side = {
    async create() {
      const now = new Date().toISOString();
      await inTransaction(async () => {
        batchId = (await q(INSERT_BATCH_SQL, [DUE, now, staffId]))[0].id;
        const lines = (await q(PAYABLE_SQL, [DUE])) as PayableRow[];
        await q('UPDATE "disbursement_line" SET "paymentBatchId" = ? WHERE "id" = ANY(?::int[])', [batchId, lines.map((l) => l.id)]);
        await q(
          `INSERT INTO "payment_batch_line" (${BATCH_LINE_COLUMNS}) SELECT ?::int, * FROM unnest(?::int[], ?::int[], ?::int[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])`,
          [
            batchId,
            lines.map((_, i) => i + 1),
            lines.map((l) => l.id),
            lines.map((l) => l.studentId),
            lines.map((l) => l.amountFen),
            lines.map((l) => l.bankName),
            lines.map((l) => l.accountName),
            lines.map((l) => l.accountNumberCipher),
            lines.map((l) => l.accountNumberMasked),
          ],
        );
        const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
        await q('UPDATE "payment_batch" SET "lineCount" = ?, "totalFen" = ? WHERE "id" = ?', [lines.length, totalFen, batchId]);
      });
    },
    async export() {
      const now = new Date().toISOString();
      return inTransaction(async () => {
        const [batch] = await q('SELECT "lineCount", "totalFen" FROM "payment_batch" WHERE "id" = ?', [batchId]);
        const bytes = bankCsv((await q(EXPORT_SQL, [batchId])) as ExportRow[], Number(batch.lineCount), Number(batch.totalFen));
        await q(EXPORTED_SQL, [now, staffId, createHash('sha256').update(bytes).digest('hex'), batchId]);
        return bytes;
      });
    },
    async reconcile() {
      const now = new Date().toISOString();
      const today = businessToday(prepared.businessTimeZone);
      let start = 0n;
      await inTransaction(async () => {
        const settlements = matchReturnFile(prepared.returnFile, (await q(HELD_SQL, [batchId])) as HeldRow[]);
        start = process.hrtime.bigint();
        const values = settlements.map((s) => settlementValues(s, now, today, staffId));
        await q(
          'UPDATE "disbursement_line" AS t SET "status" = v."status", "paidAt" = v."paidAt", "paidBy" = v."paidBy", "reference" = v."reference", ' +
            '"statusCause" = v."cause", "statusReason" = v."reason", "statusEffectiveDate" = v."effective", "statusChangedAt" = ?, "paymentBatchId" = NULL ' +
            'FROM unnest(?::int[], ?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[]) ' +
            'AS v("id", "status", "paidAt", "paidBy", "reference", "cause", "reason", "effective") WHERE t."id" = v."id"',
          [
            now,
            settlements.map((s) => s.lineId),
            values.map((v) => v.status),
            values.map((v) => v.paidAt),
            values.map((v) => v.paidBy),
            values.map((v) => v.reference),
            values.map((v) => v.cause),
            values.map((v) => v.reason),
            values.map((v) => v.effective),
          ],
        );
        await q(
          'UPDATE "payment_batch_line" AS t SET "result" = v."result", "failureReason" = v."reason", "bankReference" = v."reference", "resultAt" = ? ' +
            'FROM unnest(?::int[], ?::varchar[], ?::varchar[], ?::varchar[]) AS v("id", "result", "reason", "reference") WHERE t."id" = v."id"',
          [
            now,
            settlements.map((s) => s.batchLineId),
            values.map((v) => v.result),
            values.map((v) => v.reason),
            values.map((v) => v.reference),
          ],
        );
        await q(RECONCILED_SQL, [now, batchId]);
      });
      // Up to the end of the COMMIT, as on SQLite.
      side.updatesMs = Number(process.hrtime.bigint() - start) / 1e6;
    },
    close: () => client.end(),
  };
  return side;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks, outside the clocks: both sides must have done the same work.

/** The lines, batch lines and batch as both sides leave them, timestamps aside. */
async function finalState(database: DatabaseConfig): Promise<string> {
  const queries = [
    'SELECT "id", "status", "statusCause", "statusReason", "reference", "paidBy", "paymentBatchId" FROM "disbursement_line" ' +
      `WHERE "studyYear" = 1 AND "installment" = 1 AND "kind" <> 'WINTER_FARE' ORDER BY "id"`,
    'SELECT "batchId", "sequence", "lineId", "studentId", "amountFen", "bankName", "accountName", "accountNumberCipher", "accountNumberMasked", ' +
      '"result", "failureReason", "bankReference" FROM "payment_batch_line" ORDER BY "sequence"',
    'SELECT "id", "status", "lineCount", "totalFen", "createdBy", "exportedBy", "bankFileSha256", "bankFileLayout" FROM "payment_batch" ORDER BY "id"',
  ];
  const hash = createHash('sha256');
  const counts: number[] = [];
  const read: Query =
    database.type === 'sqlite'
      ? async (text) => {
          const db = new Database(database.path, { readonly: true });
          try {
            return db.prepare(text).all() as Record<string, unknown>[];
          } finally {
            db.close();
          }
        }
      : async (text) => {
          const client = new Client({ connectionString: database.url });
          await client.connect();
          try {
            return (await client.query(text)).rows;
          } finally {
            await client.end();
          }
        };
  for (const text of queries) {
    const rows = await read(text);
    counts.push(rows.length);
    for (const row of rows) hash.update(JSON.stringify(Object.values(row).map((v) => (v === null ? null : String(v)))));
  }
  const paid = (await read(`SELECT COUNT(*) AS "n" FROM "disbursement_line" WHERE "status" = 'PAID'`))[0].n;
  return `${counts.join('/')} rows, ${String(paid)} paid, ${hash.digest('hex')}`;
}

function firstDifference(a: Buffer, b: Buffer): string {
  const [x, y] = [a, b].map((bytes) => bytes.toString('utf8').split('\r\n'));
  const i = x.findIndex((line, k) => line !== y[k]);
  return `line ${i + 1}: system ${JSON.stringify(x[i])}, baseline ${JSON.stringify(y[i])}`;
}

// ---------------------------------------------------------------------------------------------------------------

async function measure(kind: 'sqlite' | 'postgres', postgresUrl: string | undefined): Promise<BenchResult[]> {
  const template = await freshDatabase(kind, postgresUrl);
  try {
    const started = Date.now();
    const prepared = await prepareTemplate(template.database);
    console.error(
      `  ${kind}: ${STUDENTS.toLocaleString('en-US')} students, ${LINES.toLocaleString('en-US')} approved lines prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const copy = copier(template.database, postgresUrl);
    const pairs: { system: StepTimes; baseline: StepTimes; updatesMs: number }[] = [];
    // Run 0 warms both sides up and is not counted. Each run: a fresh copy for each side, then step by step the
    // system and the baseline one after the other, who goes first alternating from run to run, so a busy moment
    // of the shared machine falls on both.
    for (let run = 0; run <= RUNS; run++) {
      const copies = [await copy(), await copy()];
      const [systemDb, baselineDb] = copies;
      const sides: Partial<Record<'system' | 'baseline', Side>> = {};
      const times = { system: {} as StepTimes, baseline: {} as StepTimes };
      const files: Partial<Record<'system' | 'baseline', Buffer>> = {};
      try {
        sides.system = await systemSide(systemDb.database, prepared);
        sides.baseline =
          baselineDb.database.type === 'sqlite'
            ? sqliteBaseline(baselineDb.database.path, prepared)
            : await postgresBaseline(baselineDb.database.url, prepared);
        const order = run % 2 === 0 ? (['system', 'baseline'] as const) : (['baseline', 'system'] as const);
        for (const step of STEPS) {
          for (const name of order) {
            const side = sides[name]!;
            const { ms, value } = await timed(async () =>
              step === 'create' ? side.create() : step === 'export' ? side.export() : side.reconcile(),
            );
            times[name][step] = ms;
            if (step === 'export') files[name] = value as Buffer;
          }
        }
      } finally {
        await sides.system?.close();
        await sides.baseline?.close();
      }
      if (!files.system!.equals(files.baseline!))
        throw new Error(`the bank files differ at ${firstDifference(files.system!, files.baseline!)}`);
      const [systemState, baselineState] = [await finalState(systemDb.database), await finalState(baselineDb.database)];
      if (systemState !== baselineState)
        throw new Error(`the two sides ended differently: system ${systemState}, baseline ${baselineState}`);
      await Promise.all(copies.map((c) => c.dispose()));
      const show = (t: StepTimes) => STEPS.map((s) => `${s} ${Math.round(t[s])}`).join(', ');
      console.error(`  ${kind} run ${run}${run ? '' : ' (warm-up)'}: system ${show(times.system)} ms; baseline ${show(times.baseline)} ms`);
      if (run > 0) pairs.push({ ...times, updatesMs: sides.baseline!.updatesMs! });
    }
    const row = (figure: string, system: number[], baseline: number[], target: boolean): BenchResult => {
      const ratio = summary(system.map((s, i) => s / baseline[i])).median;
      const [systemTimes, baselineTimes] = [summary(system), summary(baseline)];
      return {
        benchmark: `payment-batches (${kind})`,
        figure,
        unit: 'ms',
        system: systemTimes.median,
        baseline: baselineTimes.median,
        systemSpread: systemTimes.spread,
        baselineSpread: baselineTimes.spread,
        ratio,
        target: target ? `time ≤ ${TARGET}× baseline` : 'none set',
        met: target ? ratio <= TARGET : null,
      };
    };
    const lines = LINES.toLocaleString('en-US');
    const of = (step: Step, side: 'system' | 'baseline') => pairs.map((p) => p[side][step]);
    const total = (side: 'system' | 'baseline') => pairs.map((p) => STEPS.reduce((sum, step) => sum + p[side][step], 0));
    return [
      row(
        `create a batch of ${lines} lines: PaymentBatchesService.create, in-process (no HTTP)`,
        of('create', 'system'),
        of('create', 'baseline'),
        true,
      ),
      row(`export its bank file as CSV: BankFileService.bankFile, in-process`, of('export', 'system'), of('export', 'baseline'), true),
      row(
        `reconcile a ${lines}-row return file: ReturnFileService.reconcile, in-process`,
        of('reconcile', 'system'),
        of('reconcile', 'baseline'),
        true,
      ),
      row(
        `  reconcile beside the baseline's UPDATEs + COMMIT alone (its file reading and matching left out)`,
        of('reconcile', 'system'),
        pairs.map((p) => p.updatesMs),
        false,
      ),
      row(`all three steps`, total('system'), total('baseline'), true),
    ];
  } finally {
    await template.dispose();
  }
}

/**
 * Issue 16, point 8: a payment batch of 20,000 lines made, its bank file exported and the bank's return file
 * reconciled, through the app's services in-process (no HTTP), each step beside a raw-driver baseline of the same
 * rows written, in alternating pairs on fresh copies of one prepared database. Times are medians of RUNS pairs;
 * the ratio is the median of the pairs' ratios.
 */
export async function paymentBatchesBenchmark(_script: string, postgresUrl: string | undefined): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const kind of postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
    results.push(...(await measure(kind, postgresUrl)));
  }
  return results;
}
