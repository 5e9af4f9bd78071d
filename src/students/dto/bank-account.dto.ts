import { IsString } from 'class-validator';

/**
 * The account a student's stipends are transferred to. Only the types are checked here: what the values must
 * be (digits, the holder's name) is the one check of rules/bank-account.ts, shared with the page and imports.
 */
export class BankAccountDto {
  /** 开户行: the bank and branch, e.g. 中国农业银行织金县支行; at most 100 characters. */
  @IsString()
  bankName!: string;

  /** 户名: exactly the student's or the guardian's name as on the record. */
  @IsString()
  accountName!: string;

  /**
   * 银行卡号: 12 to 30 digits, as a string (a JSON number loses digits); spaces or hyphens between groups are
   * dropped. Stored encrypted and never answered: responses carry `bankAccount.accountNumberMasked`.
   */
  @IsString()
  accountNumber!: string;
}
