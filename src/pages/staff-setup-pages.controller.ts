import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { PageQueryDto } from '../common/pagination/page';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CreateEnterpriseDto } from '../enterprises/dto/create-enterprise.dto';
import { CreateQuotaDto } from '../enterprises/dto/create-quota.dto';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { QuotasService } from '../enterprises/quotas.service';
import { CohortsService } from '../programs/cohorts.service';
import { CreateCohortDto } from '../programs/dto/create-cohort.dto';
import { CreateMajorDto } from '../programs/dto/create-major.dto';
import { CreateProgramDto, CreateProgramEligibilityDto, CreateProgramPolicyDto } from '../programs/dto/create-program.dto';
import { MajorsService } from '../programs/majors.service';
import { ProgramsService } from '../programs/programs.service';
import { Lang, translate } from './i18n';
import { attemptForm, FieldErrors, filledFields, validateForm } from './page-forms';
import { resolveLang } from './page-session';
import { renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { parseYuanToFen } from './rules/money';
import { CohortForm, OverviewForm, SetupForm, StaffSetupPagesService } from './staff-setup-pages.service';

const PROGRAM_FIELDS = [
  'code',
  'name',
  'funder',
  'studyYears',
  'educationFundYuan',
  'livingAllowanceYuan',
  'winterFareYuan',
  'educationFundInstallments',
  'livingAllowanceInstallments',
  'homeCounties',
] as const;
/** The form's amounts in yuan and the policy's fields in fen. */
const YUAN_FIELDS = {
  educationFundYuan: 'educationFundFen',
  livingAllowanceYuan: 'livingAllowanceFen',
  winterFareYuan: 'winterFareFen',
} as const;

/** A whole number typed in a form; anything else is NaN, which the DTO's @IsInt refuses with the field named. */
const int = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : /^\s*-?\d{1,9}\s*$/.test(text) ? Number(text) : NaN;
/** Counties typed on one line, separated by 、, commas, semicolons or spaces. */
const counties = (text: string | undefined): string[] => (text ?? '').split(/[、,，;；\s]+/).filter((c) => c !== '');

type Done = { text: string; to: string };

/** A form as sent: the page's language, and how to show its page again with the form refused. */
interface Sent {
  lang: Lang;
  request: FastifyRequest;
  reply: FastifyReply;
  render: (failed: Omit<SetupForm, 'values'>, status: number) => Promise<unknown>;
}

/**
 * Setting up a year's class: programmes (policy typed in yuan, kept in fen), cohorts, majors with their seats,
 * enterprises and their quotas. Each form goes to the API's own service; the API offers no edit of these records,
 * so neither do the pages.
 */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Roles('admin', 'staff')
@Controller('staff/setup')
export class StaffSetupPagesController {
  constructor(
    private readonly pages: StaffSetupPagesService,
    private readonly programs: ProgramsService,
    private readonly cohorts: CohortsService,
    private readonly majors: MajorsService,
    private readonly enterprises: EnterprisesService,
    private readonly quotas: QuotasService,
  ) {}

  @Get()
  async overview(
    @CurrentUser() actor: AuthUser,
    @Query() query: PageQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return renderPage(request, reply, 'staff-setup', await this.pages.overview(actor, query.page));
  }

  @Post('programs')
  async createProgram(
    @CurrentUser() actor: AuthUser,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const typed = filledFields(body, PROGRAM_FIELDS);
    const poverty = body.requirePovertyRegistration === 'true';
    const sent = this.overviewForm(actor, request, reply, 'program', { ...typed, requirePovertyRegistration: poverty ? 'true' : '' });
    const policyValues: Record<string, number | undefined> = {
      educationFundInstallments: int(typed.educationFundInstallments),
      livingAllowanceInstallments: int(typed.livingAllowanceInstallments),
    };
    for (const [yuan, fen] of Object.entries(YUAN_FIELDS)) {
      const text = typed[yuan as keyof typeof YUAN_FIELDS];
      policyValues[fen] = text === undefined ? undefined : (parseYuanToFen(text) ?? NaN);
    }
    const top = await validateForm(
      CreateProgramDto,
      { code: typed.code, name: typed.name, funder: typed.funder, studyYears: int(typed.studyYears) },
      sent.lang,
    );
    const policy = await validateForm(CreateProgramPolicyDto, withoutUndefined(policyValues), sent.lang);
    const eligibility = await validateForm(
      CreateProgramEligibilityDto,
      { homeCounties: counties(typed.homeCounties), requirePovertyRegistration: poverty },
      sent.lang,
    );
    if (!top.value || !policy.value || !eligibility.value)
      return this.refuse(sent, { ...top.errors, ...inYuan(policy.errors ?? {}), ...eligibility.errors });
    const dto = Object.assign(top.value, { policy: policy.value, eligibility: eligibility.value });
    return this.attempt(sent, async () => {
      const program = await this.programs.create(actor, dto);
      return { text: 'setup.programCreated', to: `/staff/setup#program-${program.id}` };
    });
  }

  @Post('cohorts')
  createCohort(
    @CurrentUser() actor: AuthUser,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const values = filledFields(body, ['programId', 'name', 'intakeYear', 'startDate']);
    const converted = { ...values, programId: int(values.programId), intakeYear: int(values.intakeYear) };
    return this.submit(this.overviewForm(actor, request, reply, 'cohort', values), CreateCohortDto, converted, async (dto) => {
      const cohort = await this.cohorts.create(actor, dto);
      return { text: 'setup.cohortCreated', to: `/staff/setup/cohorts/${cohort.id}#majors` };
    });
  }

  @Post('enterprises')
  createEnterprise(
    @CurrentUser() actor: AuthUser,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const values = filledFields(body, ['name', 'creditCode', 'contactName', 'contactPhone']);
    return this.submit(this.overviewForm(actor, request, reply, 'enterprise', values), CreateEnterpriseDto, values, async (dto) => {
      const enterprise = await this.enterprises.create(actor, dto);
      const page = await this.pages.lastEnterprisePage(actor);
      return { text: 'setup.enterpriseCreated', to: `/staff/setup?page=${page}#enterprise-${enterprise.id}` };
    });
  }

  @Get('cohorts/:id')
  async cohort(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    return renderPage(request, reply, 'staff-setup-cohort', await this.pages.cohort(actor, id));
  }

  @Post('cohorts/:id/majors')
  createMajor(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const values = filledFields(body, ['code', 'name', 'institution', 'capacity']);
    const converted = { ...values, capacity: int(values.capacity) };
    return this.submit(this.cohortForm(actor, id, request, reply, 'major', values), CreateMajorDto, converted, async (dto) => {
      const major = await this.majors.create(actor, id, dto);
      return { text: 'setup.majorCreated', to: `/staff/setup/cohorts/${id}#major-${major.code}` };
    });
  }

  @Post('cohorts/:id/quotas')
  createQuota(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const values = filledFields(body, ['enterpriseId', 'majorCode', 'seats']);
    const converted = { ...values, enterpriseId: int(values.enterpriseId), seats: int(values.seats) };
    return this.submit(this.cohortForm(actor, id, request, reply, 'quota', values), CreateQuotaDto, converted, async (dto) => {
      const quota = await this.quotas.create(actor, id, dto);
      return { text: 'setup.quotaCreated', to: `/staff/setup/cohorts/${id}#quota-${quota.id}` };
    });
  }

  /** A form of the overview page as sent, able to show that page again with it refused. */
  private overviewForm(
    actor: AuthUser,
    request: FastifyRequest,
    reply: FastifyReply,
    form: OverviewForm,
    values: Record<string, string>,
  ): Sent {
    return sentForm(request, reply, 'staff-setup', (failed) => this.pages.overview(actor, 1, { form, values, ...failed }));
  }

  /** A form of a cohort's setup page as sent. */
  private cohortForm(
    actor: AuthUser,
    cohortId: number,
    request: FastifyRequest,
    reply: FastifyReply,
    form: CohortForm,
    values: Record<string, string>,
  ): Sent {
    return sentForm(request, reply, 'staff-setup-cohort', (failed) => this.pages.cohort(actor, cohortId, { form, values, ...failed }));
  }

  /** The form checked by the API's DTO, then given to the service. */
  private async submit<T extends object>(
    sent: Sent,
    dto: new () => T,
    converted: Record<string, unknown>,
    action: (value: T) => Promise<Done>,
  ): Promise<unknown> {
    const { value, errors } = await validateForm(dto, converted, sent.lang);
    return value ? this.attempt(sent, () => action(value)) : this.refuse(sent, errors ?? {});
  }

  private refuse(sent: Sent, errors: FieldErrors): Promise<unknown> {
    return sent.render({ errors, message: translate(sent.lang, 'apiError.VALIDATION_FAILED') }, 400);
  }

  /**
   * Runs the service; done, back to the item with a flash (303). Refused, the same page again with the reason in
   * the page's language next to the form and what was typed. An unknown cohort (404) goes to the error page.
   */
  private attempt(sent: Sent, action: () => Promise<Done>): Promise<unknown> {
    return attemptForm(
      sent,
      action,
      ({ status, message, fields }) => sent.render({ errors: fields, message }, status),
      (done) => ({ flash: { ok: true, text: done.text }, to: done.to }),
    );
  }
}

function sentForm(
  request: FastifyRequest,
  reply: FastifyReply,
  view: string,
  model: (failed: Omit<SetupForm, 'values'>) => Promise<object>,
): Sent {
  return {
    lang: resolveLang(request, reply),
    request,
    reply,
    render: async (failed, status) => renderPage(request, reply, view, await model(failed), status),
  };
}

function withoutUndefined<T>(record: Record<string, T | undefined>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Record<string, T>;
}

/** The policy's fen fields are typed in yuan: a refused amount is named by its yuan field, with the rule in yuan. */
function inYuan(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  const yuanOf = new Map(Object.entries(YUAN_FIELDS).map(([yuan, fen]) => [fen as string, yuan]));
  for (const [field, message] of Object.entries(errors)) {
    const yuan = yuanOf.get(field);
    out[yuan ?? field] = yuan ? 'setup.amountRule' : message;
  }
  return out;
}
