import { Module } from '@nestjs/common';
import { AccountNumberCipher } from './account-number-cipher';
import { BankAccountsRepository } from './bank-accounts.repository';

/** Students' bank accounts at rest: the table and the cipher. Who may change one, and how: StudentsModule. */
@Module({
  providers: [AccountNumberCipher, BankAccountsRepository],
  exports: [AccountNumberCipher, BankAccountsRepository],
})
export class BankAccountsModule {}
