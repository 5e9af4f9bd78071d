import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CohortEnrolmentService } from './cohort-enrolment.service';
import { DisbursementHistoryService } from './disbursement-history.service';
import { DisbursementsService } from './disbursements.service';
import { ApproveDueDto, ApproveDueResponseDto } from './dto/approve-due.dto';
import { DisbursementSummaryDto } from './dto/disbursement-summary.dto';
import { EnrolCohortDto, EnrolCohortResponseDto } from './dto/enrol-cohort.dto';
import { RecordHistoryDto, RecordHistoryResponseDto } from './dto/record-history.dto';

@ApiTags('disbursements')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortDisbursementsController {
  constructor(
    private readonly enrolment: CohortEnrolmentService,
    private readonly disbursements: DisbursementsService,
    private readonly history: DisbursementHistoryService,
  ) {}

  /**
   * Every ADMITTED student with a major becomes ENROLLED with their schedule, a few hundred students per
   * transaction; those without a major are listed in `skipped`. Running it again enrols only who is left.
   */
  @Post(':id/enrol')
  @HttpCode(200)
  @Roles('admin', 'staff')
  enrol(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: EnrolCohortDto): Promise<EnrolCohortResponseDto> {
    return this.enrolment.enrol(actor, id, dto.effectiveDate);
  }

  /** Approves every SCHEDULED programme line of the cohort due on or before the date, all in one transaction. */
  @Post(':id/disbursements/approve-due')
  @HttpCode(200)
  @Roles('admin', 'staff')
  approveDue(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: ApproveDueDto): Promise<ApproveDueResponseDto> {
    return this.disbursements.approveDue(actor, id, dto.dueOnOrBefore);
  }

  /**
   * Payments made before the system was used: every SCHEDULED or APPROVED line of the cohort with the payer
   * (PROGRAM unless given) due before `paidBefore` becomes PAID on its due date under the reference. Admin
   * only. Running it again records 0.
   */
  @Post(':id/disbursements/record-history')
  @HttpCode(200)
  @Roles('admin')
  recordHistory(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() dto: RecordHistoryDto,
  ): Promise<RecordHistoryResponseDto> {
    return this.history.record(actor, id, dto);
  }

  /** Fen by kind and status over every line of the cohort. */
  @Get(':id/disbursements/summary')
  @Roles('admin', 'staff')
  summary(@Param() { id }: IdParamDto): Promise<DisbursementSummaryDto> {
    return this.disbursements.summary(id);
  }
}
