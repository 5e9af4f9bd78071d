import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { DisbursementPaymentsService, IDEMPOTENCY_KEY_HEADER } from './disbursement-payments.service';
import { DisbursementsService } from './disbursements.service';
import { DisbursementLineResponseDto, StudentDisbursementsResponseDto } from './dto/disbursement-response.dto';
import { PayDisbursementDto } from './dto/pay.dto';

@ApiTags('disbursements')
@ApiBearerAuth()
@Controller()
export class DisbursementsController {
  constructor(
    private readonly disbursements: DisbursementsService,
    private readonly payments: DisbursementPaymentsService,
  ) {}

  /**
   * The student's schedule with totals. An enterprise sees only the fares it pays; another student, or an
   * enterprise paying nothing for this student, gets 404.
   */
  @Get('students/:id/disbursements')
  @Roles('admin', 'staff', 'enterprise', 'student')
  forStudent(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto): Promise<StudentDisbursementsResponseDto> {
    return this.disbursements.forStudent(actor, id);
  }

  /** The signed-in student's own schedule: what was paid, what is due, what is held or cancelled and why. */
  @Get('me/disbursements')
  @Roles('student')
  forMe(@CurrentUser() actor: AuthUser): Promise<StudentDisbursementsResponseDto> {
    return this.disbursements.forMe(actor);
  }

  /** Only a SCHEDULED programme line; anything else 409. */
  @Post('disbursements/:id/approve')
  @HttpCode(200)
  @Roles('admin', 'staff')
  approve(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto): Promise<DisbursementLineResponseDto> {
    return this.disbursements.approve(actor, id);
  }

  /**
   * Admin and staff pay APPROVED programme lines; an enterprise its own winter fares, SCHEDULED or
   * APPROVED. The same Idempotency-Key on the same line answers the first payment again and changes
   * nothing; with a different body 422; a line paid under another key 409 ALREADY_PAID.
   */
  @Post('disbursements/:id/pay')
  @HttpCode(200)
  @Roles('admin', 'staff', 'enterprise')
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: true,
    description: '1 to 128 visible ASCII characters, unique per payment of a line',
  })
  pay(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: PayDisbursementDto,
  ): Promise<DisbursementLineResponseDto> {
    return this.payments.pay(actor, id, key, dto);
  }
}
