import fc from 'fast-check';
import { BankAccountInput, checkBankAccount, maskAccountNumber } from './bank-account';

const holders = { fullName: '张小燕', guardianName: '张大山' };
const account = (overrides: Partial<BankAccountInput> = {}): BankAccountInput => ({
  bankName: '中国农业银行织金县支行',
  accountName: '张小燕',
  accountNumber: '6228480010001230001',
  ...overrides,
});
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));

describe('checkBankAccount', () => {
  it('accepts any number of 12 to 30 digits and keeps it as given', () => {
    fc.assert(
      fc.property(digits(12, 30), (number) => {
        expect(checkBankAccount(account({ accountNumber: number }), holders)).toEqual({
          ok: true,
          account: { bankName: '中国农业银行织金县支行', accountName: '张小燕', accountNumber: number },
        });
      }),
    );
  });

  it('drops spaces and hyphens between groups of digits, and trims the names', () => {
    const result = checkBankAccount(
      { bankName: ' 农行织金支行 ', accountName: ' 张小燕 ', accountNumber: ' 6228 4800-1000 1230\u3000001 ' },
      holders,
    );
    expect(result).toEqual({
      ok: true,
      account: { bankName: '农行织金支行', accountName: '张小燕', accountNumber: '6228480010001230001' },
    });
  });

  it('reads the same digits wherever spaces and hyphens are put between them', () => {
    const grouped = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('', '', ' ', '-', '  ')), { minLength: 12, maxLength: 30 })
      .map((parts) => ({ digits: parts.map(([d]) => d).join(''), typed: parts.map(([d, gap]) => `${d}${gap}`).join('') }));
    fc.assert(
      fc.property(grouped, ({ digits, typed }) => {
        const result = checkBankAccount(account({ accountNumber: typed }), holders);
        expect(result.ok && result.account.accountNumber).toBe(digits);
      }),
    );
  });

  it('accepts an account in the guardian’s name', () => {
    expect(checkBankAccount(account({ accountName: '张大山' }), holders).ok).toBe(true);
  });

  it('refuses 11 and 31 digits, saying how many there are', () => {
    for (const number of ['1'.repeat(11), '1'.repeat(31)]) {
      expect(checkBankAccount(account({ accountNumber: number }), holders)).toEqual({
        ok: false,
        problems: [{ field: 'accountNumber', message: `must have 12 to 30 digits (has ${number.length})` }],
      });
    }
  });

  it('refuses anything but digits, spaces and hyphens in the number', () => {
    fc.assert(
      fc.property(digits(6, 12), fc.constantFrom('a', 'X', '.', '/', '０', '+'), digits(6, 12), (head, odd, tail) => {
        const result = checkBankAccount(account({ accountNumber: `${head}${odd}${tail}` }), holders);
        expect(result).toEqual({
          ok: false,
          problems: [{ field: 'accountNumber', message: expect.stringMatching(/^must be digits only/) }],
        });
      }),
    );
  });

  it('refuses a holder who is neither the student nor the guardian, naming both', () => {
    expect(checkBankAccount(account({ accountName: '王五' }), holders)).toEqual({
      ok: false,
      problems: [
        { field: 'accountName', message: expect.stringMatching(/^must be the student's name \(张小燕\) or the guardian's \(张大山\)/) },
      ],
    });
  });

  it('names only the student as a possible holder when there is no guardian', () => {
    const result = checkBankAccount(account({ accountName: '张大山' }), { fullName: '张小燕', guardianName: null });
    expect(result.ok || result.problems[0].message).toMatch(/^must be the student's name \(张小燕\): banks/);
  });

  it('reports every problem at once, each an empty field as required', () => {
    const result = checkBankAccount({ bankName: ' ', accountName: '', accountNumber: ' - ' }, holders);
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'bankName', message: 'is required' },
        { field: 'accountNumber', message: 'is required' },
        { field: 'accountName', message: 'is required' },
      ],
    });
  });

  it('refuses a bank name longer than its column', () => {
    const result = checkBankAccount(account({ bankName: '行'.repeat(101) }), holders);
    expect(result).toEqual({ ok: false, problems: [{ field: 'bankName', message: 'must be at most 100 characters' }] });
  });

  it('never repeats the number in a message', () => {
    fc.assert(
      fc.property(fc.oneof(digits(1, 11), digits(31, 40), fc.stringMatching(/^[\d .X-]{1,40}$/)), fc.string(), (number, name) => {
        const result = checkBankAccount(account({ accountNumber: number, accountName: name }), holders);
        const spoken = result.ok ? [] : result.problems.map((p) => p.message);
        const bare = number.replace(/[\s-]/g, '');
        if (bare.length >= 4) for (const message of spoken) expect(message).not.toContain(bare);
      }),
    );
  });
});

describe('maskAccountNumber', () => {
  it('keeps only the first and last four digits, in the same shape whatever the length', () => {
    fc.assert(
      fc.property(digits(12, 30), (number) => {
        const masked = maskAccountNumber(number);
        expect(masked).toBe(`${number.slice(0, 4)} **** **** ${number.slice(-4)}`);
        expect(masked.replace(/\D/g, '')).toBe(number.slice(0, 4) + number.slice(-4));
      }),
    );
  });

  it('masks 6228480010001230001 as 6228 **** **** 0001', () => {
    expect(maskAccountNumber('6228480010001230001')).toBe('6228 **** **** 0001');
  });
});
