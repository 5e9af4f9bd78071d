import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BankAccountsRepository } from '../bank-accounts/bank-accounts.repository';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError, notFound } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page, PageQueryDto, pageWindow, toPage } from '../common/pagination/page';
import { TransactionRunner } from '../common/transaction-runner';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { CohortsRepository } from '../programs/cohorts.repository';
import { CreateStudentDto } from './dto/create-student.dto';
import { SponsoredStudentResponseDto, toSponsoredStudentResponse } from './dto/sponsored-student-response.dto';
import { cohortStudentFilterOf, StudentListQueryDto } from './dto/student-query.dto';
import { StudentResponseDto, toStudentResponse, toStudentSummary } from './dto/student-response.dto';
import { NewApplicant, NewStudentProblem } from './rules/new-student';
import { StudentIntakeService } from './student-intake.service';
import { StudentsRepository } from './students.repository';

/** Intake of one applicant and the reads of student records. Status and major changes: StudentLifecycleService. */
@Injectable()
export class StudentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly students: StudentsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly intakes: StudentIntakeService,
    private readonly bankAccounts: BankAccountsRepository,
  ) {}

  /** Ineligible applicants are saved too, with the reasons: staff decide whom to admit. A batch of one for StudentIntakeService. */
  async intake(actor: AuthUser, cohortId: number, dto: CreateStudentDto): Promise<StudentResponseDto> {
    try {
      return await this.transactions.run(async (manager) => {
        const context = await this.intakes.context(manager, cohortId);
        const [checked] = await this.intakes.check(manager, context, [applicantOf(dto)]);
        if (!checked.ok) throw refused(cohortId, checked.problems);
        const [{ student, bankAccount }] = await this.intakes.save(manager, actor, [checked], 'SINGLE');
        return toStudentSummary(student, bankAccount);
      });
    } catch (error) {
      // Two requests with the same ID can both pass the check; the unique index stops the second.
      if (isUniqueViolation(error)) throw duplicate(cohortId);
      throw error;
    }
  }

  async listInCohort(cohortId: number, query: StudentListQueryDto): Promise<Page<StudentResponseDto>> {
    const manager = this.dataSource.manager;
    await this.cohorts.getCohort(manager, cohortId);
    const [rows, total] = await this.students.pageInCohort(manager, cohortId, cohortStudentFilterOf(query), pageWindow(query));
    const accounts = await this.bankAccounts.ofStudents(
      manager,
      rows.map((student) => student.id),
    );
    return toPage(rows, total, query, (student) => toStudentSummary(student, accounts.get(student.id) ?? null));
  }

  /** A student may read only their own record; anyone else's answers 404 as if it did not exist. */
  async get(actor: AuthUser, id: number): Promise<StudentResponseDto> {
    if (actor.role === 'student' && actor.studentId !== id) throw notFound('Student', id);
    const student = await this.students.findById(this.dataSource.manager, id);
    if (!student) throw notFound('Student', id);
    const staff = actor.role === 'admin' || actor.role === 'staff';
    const bankAccount = await this.bankAccounts.ofStudent(this.dataSource.manager, id);
    return toStudentResponse(student, { includeNationalId: staff, bankAccount });
  }

  /** Another enterprise's students answer 404, exactly like an enterprise that does not exist. */
  async listSponsoredBy(actor: AuthUser, enterpriseId: number, query: PageQueryDto): Promise<Page<SponsoredStudentResponseDto>> {
    if (actor.role === 'enterprise' && actor.enterpriseId !== enterpriseId) throw notFound('Enterprise', enterpriseId);
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(EnterpriseEntity, { id: enterpriseId }))) throw notFound('Enterprise', enterpriseId);
    const [rows, total] = await this.students.pageSponsoredBy(manager, enterpriseId, pageWindow(query));
    return toPage(rows, total, query, toSponsoredStudentResponse);
  }
}

const applicantOf = (dto: CreateStudentDto): NewApplicant => ({
  fullName: dto.fullName,
  nationalId: dto.nationalId,
  phone: dto.phone,
  homeProvince: dto.homeProvince,
  homeCounty: dto.homeCounty,
  povertyRegistered: dto.povertyRegistered,
  examScore: dto.examScore,
  majorPreferences: dto.majorPreferences,
  intendedEnterpriseId: dto.intendedEnterpriseId ?? null,
  guardianName: dto.guardianName ?? null,
  guardianPhone: dto.guardianPhone ?? null,
  applicationDate: dto.applicationDate ?? null,
  status: 'APPLIED',
  statusDate: null,
  majorCode: null,
  bankAccount: dto.bankAccount ?? null,
});

/** An ID already in the cohort is a conflict (409); every other problem is the request's (400, each field named). */
function refused(cohortId: number, problems: NewStudentProblem[]): DomainError {
  const mistakes = problems.filter((p) => !p.duplicate);
  if (!mistakes.length) return duplicate(cohortId);
  return new DomainError(
    'VALIDATION_FAILED',
    mistakes.map((p) => `${p.field}: ${p.message}`).join('; '),
    mistakes.map(({ field, message }) => ({ field, message })),
  );
}

const duplicate = (cohortId: number): DomainError =>
  new DomainError('DUPLICATE', `A student with this national ID is already in cohort ${cohortId}`);
