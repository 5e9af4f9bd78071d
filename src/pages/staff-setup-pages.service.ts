import { Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { PageQueryDto } from '../common/pagination/page';
import { EnterpriseQueryDto } from '../enterprises/dto/enterprise-query.dto';
import { QuotaQueryDto } from '../enterprises/dto/quota-query.dto';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { QuotasService } from '../enterprises/quotas.service';
import { CohortsService } from '../programs/cohorts.service';
import { CohortQueryDto } from '../programs/dto/cohort-query.dto';
import { MajorsService } from '../programs/majors.service';
import { FUNDERS } from '../programs/program.entity';
import { ProgramsService } from '../programs/programs.service';
import { DEFAULT_PROGRAM_POLICY, DEFAULT_STUDY_YEARS } from '../programs/rules/program-policy';
import { pager } from './enterprise-pages.service';
import { FieldErrors } from './page-forms';
import { formatYuan } from './rules/money';

/** Reference data is a handful of rows a year; one page shows them all (enterprises are paged). */
const ALL = 500;
const ENTERPRISE_PAGE = 50;

/** One form of a page: what was typed (or its defaults), and the reason it was refused, next to its fields. */
export interface SetupForm {
  values: Record<string, string>;
  errors: FieldErrors;
  message: string | null;
}

export type OverviewForm = 'program' | 'cohort' | 'enterprise';
export type CohortForm = 'major' | 'quota';

const blank = (values: Record<string, string>): SetupForm => ({ values, errors: {}, message: null });
const entry = <T extends object>(query: T, values: Partial<T>): T => Object.assign(query, values) as T;

/** The setup pages' reads, all through the API's own services with the session's user. */
@Injectable()
export class StaffSetupPagesService {
  constructor(
    private readonly programs: ProgramsService,
    private readonly cohorts: CohortsService,
    private readonly majors: MajorsService,
    private readonly enterprises: EnterprisesService,
    private readonly quotas: QuotasService,
    private readonly clock: Clock,
  ) {}

  /** Programmes, cohorts and enterprises with a create form each; `failed` is the form sent back with its reason. */
  async overview(actor: AuthUser, enterprisePage: number, failed?: { form: OverviewForm } & SetupForm) {
    const programs = await this.programs.list(entry(new PageQueryDto(), { pageSize: ALL }));
    const cohorts = await this.cohorts.list(entry(new CohortQueryDto(), { pageSize: ALL }));
    const enterprises = await this.enterprises.list(
      actor,
      entry(new EnterpriseQueryDto(), { page: enterprisePage, pageSize: ENTERPRISE_PAGE }),
    );
    const programName = new Map(programs.items.map((p) => [p.id, p.name]));
    const today = this.clock.today();
    const forms: Record<OverviewForm, SetupForm> = {
      program: blank({
        funder: 'ENTERPRISE',
        studyYears: String(DEFAULT_STUDY_YEARS),
        educationFundYuan: yuanText(DEFAULT_PROGRAM_POLICY.educationFundFen),
        livingAllowanceYuan: yuanText(DEFAULT_PROGRAM_POLICY.livingAllowanceFen),
        winterFareYuan: yuanText(DEFAULT_PROGRAM_POLICY.winterFareFen),
        educationFundInstallments: String(DEFAULT_PROGRAM_POLICY.educationFundInstallments),
        livingAllowanceInstallments: String(DEFAULT_PROGRAM_POLICY.livingAllowanceInstallments),
        requirePovertyRegistration: 'true',
      }),
      cohort: blank({ intakeYear: today.slice(0, 4), startDate: today, programId: String(programs.items.at(-1)?.id ?? '') }),
      enterprise: blank({}),
    };
    if (failed) forms[failed.form] = { values: failed.values, errors: failed.errors, message: failed.message };
    return {
      programs: programs.items.map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        funder: p.funder,
        studyYears: p.studyYears,
        educationFund: formatYuan(p.policy.educationFundFen),
        livingAllowance: formatYuan(p.policy.livingAllowanceFen),
        winterFare: formatYuan(p.policy.winterFareFen),
        educationFundInstallments: p.policy.educationFundInstallments,
        livingAllowanceInstallments: p.policy.livingAllowanceInstallments,
        counties: p.eligibility.homeCounties.join('、'),
        requirePovertyRegistration: p.eligibility.requirePovertyRegistration,
      })),
      funders: FUNDERS,
      cohorts: cohorts.items
        .map((c) => ({
          id: c.id,
          name: c.name,
          intakeYear: c.intakeYear,
          startDate: c.startDate,
          programName: programName.get(c.programId) ?? '',
        }))
        .reverse(),
      enterprises: enterprises.items,
      enterpriseTotal: enterprises.total,
      enterprisePager: pager(enterprises.page, enterprises.pageSize, enterprises.total),
      forms,
    };
  }

  /** Enterprises are listed oldest first: the page a new one appears on. */
  async lastEnterprisePage(actor: AuthUser): Promise<number> {
    const { total } = await this.enterprises.list(actor, entry(new EnterpriseQueryDto(), { pageSize: 1 }));
    return Math.max(1, Math.ceil(total / ENTERPRISE_PAGE));
  }

  /** One cohort's majors and quotas with their create forms. An unknown cohort is 404, as in the API. */
  async cohort(actor: AuthUser, cohortId: number, failed?: { form: CohortForm } & SetupForm) {
    const cohort = await this.cohorts.get(cohortId);
    const program = await this.programs.get(cohort.programId);
    const majors = await this.majors.list(cohortId, entry(new PageQueryDto(), { pageSize: ALL }));
    const quotas = await this.quotas.list(actor, cohortId, entry(new QuotaQueryDto(), { pageSize: ALL }));
    const enterprises = await this.enterprises.list(actor, entry(new EnterpriseQueryDto(), { pageSize: ALL }));
    const enterpriseName = new Map(enterprises.items.map((e) => [e.id, e.name]));
    const majorName = new Map(majors.items.map((m) => [m.code, m.name]));
    const forms: Record<CohortForm, SetupForm> = { major: blank({}), quota: blank({}) };
    if (failed) forms[failed.form] = { values: failed.values, errors: failed.errors, message: failed.message };
    return {
      cohort: { id: cohort.id, name: cohort.name, intakeYear: cohort.intakeYear, startDate: cohort.startDate, programName: program.name },
      majors: majors.items.map((m) => ({
        code: m.code,
        name: m.name,
        institution: m.institution,
        capacity: m.capacity,
        assigned: m.assigned,
      })),
      seats: majors.items.reduce((sum, m) => sum + m.capacity, 0),
      quotas: quotas.items.map((q) => ({
        id: q.id,
        enterpriseName: enterpriseName.get(q.enterpriseId) ?? '',
        majorCode: q.majorCode,
        majorName: majorName.get(q.majorCode) ?? '',
        seats: q.seats,
        used: q.used,
      })),
      enterprises: enterprises.items.map((e) => ({ id: e.id, name: e.name })),
      canAddQuota: enterprises.items.length > 0 && majors.items.length > 0,
      forms,
    };
  }
}

/** 500000 fen → "5000", 150050 → "1500.50": an amount as it is typed back into a form. */
export function yuanText(fen: number): string {
  const cents = fen % 100;
  return cents ? `${Math.floor(fen / 100)}.${String(cents).padStart(2, '0')}` : String(fen / 100);
}
