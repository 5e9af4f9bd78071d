import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { DisbursementPaymentsService, IDEMPOTENCY_KEY_HEADER } from './disbursement-payments.service';
import { PayFaresDto, PayFaresResponseDto } from './dto/pay-fares.dto';

@ApiTags('disbursements')
@ApiBearerAuth()
@Controller('enterprise/fares')
export class EnterpriseFaresController {
  constructor(private readonly payments: DisbursementPaymentsService) {}

  /**
   * An enterprise's winter fares paid by one transfer, SCHEDULED or APPROVED, all or none: the first fare refused
   * leaves every other unpaid. The same request sent again answers the same payments and changes nothing.
   */
  @Post('pay')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: '1 to 128 visible ASCII characters. Optional: without it the key is the request itself (its lines, paidAt and reference)',
  })
  @ApiOkResponse({ type: PayFaresResponseDto, description: 'Every fare named, paid' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad field, e.g. no lineIds or more than 500, or paidAt in the future' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'A line that is not a fare of this enterprise; nothing is paid' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'ALREADY_PAID: a fare already paid by another request (another key, paidAt or reference); nothing is paid',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'The same Idempotency-Key sent before with another body' })
  pay(
    @CurrentUser() actor: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: PayFaresDto,
  ): Promise<PayFaresResponseDto> {
    return this.payments.payFares(actor, key, dto);
  }
}
