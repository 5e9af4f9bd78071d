import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, ErrorDetail, invalidField, notFound } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page, PageQueryDto, pageWindow, toPage } from '../common/pagination/page';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { CohortsRepository, CohortWithProgram } from '../programs/cohorts.repository';
import { MajorEntity } from '../programs/major.entity';
import { CreateStudentDto } from './dto/create-student.dto';
import { cohortStudentFilterOf, StudentListQueryDto } from './dto/student-query.dto';
import { StudentResponseDto, toStudentResponse, toStudentSummary } from './dto/student-response.dto';
import { evaluateEligibility } from './rules/eligibility';
import { parseNationalId } from './rules/national-id';
import { StudentsRepository } from './students.repository';
import { SponsoredStudentResponseDto, toSponsoredStudentResponse } from './dto/sponsored-student-response.dto';
import { TransactionRunner } from '../common/transaction-runner';

/** Intake of one applicant and the reads of student records. Status and major changes: StudentLifecycleService. */
@Injectable()
export class StudentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly students: StudentsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Ineligible applicants are saved too, with the reasons: staff decide whom to admit. */
  async intake(actor: AuthUser, cohortId: number, dto: CreateStudentDto): Promise<StudentResponseDto> {
    const now = this.clock.now();
    const today = this.clock.today();
    const id = parseNationalId(dto.nationalId, { today });
    if (!id.valid) throw invalidField('nationalId', `is not a valid national ID: ${id.reason}`);
    const nationalId = id.facts.nationalId;
    try {
      return await this.transactions.run(async (manager) => {
        const cohort = await this.cohorts.getCohortWithProgram(manager, cohortId);
        await this.checkReferences(manager, cohort, dto);
        if (await this.students.existsInCohort(manager, cohortId, nationalId)) throw duplicate(cohortId);
        const eligibility = evaluateEligibility(dto, {
          homeCounties: cohort.program.eligibleHomeCounties,
          requirePovertyRegistration: cohort.program.requirePovertyRegistration,
        });
        const student = await this.students.insert(manager, {
          cohortId,
          fullName: dto.fullName,
          nationalId,
          gender: id.facts.gender,
          birthDate: id.facts.birthDate,
          phone: dto.phone,
          homeProvince: dto.homeProvince,
          homeCounty: dto.homeCounty,
          povertyRegistered: dto.povertyRegistered,
          examScore: dto.examScore,
          majorPreferences: dto.majorPreferences,
          intendedEnterpriseId: dto.intendedEnterpriseId ?? null,
          guardianName: dto.guardianName ?? null,
          guardianPhone: dto.guardianPhone ?? null,
          majorCode: null,
          status: 'APPLIED',
          statusReason: null,
          statusEffectiveDate: today,
          eligible: eligibility.eligible,
          ineligibleReasons: eligibility.reasons,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        });
        const response = toStudentSummary(student);
        await this.audit.record(manager, {
          actor,
          action: 'student.created',
          entityType: 'student',
          entityId: student.id,
          before: null,
          after: response,
        });
        return response;
      });
    } catch (error) {
      // Two requests with the same ID can both pass the check above; the unique index stops the second.
      if (isUniqueViolation(error)) throw duplicate(cohortId);
      throw error;
    }
  }

  async listInCohort(cohortId: number, query: StudentListQueryDto): Promise<Page<StudentResponseDto>> {
    const manager = this.dataSource.manager;
    await this.cohorts.getCohort(manager, cohortId);
    const [rows, total] = await this.students.pageInCohort(manager, cohortId, cohortStudentFilterOf(query), pageWindow(query));
    return toPage(rows, total, query, toStudentSummary);
  }

  /** A student may read only their own record; anyone else's answers 404 as if it did not exist. */
  async get(actor: AuthUser, id: number): Promise<StudentResponseDto> {
    if (actor.role === 'student' && actor.studentId !== id) throw notFound('Student', id);
    const student = await this.students.findById(this.dataSource.manager, id);
    if (!student) throw notFound('Student', id);
    const staff = actor.role === 'admin' || actor.role === 'staff';
    return toStudentResponse(student, { includeNationalId: staff });
  }

  /** Another enterprise's students answer 404, exactly like an enterprise that does not exist. */
  async listSponsoredBy(actor: AuthUser, enterpriseId: number, query: PageQueryDto): Promise<Page<SponsoredStudentResponseDto>> {
    if (actor.role === 'enterprise' && actor.enterpriseId !== enterpriseId) throw notFound('Enterprise', enterpriseId);
    const manager = this.dataSource.manager;
    if (!(await manager.existsBy(EnterpriseEntity, { id: enterpriseId }))) throw notFound('Enterprise', enterpriseId);
    const [rows, total] = await this.students.pageSponsoredBy(manager, enterpriseId, pageWindow(query));
    return toPage(rows, total, query, toSponsoredStudentResponse);
  }

  /** Every unknown major preference and an unknown enterprise are reported together. */
  private async checkReferences(manager: EntityManager, cohort: CohortWithProgram, dto: CreateStudentDto): Promise<void> {
    const details: ErrorDetail[] = [];
    const majors = await manager.find(MajorEntity, {
      select: { code: true },
      where: { cohortId: cohort.id, code: In(dto.majorPreferences) },
    });
    const known = new Set(majors.map((m) => m.code));
    const unknown = dto.majorPreferences.filter((code) => !known.has(code));
    if (unknown.length) details.push({ field: 'majorPreferences', message: `not majors of cohort ${cohort.id}: ${unknown.join(', ')}` });
    const enterpriseId = dto.intendedEnterpriseId ?? null;
    if (enterpriseId !== null && !(await manager.existsBy(EnterpriseEntity, { id: enterpriseId }))) {
      details.push({ field: 'intendedEnterpriseId', message: `no enterprise ${enterpriseId}` });
    }
    if (details.length) {
      throw new DomainError('VALIDATION_FAILED', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
    }
  }
}

const duplicate = (cohortId: number): DomainError =>
  new DomainError('DUPLICATE', `A student with this national ID is already in cohort ${cohortId}`);
