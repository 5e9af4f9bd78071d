import { BankFileLine, bankFileRow, bankFileTotalRow, GENERIC_LAYOUT, parseLayouts, purposeOf } from './bank-file';

const line: BankFileLine = {
  sequence: 3,
  lineId: 1234,
  accountName: '李明',
  accountNumber: '6228480012345678901',
  bankName: '中国农业银行织金县支行',
  amountFen: 500050,
  kind: 'LIVING_ALLOWANCE',
  studyYear: 2,
  installment: 1,
};

describe('bank file rows', () => {
  it('writes the generic layout: 序号, 户名, the whole 账号, 开户行, 金额 in yuan and 用途 naming the line', () => {
    expect(GENERIC_LAYOUT.columns.map((c) => c.header)).toEqual(['序号', '户名', '账号', '开户行', '金额', '用途']);
    expect(bankFileRow(GENERIC_LAYOUT, line)).toEqual([
      '3',
      '李明',
      '6228480012345678901',
      '中国农业银行织金县支行',
      '5000.50',
      '生活补助 第2学年第1期 #1234',
    ]);
    expect(purposeOf({ ...line, kind: 'EDUCATION_FUND', studyYear: 1 })).toBe('教育资助金 第1学年第1期 #1234');
  });

  it('ends with a total row of the count and the sum', () => {
    expect(bankFileTotalRow(GENERIC_LAYOUT, 4, 2000000)).toEqual(['合计', '', '', '', '20000.00', '共 4 笔']);
  });

  it('follows a configured layout, columns in its order', () => {
    const [layout] = parseLayouts(
      [
        {
          name: 'abc-zhijin',
          columns: [
            { header: '收款账号', field: 'accountNumber' },
            { header: '收款人', field: 'accountName' },
            { header: '金额(分)', field: 'amountFen' },
          ],
          totalRow: false,
          csvEncoding: 'gb18030',
        },
      ],
      'layouts.json',
    );
    expect(layout).toMatchObject({ name: 'abc-zhijin', totalRow: false, csvEncoding: 'gb18030' });
    expect(bankFileRow(layout, line)).toEqual(['6228480012345678901', '李明', '500050']);
    expect(bankFileTotalRow(layout, 2, 1000)).toEqual(['合计', '', '1000']);
  });
});

describe('parseLayouts', () => {
  const column = (field: string, header = field) => ({ header, field });
  const valid = { name: 'b', columns: [column('accountNumber'), column('accountName'), column('amountYuan')] };

  it.each([
    [{}, 'must hold a JSON array'],
    [[{ ...valid, name: 'Bad Name' }], 'name must be 1 to 40 of a-z'],
    [[{ ...valid, columns: [] }], 'columns must be a non-empty array'],
    [[{ ...valid, columns: [column('iban'), ...valid.columns] }], 'column 1: field must be one of'],
    [[{ ...valid, columns: [column('accountName'), column('amountYuan')] }], 'has no accountNumber column'],
    [[{ ...valid, columns: [column('accountNumber'), column('accountName')] }], 'has no amount column'],
    [[{ ...valid, colour: 'red' }], 'unknown keys: colour'],
    [[{ ...valid, csvEncoding: 'big5' }], 'csvEncoding must be utf-8 or gb18030'],
    [[valid, valid], 'layout name b is used twice'],
    [[{ ...valid, name: 'generic' }], 'layout name generic is used twice'],
  ])('refuses %j naming the mistake', (json, message) => {
    expect(() => parseLayouts(json, 'layouts.json')).toThrow(message);
  });
});
