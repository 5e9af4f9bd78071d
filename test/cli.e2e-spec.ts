import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runCli, USAGE } from '../src/cli/cli';
import { AppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { StudentEntity } from '../src/students/student.entity';
import { saveCohortWithMajors } from './factories/reference-data';
import { applicantRow, CHINESE_HEADER, csv, xlsx } from './factories/spreadsheets';
import { createTestApp, testConfig } from './utils/test-app';

describe('Command line import (e2e)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tec-cli-'));
  let config: AppConfig;
  let dataSource: DataSource;
  let cohortId: number;

  beforeAll(async () => {
    // The CLI opens its own connection, so on SQLite both sides need a file rather than memory.
    const base = testConfig();
    config = base.database.type === 'sqlite' ? { ...base, database: { type: 'sqlite', path: join(folder, 'cli.sqlite') } } : base;
    await (await createTestApp(config)).close();
    dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
    cohortId = (await saveCohortWithMajors(dataSource)).cohort.id;
  });
  afterAll(() => dataSource.destroy());

  const run = async (...argv: string[]) => {
    const output = { out: [] as string[], err: [] as string[], progress: [] as string[] };
    const code = await runCli(argv, config, {
      out: (line) => output.out.push(line),
      err: (line) => output.err.push(line),
      progress: (line) => output.progress.push(line),
    });
    return { code, ...output };
  };
  const file = (name: string, content: Buffer) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };
  const count = () => dataSource.getRepository(StudentEntity).countBy({ cohortId });

  it('checks a file with --dry-run and saves nothing', async () => {
    const path = file('good.csv', csv(CHINESE_HEADER, [applicantRow(), applicantRow()]));
    const result = await run('import', '--cohort', String(cohortId), path, '--dry-run');
    expect(result).toMatchObject({ code: 0, out: ['Dry run: the file is good; nothing was saved.'], err: [] });
    expect(await count()).toBe(0);
  });

  it('imports a file, drawing progress against the estimated total', async () => {
    const rows = Array.from({ length: 1100 }, () => applicantRow());
    const result = await run('import', '--cohort', String(cohortId), file('many.csv', csv(CHINESE_HEADER, rows)));
    expect(result.code).toBe(0);
    expect(result.out).toEqual(['Imported 1100 students.']);
    expect(result.progress.at(-1)).toMatch(/\[#+\] 100% 1,100 rows/);
    expect(await count()).toBe(1100);
  });

  it('imports an XLSX file, counting rows without a total', async () => {
    const before = await count();
    const result = await run('import', '--cohort', String(cohortId), file('one.xlsx', await xlsx(CHINESE_HEADER, [applicantRow()])));
    expect(result).toMatchObject({ code: 0, out: ['Imported 1 students.'], progress: ['1 rows'] });
    expect(await count()).toBe(before + 1);
  });

  it('prints the same errors as the API and exits 1, saving nothing', async () => {
    const before = await count();
    const path = file('bad.csv', csv(CHINESE_HEADER, [applicantRow(), applicantRow({ majorPreferences: 'M77' })]));
    const result = await run('import', '--cohort', String(cohortId), path);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      `error: row 3, 专业志愿: not majors of cohort ${cohortId}: M77`,
      '1 error in the file; nothing was imported',
    ]);
    expect(await count()).toBe(before);
  });

  it('exits 2 with the usage for a wrong command, a missing file or an unknown cohort', async () => {
    expect(await run('export', '--cohort', '1', 'x.csv')).toMatchObject({ code: 2, err: [USAGE] });
    expect(await run('import', 'x.csv')).toMatchObject({ code: 2, err: [USAGE] });
    expect(await run('import', '--cohort', '1', '--bogus', 'x.csv')).toMatchObject({ code: 2 });
    expect(await run('import', '--cohort', '1', join(folder, 'missing.csv'))).toMatchObject({
      code: 2,
      err: [expect.stringContaining('Cannot read')],
    });
    const path = file('fine.csv', csv(CHINESE_HEADER, [applicantRow()]));
    expect(await run('import', '--cohort', '999999', path)).toMatchObject({ code: 2, err: ['Cohort 999999 not found'] });
  });
});
