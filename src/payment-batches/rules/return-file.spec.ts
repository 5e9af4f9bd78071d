import fc from 'fast-check';
import { BatchLineState, mapReturnHeader, matchReturnRows, parseReturnRow, ReturnRow, UNSTATED_REASON } from './return-file';

const LI = '6228480000000000011';
const WANG = '6228480000000000022';
const facts = { today: '2020-03-02', batchDate: '2020-03-01' };

const lineOf = (sequence: number, accountNumber: string, amountFen = 500000): BatchLineState => ({
  sequence,
  accountNumber,
  amountFen,
  result: null,
  bankReference: null,
});
const rowOf = (row: number, accountNumber: string, overrides: Partial<ReturnRow> = {}): ReturnRow => ({
  row,
  sequence: null,
  accountName: null,
  accountNumber,
  amountFen: 500000,
  result: 'PAID',
  failureReason: null,
  reference: `B${row}`,
  date: null,
  ...overrides,
});

describe('mapReturnHeader', () => {
  it('reads Chinese and English headers and the names banks use, ignoring other columns', () => {
    expect(mapReturnHeader(['序号', '收款人户名', '收款账号', '交易金额', '处理结果', '备注', '银行流水号', '用途']).columns).toEqual([
      'sequence',
      'accountName',
      'accountNumber',
      'amount',
      'status',
      'failureReason',
      'reference',
      null,
    ]);
    expect(mapReturnHeader(['accountNumber', 'Amount', ' status ', 'reference']).errors).toEqual([]);
  });

  it('names each required column that is missing, and a column given twice', () => {
    expect(mapReturnHeader(['户名', '账号', '账号']).errors.map((e) => [e.column, e.message])).toEqual([
      ['账号', 'a second 账号 (accountNumber) column'],
      ['金额 (amount)', 'required column is missing'],
      ['状态 (status)', 'required column is missing'],
    ]);
  });
});

describe('parseReturnRow', () => {
  const cells = { accountName: '李明', accountNumber: LI, amount: '5000.00', status: '成功', reference: 'B1' };

  it('reads a success and a failure, with the bank reason or a plain one when none is given', () => {
    expect(parseReturnRow(2, cells)).toEqual({ ok: true, value: rowOf(2, LI, { accountName: '李明', reference: 'B1' }) });
    const failed = parseReturnRow(3, { ...cells, status: '交易失败', reference: '', failureReason: '' });
    expect(failed).toMatchObject({ ok: true, value: { result: 'FAILED', failureReason: UNSTATED_REASON, reference: null } });
  });

  it('skips blank rows and the total row', () => {
    expect(parseReturnRow(9, { accountNumber: '', amount: null })).toBeNull();
    expect(parseReturnRow(9, { sequence: '合计', amount: '20000.00' })).toBeNull();
  });

  it('reads the transfer date in the forms banks write it', () => {
    for (const date of ['2020-03-02', '2020/3/2', '20200302', '2020.03.02']) {
      expect(parseReturnRow(2, { ...cells, date })).toMatchObject({ ok: true, value: { date: '2020-03-02' } });
    }
  });

  it('names every bad cell of the row', () => {
    const result = parseReturnRow(4, {
      accountNumber: 6228480000000000000,
      amount: '5000.005',
      status: '处理中',
      sequence: 'x',
      date: '2020-02-30',
    });
    expect(result).toMatchObject({ ok: false });
    const errors = result && !result.ok ? result.errors : [];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [4, '账号 (accountNumber)'],
      [4, '金额 (amount)'],
      [4, '状态 (status)'],
      [4, '序号 (sequence)'],
      [4, '日期 (date)'],
    ]);
    expect(errors[0].message).toContain('stored as a number');
  });

  it('requires the serial number of a successful transfer', () => {
    const result = parseReturnRow(2, { ...cells, reference: '' });
    expect(result && !result.ok && result.errors[0].column).toBe('流水号 (reference)');
  });
});

