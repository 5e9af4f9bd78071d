import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { saveCohortWithMajors } from './factories/reference-data';
import { ADMIN, createTestApp, loginAdmin, TestApp } from './utils/test-app';

type Answer = { status: number; body: string } | { error: string };

const MIB = 1024 * 1024;
const TIMES = 20;

/**
 * A body over its limit is answered 413 and the client reads the answer: the rest of the body is drained, not cut
 * off by a closed connection (issue 18). The requests come from another process, as a browser's or partner's would.
 */
describe('Bodies over the limit (e2e)', () => {
  let t: TestApp;
  let base: string;
  let token: string;
  let cohortId: number;

  beforeAll(async () => {
    t = await createTestApp();
    token = await loginAdmin(t);
    cohortId = (await saveCohortWithMajors(t.dataSource)).cohort.id;
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(() => t.close());

  const send = async (
    path: string,
    headers: Record<string, string>,
    kind: 'json' | 'form' | 'multipart',
    bytes: number,
  ): Promise<Answer[]> => {
    const spec = JSON.stringify({ url: base + path, headers, kind, bytes, count: TIMES });
    const { stdout } = await promisify(execFile)(process.execPath, [resolve(__dirname, 'utils/send-over-limit.js'), spec], {
      maxBuffer: 16 * MIB,
    });
    return JSON.parse(stdout) as Answer[];
  };
  const statuses = (answers: Answer[]) => answers.map((a) => ('status' in a ? a.status : a.error));
  const auth = () => ({ authorization: `Bearer ${token}` });

  it.each([2, 25])(
    'answers a %i MiB JSON body 413 every time, in the error shape',
    async (mib) => {
      const answers = await send('/api/programs', { ...auth(), 'content-type': 'application/json' }, 'json', mib * MIB);
      expect(statuses(answers)).toEqual(Array(TIMES).fill(413));
      expect(JSON.parse((answers[0] as { body: string }).body)).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    },
    120_000,
  );

  it('answers a 25 MiB upload to the import 413 every time, naming the limit, and imports nothing', async () => {
    const answers = await send(`/api/cohorts/${cohortId}/students/import`, auth(), 'multipart', 25 * MIB);
    expect(statuses(answers)).toEqual(Array(TIMES).fill(413));
    for (const answer of answers) {
      expect(JSON.parse((answer as { body: string }).body)).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining('larger than 20 MiB'),
      });
    }
  }, 180_000);

  it('answers a 25 MiB file sent to the import page with the page, saying the limit in Chinese, every time', async () => {
    const { cookie, csrf } = await signInToPages();
    const answers = await send(
      `/staff/cohorts/${cohortId}/import?dryRun=true&_csrf=${encodeURIComponent(csrf)}`,
      { cookie },
      'multipart',
      25 * MIB,
    );
    expect(statuses(answers)).toEqual(Array(TIMES).fill(413));
    expect((answers[0] as { body: string }).body).toContain('文件超过 20 MiB 的上限');
  }, 180_000);

  it.each([
    ['zh', '提交的内容太大，未保存任何内容。'],
    ['en', 'What was sent is too large; nothing was saved.'],
  ])(
    'answers a 2 MiB form sent to a page with the page in its language (%s), every time, not the API error',
    async (lang, sentence) => {
      const { cookie } = await signInToPages();
      const answers = await send(`/staff/cohorts/${cohortId}/approve-due`, { cookie: `${cookie}; lang=${lang}` }, 'form', 2 * MIB);
      expect(statuses(answers)).toEqual(Array(TIMES).fill(413));
      for (const answer of answers) {
        const page = (answer as { body: string }).body;
        expect(page).toMatch(/^<!doctype html>/);
        expect(page).toContain(sentence);
        expect(page).not.toContain('PAYLOAD_TOO_LARGE');
      }
    },
    120_000,
  );

  it('keeps serving the connection after a 413', async () => {
    await send('/api/programs', { ...auth(), 'content-type': 'application/json' }, 'json', 2 * MIB);
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
  }, 60_000);

  /** A staff page session as a browser gets one: the sign-in form, its cookie and token, then a page with a form. */
  async function signInToPages(): Promise<{ cookie: string; csrf: string }> {
    const jar = new Map<string, string>();
    const keep = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const tokenOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const form = await fetch(`${base}/login`);
    keep(form);
    const signedIn = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: tokenOf(await form.text()), username: ADMIN.username, password: ADMIN.password }),
    });
    keep(signedIn);
    const page = await fetch(`${base}/staff/cohorts/${cohortId}`, { headers: { cookie: cookie() } });
    keep(page);
    expect(page.status).toBe(200);
    return { cookie: cookie(), csrf: tokenOf(await page.text()) };
  }
});
