import { parse } from 'csv-parse/sync';
import { csvBuffer, csvText, writeCsv } from './csv-writer';

const readBack = (bytes: Buffer): string[][] => parse(bytes.subarray(3).toString('utf8'));

async function written(rows: (string | number)[][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of writeCsv(
    ['姓名', '成绩'],
    (async function* () {
      yield* rows;
    })(),
  ))
    chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('csvText', () => {
  it('neutralises the start of every line of a cell, not only the first', () => {
    expect(csvText('王\n=1+2')).toBe("王\n'=1+2");
    expect(csvText('=A1\r\n+B2\r-C3')).toBe("'=A1\r\n'+B2\r'-C3");
    expect(csvText('李小龙')).toBe('李小龙');
  });
});

describe('CSV files', () => {
  it('quote a cell holding a bare LF or CR, so no line of the file starts with its second line', async () => {
    for (const bytes of [
      await written([
        ['王\n=1+2', 1],
        ['赵\r@SUM(A1)', 2],
      ]),
      csvBuffer([
        ['王\n=1+2', 1],
        ['赵\r@SUM(A1)', 2],
      ]),
    ]) {
      const lines = bytes.toString('utf8').split(/\r\n|\r|\n/);
      expect(lines.filter((line) => /^[=+\-@]/.test(line))).toEqual([]);
      expect(readBack(bytes).slice(-2)).toEqual([
        ["王\n'=1+2", '1'],
        ["赵\r'@SUM(A1)", '2'],
      ]);
    }
  });

  it('start with a byte-order mark, end lines with CRLF and keep numbers bare', async () => {
    const bytes = await written([['=HYPERLINK("x")', -3]]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('姓名,成绩\r\n"\'=HYPERLINK(""x"")",-3\r\n');
  });
});