describe('matchReturnRows', () => {
  it('gives two lines with the same account and amount one row each, in order', () => {
    const lines = [lineOf(1, LI), lineOf(2, LI), lineOf(3, WANG)];
    const result = matchReturnRows(
      [rowOf(2, LI), rowOf(3, LI, { result: 'FAILED', reference: null, failureReason: 'x' }), rowOf(4, WANG)],
      lines,
      facts,
    );
    expect(result).toEqual({
      ok: true,
      outcomes: [
        { row: expect.objectContaining({ row: 2 }), sequence: 1, change: 'PAID' },
        { row: expect.objectContaining({ row: 3 }), sequence: 2, change: 'FAILED' },
        { row: expect.objectContaining({ row: 4 }), sequence: 3, change: 'PAID' },
      ],
    });
  });

  it('refuses rows that match no line, one row too many, a 序号 that disagrees, and dates out of range', () => {
    const lines = [lineOf(1, LI), lineOf(2, WANG)];
    const result = matchReturnRows(
      [
        rowOf(2, LI, { amountFen: 499999 }),
        rowOf(3, WANG),
        rowOf(4, WANG),
        rowOf(5, LI, { sequence: 2 }),
        rowOf(6, LI, { sequence: 9 }),
        rowOf(7, LI, { date: '2020-03-03' }),
      ],
      lines,
      facts,
    );
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors.map((e) => e.row)).toEqual([2, 4, 5, 6, 7]);
    expect(errors[0].message).toContain('matches no line');
    expect(errors[1].message).toContain('other rows of this file already answered');
    expect(errors[2].message).toContain('does not match line 2');
    expect(errors[3].message).toContain('has no line 9');
    expect(errors[4]).toMatchObject({ column: '日期 (date)', message: expect.stringContaining('after today') });
  });

  it('refuses a row that contradicts what an earlier file recorded', () => {
    const paid = { ...lineOf(1, LI), result: 'PAID' as const, bankReference: 'B2' };
    expect(matchReturnRows([rowOf(2, LI)], [paid], facts)).toMatchObject({ ok: true, outcomes: [{ change: 'UNCHANGED' }] });
    const other = matchReturnRows([rowOf(3, LI)], [paid], facts);
    expect(other).toMatchObject({
      ok: false,
      errors: [{ row: 3, message: expect.stringContaining('already recorded as 成功 (流水号 B2)') }],
    });
  });

  it('matches every line once whatever the order of the rows, and the same file again changes nothing', () => {
    const accounts = [LI, WANG, '6228480000000000033'];
    const batch = fc
      .array(fc.record({ account: fc.constantFrom(...accounts), amountFen: fc.constantFrom(150000, 500000), failed: fc.boolean() }), {
        minLength: 1,
        maxLength: 12,
      })
      .chain((specs) =>
        fc.tuple(
          fc.constant(specs),
          fc.shuffledSubarray(
            specs.map((_, i) => i),
            { minLength: specs.length },
          ),
        ),
      );
    fc.assert(
      fc.property(batch, ([specs, order]) => {
        const lines = specs.map((s, i) => lineOf(i + 1, s.account, s.amountFen));
        const rows = order.map((i, n) => {
          const s = specs[i];
          return rowOf(n + 2, s.account, {
            amountFen: s.amountFen,
            result: s.failed ? 'FAILED' : 'PAID',
            reference: s.failed ? null : `R${i}`,
            failureReason: s.failed ? '账户异常' : null,
          });
        });
        const first = matchReturnRows(rows, lines, facts);
        if (!first.ok) throw new Error(JSON.stringify(first.errors));
        expect(first.outcomes.map((o) => o.sequence).sort((a, b) => a - b)).toEqual(lines.map((l) => l.sequence));
        for (const o of first.outcomes) {
          const line = lines[o.sequence - 1];
          expect([line.accountNumber, line.amountFen]).toEqual([o.row.accountNumber, o.row.amountFen]);
        }
        const recorded = lines.map((line) => {
          const outcome = first.outcomes.find((o) => o.sequence === line.sequence)!;
          return { ...line, result: outcome.row.result, bankReference: outcome.row.reference };
        });
        const again = matchReturnRows(rows, recorded, facts);
        expect(again.ok && again.outcomes.every((o) => o.change === 'UNCHANGED')).toBe(true);
      }),
    );
  });
});
