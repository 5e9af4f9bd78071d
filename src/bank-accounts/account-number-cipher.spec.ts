import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { AccountNumberCipher } from './account-number-cipher';

const NUMBER = '6228480010001230001';

describe('AccountNumberCipher', () => {
  const cipher = new AccountNumberCipher({ bankAccountKey: randomBytes(32) });

  it('gives back every number it encrypted', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12,30}$/), (number) => {
        expect(cipher.decrypt(cipher.encrypt(number))).toBe(number);
      }),
    );
  });

  it('never writes the digits in clear', () => {
    const stored = cipher.encrypt(NUMBER);
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain(NUMBER);
    expect(stored).not.toContain(Buffer.from(NUMBER).toString('base64url'));
  });

  it('encrypts the same number differently each time', () => {
    expect(cipher.encrypt(NUMBER)).not.toBe(cipher.encrypt(NUMBER));
  });

  it('refuses a cipher text changed in any part', () => {
    const parts = cipher.encrypt(NUMBER).split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index], 'base64url');
      bytes[0] ^= 1;
      const tampered = parts.map((part, i) => (i === index ? bytes.toString('base64url') : part)).join('.');
      expect(() => cipher.decrypt(tampered)).toThrow();
    }
  });

  it('refuses a tag cut short, which GCM would otherwise check on fewer bits', () => {
    const [version, nonce, tag, body] = cipher.encrypt(NUMBER).split('.');
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => cipher.decrypt([version, nonce, short, body].join('.'))).toThrow();
  });

  it('cannot read what another key encrypted', () => {
    const other = new AccountNumberCipher({ bankAccountKey: randomBytes(32) });
    expect(() => other.decrypt(cipher.encrypt(NUMBER))).toThrow();
  });

  it('refuses text that is no encrypted number, such as a number stored in clear', () => {
    expect(() => cipher.decrypt(NUMBER)).toThrow('not an encrypted account number');
    expect(() => cipher.decrypt(`v2.${cipher.encrypt(NUMBER).slice(3)}`)).toThrow('not an encrypted account number');
  });

  it('seals a checked account as stored: the number encrypted and masked', () => {
    const sealed = cipher.seal({ bankName: '农行织金支行', accountName: '张小燕', accountNumber: NUMBER });
    expect(sealed).toEqual({
      bankName: '农行织金支行',
      accountName: '张小燕',
      accountNumberCipher: expect.stringMatching(/^v1\./),
      accountNumberMasked: '6228 **** **** 0001',
    });
    expect(cipher.decrypt(sealed.accountNumberCipher)).toBe(NUMBER);
  });
});
