import { ImportField } from './import-columns';
import { Cell, parseImportRow } from './import-row';

const TODAY = '2019-07-01';
const good: Partial<Record<ImportField, Cell>> = {
  fullName: ' 张小燕 ',
  nationalId: '11010519491231002x',
  phone: '13800001234',
  homeProvince: '贵州省',
  homeCounty: '织金县',
  povertyRegistered: '是',
  examScore: '420.5',
  majorPreferences: 'M01;M02',
  intendedEnterpriseCreditCode: '91350100m000100y43',
  guardianName: '张大山',
  guardianPhone: '+86 139 0000 0001',
};

const errorsOf = (cells: Partial<Record<ImportField, Cell>>) => {
  const result = parseImportRow(cells, TODAY);
  return result.ok ? [] : result.errors;
};

describe('parseImportRow', () => {
  it('reads a good row, trimming text, upper-casing the ID and credit code, an applicant applying today by default', () => {
    expect(parseImportRow(good, TODAY)).toEqual({
      ok: true,
      applicant: {
        fullName: '张小燕',
        nationalId: '11010519491231002X',
        phone: '13800001234',
        homeProvince: '贵州省',
        homeCounty: '织金县',
        povertyRegistered: true,
        examScore: 420.5,
        majorPreferences: ['M01', 'M02'],
        intendedEnterpriseCreditCode: '91350100M000100Y43',
        guardianName: '张大山',
        guardianPhone: '+86 139 0000 0001',
        applicationDate: null,
        status: 'APPLIED',
        statusDate: null,
        majorCode: null,
        bankAccount: null,
      },
    });
  });

  describe('dates and the standing of a student taken over', () => {
    const read = (cells: Partial<Record<ImportField, Cell>>) => {
      const result = parseImportRow({ ...good, ...cells }, TODAY);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.applicant;
    };

    it.each([
      ['2019-04-10', '2019-04-10'],
      ['2019/4/10', '2019-04-10'],
      ['2019.04.10', '2019-04-10'],
      ['2019年4月10日', '2019-04-10'],
      [' 2019-4-1 ', '2019-04-01'],
      [43565, '2019-04-10'],
      [43565.75, '2019-04-10'],
      ['', null],
      [null, null],
    ] as const)('reads the date %p as %p', (cell, date) => {
      expect(read({ applicationDate: cell, statusDate: cell })).toMatchObject({ applicationDate: date, statusDate: date });
    });

    it.each([
      ['2019-02-30', 'must be a real calendar date'],
      ['10/04/2019', 'must be a date YYYY-MM-DD'],
      ['1999-12-31', 'must be from 2000-01-01 to 2100-12-31'],
      [0, 'must be a date YYYY-MM-DD'],
      [520524200403150000, 'must be a date YYYY-MM-DD'],
    ] as const)('refuses the date %p: %s', (cell, message) => {
      expect(errorsOf({ ...good, applicationDate: cell, statusDate: cell })).toEqual([
        { field: 'applicationDate', message },
        { field: 'statusDate', message },
      ]);
    });

    it.each([
      ['已报名', 'APPLIED'],
      ['已录取', 'ADMITTED'],
      ['在读', 'ENROLLED'],
      ['enrolled', 'ENROLLED'],
      ['ADMITTED 已录取', 'ADMITTED'],
      ['', 'APPLIED'],
    ] as const)('reads the status %p as %s', (cell, status) => {
      expect(read({ status: cell }).status).toBe(status);
    });

    it.each(['休学', 'GRADUATED', 'ADMITTED 在读', '录取'])('refuses the status %p, naming the ones a takeover may bring', (cell) => {
      expect(errorsOf({ ...good, status: cell })).toEqual([
        { field: 'status', message: 'must be one of 已报名 (APPLIED), 已录取 (ADMITTED), 在读 (ENROLLED)' },
      ]);
    });

    it('reads the major as written and refuses one longer than a code', () => {
      expect(read({ majorCode: ' M01 ' }).majorCode).toBe('M01');
      expect(errorsOf({ ...good, majorCode: 'M'.repeat(17) })).toEqual([{ field: 'majorCode', message: 'must be at most 16 characters' }]);
    });
  });

  it.each([
    ['是', true],
    ['否', false],
    ['Yes', true],
    ['no', false],
    ['TRUE', true],
    ['0', false],
    [true, true],
    [false, false],
  ] as const)('reads %p in the poverty column as %p', (cell, expected) => {
    const result = parseImportRow({ ...good, povertyRegistered: cell }, TODAY);
    expect(result.ok && result.applicant.povertyRegistered).toBe(expected);
  });

  it('takes a score and a phone number that the spreadsheet stored as numbers', () => {
    const result = parseImportRow({ ...good, examScore: 512, phone: 13800001234 }, TODAY);
    expect(result.ok && [result.applicant.examScore, result.applicant.phone]).toEqual([512, '13800001234']);
  });

  it('splits preferences on full-width separators too', () => {
    const result = parseImportRow({ ...good, majorPreferences: 'M01；M02、M03，M04' }, TODAY);
    expect(result.ok && result.applicant.majorPreferences).toEqual(['M01', 'M02', 'M03', 'M04']);
  });

  it('leaves the optional columns empty', () => {
    const result = parseImportRow({ ...good, intendedEnterpriseCreditCode: '', guardianName: null, guardianPhone: undefined }, TODAY);
    expect(result.ok && result.applicant).toMatchObject({ intendedEnterpriseCreditCode: null, guardianName: null, guardianPhone: null });
  });

  it('reports every problem of a row, each on its field', () => {
    expect(
      errorsOf({
        fullName: '',
        nationalId: '110105194912310021',
        phone: 'call me',
        homeProvince: '贵州省',
        homeCounty: '',
        povertyRegistered: 'maybe',
        examScore: 'abc',
        majorPreferences: 'M01;M01',
        intendedEnterpriseCreditCode: '91350100M000100Y44',
        guardianPhone: '12',
      }),
    ).toEqual([
      { field: 'fullName', message: 'is required' },
      { field: 'nationalId', message: 'is not a valid national ID: check character does not match' },
      { field: 'phone', message: 'must be 7 to 20 digits, spaces, + or -' },
      { field: 'homeCounty', message: 'is required' },
      { field: 'povertyRegistered', message: 'must be 是 or 否 (yes or no)' },
      { field: 'examScore', message: 'must be a number' },
      { field: 'majorPreferences', message: 'lists M01 twice' },
      { field: 'intendedEnterpriseCreditCode', message: 'is not a valid credit code: check character does not match' },
      { field: 'guardianPhone', message: 'must be 7 to 20 digits, spaces, + or -' },
    ]);
  });

  it('explains an ID that the spreadsheet turned into a number', () => {
    expect(errorsOf({ ...good, nationalId: 520524200403150000 })).toEqual([
      { field: 'nationalId', message: expect.stringContaining('stored as a number') },
    ]);
  });

  it('refuses an impossible birth date and one after today', () => {
    expect(errorsOf({ ...good, nationalId: '520524199902300135' })[0].message).toMatch(/not a real birth date|check character/);
    expect(errorsOf({ ...good, nationalId: '52052420200101001X' })[0].field).toBe('nationalId');
  });

  it.each([
    ['-1', 'must be from 0 to 1000'],
    ['1000.5', 'must be from 0 to 1000'],
    ['', 'is required'],
  ])('refuses the score %p', (score, message) => {
    expect(errorsOf({ ...good, examScore: score })).toEqual([{ field: 'examScore', message }]);
  });

  it('refuses more than ten preferences and an over-long code', () => {
    expect(errorsOf({ ...good, majorPreferences: Array.from({ length: 11 }, (_, i) => `M${i}`).join(';') })[0].message).toBe(
      'may list at most 10 majors',
    );
    expect(errorsOf({ ...good, majorPreferences: 'M01;机械加工技术专业方向与装配钳工专业方向' })[0].message).toMatch(/is not a major code/);
    expect(errorsOf({ ...good, majorPreferences: ' ; ' })[0].message).toMatch(/is required/);
  });

  it('refuses the characters the API refuses, in any column', () => {
    expect(errorsOf({ ...good, fullName: '王\n=1+2', homeCounty: '织金\u202e县', guardianName: '\u200b' })).toEqual([
      { field: 'fullName', message: expect.stringContaining('control characters') },
      { field: 'homeCounty', message: expect.stringContaining('bidirectional') },
      { field: 'guardianName', message: 'must not be made only of invisible characters' },
    ]);
    expect(errorsOf({ ...good, majorPreferences: 'M01;M\u000002' })).toContainEqual({
      field: 'majorPreferences',
      message: expect.stringContaining('U+0000'),
    });
  });

  describe('the bank account columns', () => {
    const account = { bankName: '农行织金支行', accountName: '张大山', accountNumber: '6228 4800 1000 1230 001' };

    it('reads the three as typed, trimmed; the digits and the holder are checked with the applicant', () => {
      const result = parseImportRow({ ...good, ...account, accountName: ' 王五 ' }, TODAY);
      expect(result.ok && result.applicant.bankAccount).toEqual({ ...account, accountName: '王五' });
    });

    it('reads a row with none of them as giving no account', () => {
      const result = parseImportRow({ ...good, bankName: '', accountName: null, accountNumber: ' ' }, TODAY);
      expect(result.ok && result.applicant.bankAccount).toBeNull();
    });

    it('refuses a partial account at each missing column', () => {
      expect(errorsOf({ ...good, bankName: account.bankName, accountNumber: account.accountNumber })).toEqual([
        { field: 'accountName', message: 'is required when the row gives a bank account: 开户行, 户名 and 银行卡号 go together' },
      ]);
      expect(errorsOf({ ...good, accountName: account.accountName }).map((e) => e.field)).toEqual(['bankName', 'accountNumber']);
    });

    it('explains a card number that the spreadsheet turned into a number, without repeating it', () => {
      const errors = errorsOf({ ...good, ...account, accountNumber: 6228480010001230000 });
      expect(errors).toEqual([{ field: 'accountNumber', message: expect.stringContaining('stored as a number, which loses digits') }]);
      expect(errors[0].message).not.toMatch(/\d{4}/);
    });
  });

  it('refuses text longer than the columns hold', () => {
    expect(errorsOf({ ...good, fullName: '张'.repeat(65) })).toEqual([{ field: 'fullName', message: 'must be at most 64 characters' }]);
  });
});
