import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { IssuedAccount } from '../rules/account-sheet';

export const ACCOUNT_SHEET_FORMATS = ['json', 'csv', 'pdf'] as const;
export type AccountSheetFormat = (typeof ACCOUNT_SHEET_FORMATS)[number];

export class StudentAccountsQueryDto {
  /** `json` (default), or the printable sheet as `csv` (UTF-8 with BOM) or `pdf`. */
  @ApiPropertyOptional({ enum: ACCOUNT_SHEET_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(ACCOUNT_SHEET_FORMATS)
  format: AccountSheetFormat = 'json';
}

export class StudentAccountResponseDto {
  studentId!: number;
  fullName!: string;
  username!: string;
  /** Shown only in this answer: it is stored hashed and must be changed at first sign-in. */
  oneTimePassword!: string;
}

export class StudentAccountsResponseDto {
  /** Accounts created by this request; students who already had one are left out. */
  created!: number;
  accounts!: StudentAccountResponseDto[];
}

export const toStudentAccountResponse = (account: IssuedAccount): StudentAccountResponseDto => ({
  studentId: account.studentId,
  fullName: account.fullName,
  username: account.username,
  oneTimePassword: account.oneTimePassword,
});

export const toStudentAccountsResponse = (accounts: readonly IssuedAccount[]): StudentAccountsResponseDto => ({
  created: accounts.length,
  accounts: accounts.map(toStudentAccountResponse),
});
