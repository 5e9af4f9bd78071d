import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { toUserResponse } from '../auth/dto/user-response.dto';
import { hashOneTimePassword } from '../auth/passwords';
import { oneTimePassword } from '../auth/rules/one-time-password';
import { AuthUser } from '../common/auth/auth-user';
import { bulkInsert } from '../common/bulk-insert';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortEntity } from '../programs/cohort.entity';
import { CohortsRepository } from '../programs/cohorts.repository';
import { StudentEntity } from '../students/student.entity';
import { UserEntity } from '../auth/user.entity';
import { IssuedAccount } from './rules/account-sheet';
import { studentUsername } from './rules/student-username';
import { StudentAccountsRepository } from './student-accounts.repository';
import { nextTurn } from '../common/next-turn';

/** Hashes in flight at once: the size of libuv's default thread pool, where argon2 runs. */
const HASH_CONCURRENCY = 4;
/** Accounts per INSERT and audit batch. */
const INSERT_CHUNK_SIZE = 500;

export interface CohortAccounts {
  cohort: CohortEntity;
  /** When the passwords were issued. */
  issuedAt: Date;
  accounts: IssuedAccount[];
}

interface HashedPassword {
  student: Pick<StudentEntity, 'id' | 'fullName'>;
  oneTimePassword: string;
  passwordHash: string;
}

/** Sign-ins with one-time passwords for a cohort's enrolled students. */
@Injectable()
export class StudentAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly cohorts: CohortsRepository,
    private readonly repository: StudentAccountsRepository,
  ) {}

  /** Every ENROLLED student of the cohort without an account gets one; existing accounts are left alone. */
  async createForCohort(actor: AuthUser, cohortId: number): Promise<CohortAccounts> {
    const cohort = await this.cohorts.getCohort(this.dataSource.manager, cohortId);
    return this.issue(actor, cohort, await this.repository.enrolledWithoutAccount(this.dataSource.manager, cohortId));
  }

  /** The same sign-in for one ENROLLED student without one (the staff page's button); otherwise 409. */
  async createForStudent(actor: AuthUser, studentId: number): Promise<CohortAccounts> {
    const student = await this.dataSource.manager.findOneBy(StudentEntity, { id: studentId });
    if (!student) throw notFound('Student', studentId);
    const cohort = await this.cohorts.getCohort(this.dataSource.manager, student.cohortId);
    const pending = (await this.repository.enrolledWithoutAccount(this.dataSource.manager, cohort.id)).filter((s) => s.id === studentId);
    if (!pending.length) throw new DomainError('CONFLICT', `Student ${studentId} is not ENROLLED or already has a sign-in`);
    const issued = await this.issue(actor, cohort, pending);
    if (!issued.accounts.length) throw new DomainError('CONFLICT', `Student ${studentId} got a sign-in meanwhile`);
    return issued;
  }

  private async issue(actor: AuthUser, cohort: CohortEntity, students: Pick<StudentEntity, 'id' | 'fullName'>[]): Promise<CohortAccounts> {
    // Hashing takes tens of milliseconds each: done before the transaction so it holds no lock meanwhile.
    const hashed = await this.hashPasswords(students);
    const issuedAt = this.clock.now();
    const accounts = await this.transactions
      .run((manager) => this.insertAccounts(manager, actor, cohort, hashed, issuedAt))
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        throw new DomainError('CONFLICT', 'An account was created meanwhile for one of these students or usernames; run again');
      });
    return { cohort, issuedAt, accounts };
  }

  private async hashPasswords(students: Pick<StudentEntity, 'id' | 'fullName'>[]): Promise<HashedPassword[]> {
    const hashed: HashedPassword[] = [];
    for (let start = 0; start < students.length; start += HASH_CONCURRENCY) {
      const batch = students.slice(start, start + HASH_CONCURRENCY).map(async (student) => {
        const password = oneTimePassword((n) => randomInt(n));
        return { student, oneTimePassword: password, passwordHash: await hashOneTimePassword(password) };
      });
      hashed.push(...(await Promise.all(batch)));
    }
    return hashed;
  }

  private async insertAccounts(
    manager: EntityManager,
    actor: AuthUser,
    cohort: CohortEntity,
    hashed: HashedPassword[],
    issuedAt: Date,
  ): Promise<IssuedAccount[]> {
    await this.repository.lockCohort(manager, cohort.id);
    // A run that went first, or an account made by hand, may have served some of them since they were read.
    const stillWithout = new Set((await this.repository.enrolledWithoutAccount(manager, cohort.id)).map((s) => s.id));
    const pending = hashed.filter((h) => stillWithout.has(h.student.id));
    const usernames = await this.usernamesFor(
      manager,
      pending.map((h) => h.student.id),
    );
    const issued = pending.map((h) => ({
      account: {
        studentId: h.student.id,
        fullName: h.student.fullName,
        username: usernames.get(h.student.id)!,
        oneTimePassword: h.oneTimePassword,
      },
      passwordHash: h.passwordHash,
    }));
    const createdAt = issuedAt.toISOString();
    for (let start = 0; start < issued.length; start += INSERT_CHUNK_SIZE) {
      const chunk = issued.slice(start, start + INSERT_CHUNK_SIZE);
      const rows = chunk.map(({ account, passwordHash }) => ({
        username: account.username,
        passwordHash,
        role: 'student' as const,
        enterpriseId: null,
        studentId: account.studentId,
        mustChangePassword: true,
        createdAt,
        tokenVersion: 0,
        sessionEpoch: 0,
        active: true,
      }));
      const saved = await bulkInsert(manager, UserEntity, rows, ['id', 'studentId']);
      const userIdOf = new Map(saved.map((row) => [Number(row.studentId), Number(row.id)]));
      await this.audit.recordMany(
        manager,
        chunk.map(({ account }) => {
          const id = userIdOf.get(account.studentId)!;
          const user = {
            id,
            username: account.username,
            role: 'student',
            enterpriseId: null,
            studentId: account.studentId,
            mustChangePassword: true,
            active: true,
          } as const;
          return { actor, action: 'user.created', entityType: 'user', entityId: id, after: toUserResponse(user) };
        }),
      );
      await nextTurn();
    }
    const accounts = issued.map(({ account }) => account);
    if (!accounts.length) return accounts;
    await this.audit.record(manager, {
      actor,
      action: 'cohort.student-accounts-created',
      entityType: 'cohort',
      entityId: cohort.id,
      after: { created: accounts.length },
    });
    return accounts;
  }

  /** `stu<id>` for each student, or the next free variant when someone already holds that name. */
  private async usernamesFor(manager: EntityManager, studentIds: number[]): Promise<Map<number, string>> {
    const taken = await this.repository.takenUsernames(
      manager,
      studentIds.map((id) => studentUsername(id)),
    );
    const usernames = new Map<number, string>();
    for (const id of studentIds) {
      let username = studentUsername(id);
      for (let attempt = 2; taken.has(username); attempt++) {
        username = studentUsername(id, attempt);
        if ((await this.repository.takenUsernames(manager, [username])).size) taken.add(username);
      }
      usernames.set(id, username);
    }
    return usernames;
  }
}
