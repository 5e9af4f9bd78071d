import Database from 'better-sqlite3';
import { createSecretKey } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { verify } from 'jsonwebtoken';
import { Pool } from 'pg';
import { DisbursementLineEntity } from '../../src/disbursements/disbursement-line.entity';
import { toStudentDisbursementsResponse } from '../../src/disbursements/dto/disbursement-response.dto';

/**
 * Baseline for the read path: GET /api/me/disbursements with node:http and the raw driver. It does the
 * service's work minus Nest and TypeORM: verifies the JWT with the same secret, reads the lines in
 * schedule order (checking the student exists only when there are none), and answers the same JSON. Env: DATABASE_URL, JWT_SECRET, PORT.
 */
const STUDENT_SQL = 'SELECT * FROM "student" WHERE "id" = $1';
const LINES_SQL = `SELECT * FROM "disbursement_line" WHERE "studentId" = $1 ORDER BY "dueDate", "kind", "studyYear", "installment"`;

type Query = (studentId: number) => Promise<DisbursementLineEntity[] | null>;

function sqliteQuery(path: string): Query {
  const db = new Database(path, { readonly: true });
  db.pragma('journal_mode = WAL');
  const student = db.prepare(STUDENT_SQL.replace('$1', '?'));
  const lines = db.prepare(LINES_SQL.replace('$1', '?'));
  return async (studentId) => {
    const rows = lines.all(studentId) as DisbursementLineEntity[];
    return rows.length || student.get(studentId) ? rows : null;
  };
}

function postgresQuery(url: string): Query {
  // The service's pool size (data-source-options.ts).
  const pool = new Pool({ connectionString: url, max: 20 });
  return async (studentId) => {
    const { rows } = await pool.query<DisbursementLineEntity>({ name: 'lines', text: LINES_SQL, values: [studentId] });
    return rows.length || (await pool.query({ name: 'student', text: STUDENT_SQL, values: [studentId] })).rowCount ? rows : null;
  };
}

function main(): void {
  const url = process.env.DATABASE_URL!;
  const secret = createSecretKey(Buffer.from(process.env.JWT_SECRET!));
  const query = /^postgres(ql)?:\/\//.test(url) ? postgresQuery(url) : sqliteQuery(url.replace(/^sqlite:/, ''));
  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.url !== '/api/me/disbursements') return answer(response, 404, { code: 'NOT_FOUND' });
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    let studentId: number | null;
    try {
      studentId = (verify(match?.[1] ?? '', secret) as { studentId: number | null }).studentId;
    } catch {
      return answer(response, 401, { code: 'UNAUTHENTICATED' });
    }
    const lines = studentId === null ? null : await query(studentId);
    if (!lines) return answer(response, 404, { code: 'NOT_FOUND' });
    answer(response, 200, toStudentDisbursementsResponse(lines));
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => answer(response, 500, { code: 'INTERNAL' }));
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
}

main();
