import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CheckedBankAccount, maskAccountNumber } from './rules/bank-account';
import { StudentBankAccountEntity } from './student-bank-account.entity';

const VERSION = 'v1';
const TAG_BYTES = 16;

/** The columns an account is kept in: the number encrypted and masked, never in clear. */
export type SealedBankAccount = Pick<StudentBankAccountEntity, 'bankName' | 'accountName' | 'accountNumberCipher' | 'accountNumberMasked'>;

/**
 * Bank account numbers at rest: AES-256-GCM with the configured key, a fresh 96-bit nonce each time, the
 * authentication tag kept, written as `v1.<nonce>.<tag>.<ciphertext>` in base64url. A row changed in the
 * database by hand fails to decrypt instead of sending money to another account.
 */
@Injectable()
export class AccountNumberCipher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'bankAccountKey'>) {
    this.key = config.bankAccountKey;
  }

  encrypt(accountNumber: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
    const body = Buffer.concat([cipher.update(accountNumber, 'utf8'), cipher.final()]);
    return [VERSION, nonce, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(stored: string): string {
    const [version, nonce, tag, body, extra] = stored.split('.');
    if (version !== VERSION || body === undefined || extra !== undefined) throw new Error('not an encrypted account number');
    // The full 16-byte tag is required: GCM would otherwise accept a tag cut short, and with it a forgery.
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A checked account as it is stored, for one student's change and a whole import alike. */
  seal(account: CheckedBankAccount): SealedBankAccount {
    return {
      bankName: account.bankName,
      accountName: account.accountName,
      accountNumberCipher: this.encrypt(account.accountNumber),
      accountNumberMasked: maskAccountNumber(account.accountNumber),
    };
  }
}
