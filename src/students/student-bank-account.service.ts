import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AccountNumberCipher } from '../bank-accounts/account-number-cipher';
import { BankAccountsRepository } from '../bank-accounts/bank-accounts.repository';
import { BankAccountProblem, checkBankAccount } from '../bank-accounts/rules/bank-account';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { TransactionRunner } from '../common/transaction-runner';
import { BankAccountDto } from './dto/bank-account.dto';
import { ShownBankAccount, StudentResponseDto, toStudentResponse } from './dto/student-response.dto';
import { StudentsRepository } from './students.repository';

/** Staff setting or replacing the account a student's stipends are transferred to. */
@Injectable()
export class StudentBankAccountService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly students: StudentsRepository,
    private readonly bankAccounts: BankAccountsRepository,
    private readonly cipher: AccountNumberCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Checked against the student's and the guardian's names as on record; the number is stored encrypted and
   * the change audited with the old and new accounts masked. Answers the record as staff read it.
   */
  async replace(actor: AuthUser, studentId: number, dto: BankAccountDto): Promise<StudentResponseDto> {
    try {
      return await this.transactions.run(async (manager) => {
        const student = await this.students.findById(manager, studentId);
        if (!student) throw notFound('Student', studentId);
        const check = checkBankAccount(dto, student);
        if (!check.ok) throw invalid(check.problems);
        const before = await this.bankAccounts.ofStudent(manager, studentId);
        const account = { studentId, ...this.cipher.seal(check.account), updatedAt: this.clock.now().toISOString(), updatedBy: actor.id };
        await this.bankAccounts.replace(manager, account);
        await this.audit.record(manager, {
          actor,
          action: 'student.bank-account-changed',
          entityType: 'student',
          entityId: studentId,
          before: before && audited(before),
          after: audited(account),
        });
        return toStudentResponse(student, { includeNationalId: true, bankAccount: account });
      });
    } catch (error) {
      // Two first accounts for one student at once: the unique index keeps one, the other is told to look again.
      if (isUniqueViolation(error)) {
        throw new DomainError('CONFLICT', `Student ${studentId} was changed by another request meanwhile; reload and try again`);
      }
      throw error;
    }
  }
}

/** What the audit keeps of an account: never the number, not even encrypted. */
const audited = (account: ShownBankAccount) => ({
  bankName: account.bankName,
  accountName: account.accountName,
  accountNumberMasked: account.accountNumberMasked,
});

/** 400 naming each field, as the validation of the body would. */
const invalid = (problems: BankAccountProblem[]): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    problems.map(({ field, message }) => ({ field, message })),
  );
