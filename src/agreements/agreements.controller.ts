import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { AnyRole, CurrentUser, Public, Roles } from '../common/auth/decorators';
import { PageQueryDto } from '../common/pagination/page';
import { RateLimitPerAddress } from '../common/rate-limit/rate-limit.guard';
import { IdParamDto } from '../common/validation/id-param.dto';
import { JobAcceptedDto } from '../jobs/dto/job-response.dto';
import { toStreamableFile } from '../common/http/attachment';
import { AgreementBatchService } from './agreement-batch.service';
import { AgreementBundleService } from './agreement-bundle.service';
import { AgreementsService } from './agreements.service';
import {
  AgreementLanguageQueryDto,
  AgreementPageDto,
  AgreementResponseDto,
  BundleQueryDto,
  CreateAgreementDto,
  VerificationResponseDto,
} from './dto/agreement.dto';

@ApiTags('agreements')
@Controller()
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly batches: AgreementBatchService,
    private readonly bundles: AgreementBundleService,
  ) {}

  /** Renders and stores a new version, Chinese only unless `?lang=bilingual`; 409 when the student's record does not allow the kind yet. */
  @Post('students/:id/agreements')
  @Roles('admin', 'staff')
  @ApiBearerAuth()
  create(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Query() { lang }: AgreementLanguageQueryDto,
    @Body() dto: CreateAgreementDto,
  ): Promise<AgreementResponseDto> {
    return this.agreements.create(actor, id, { kind: dto.kind, language: lang ?? 'zh' });
  }

  /** Staff, the student, or an enterprise party to them (which sees only those). */
  @Get('students/:id/agreements')
  @AnyRole()
  @ApiBearerAuth()
  list(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Query() query: PageQueryDto): Promise<AgreementPageDto> {
    return this.agreements.list(actor, id, query);
  }

  /** The copy names the student in full: each download is audited (`agreement.downloaded`) and never cached. */
  @Get('agreements/:id/pdf')
  @AnyRole()
  @ApiBearerAuth()
  @Header('cache-control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The stored PDF, byte for byte',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async pdf(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto): Promise<StreamableFile> {
    const { agreement, bytes } = await this.agreements.pdf(actor, id);
    const name = `agreement-${agreement.id}-${agreement.kind.toLowerCase()}-v${agreement.version}.pdf`;
    return new StreamableFile(bytes, { type: 'application/pdf', disposition: `inline; filename="${name}"`, length: bytes.length });
  }

  /** Public: by the SHA-256 of a PDF, or by the verification code printed in its footer. */
  @Get('agreements/verify/:sha256')
  @Public()
  @RateLimitPerAddress({ name: 'agreement-verify', limit: 60, windowMs: 60_000 })
  @ApiParam({ name: 'sha256', description: 'SHA-256 of the PDF (hex), or the verification code printed on it' })
  verify(@Param('sha256') codeOrSha256: string): Promise<VerificationResponseDto> {
    return this.agreements.verify(codeOrSha256);
  }

  /** One agreement for every student of the cohort it applies to, in the background: follow GET /api/jobs/:id. */
  @Post('cohorts/:id/agreements')
  @Roles('admin', 'staff')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  async createForCohort(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Query() { lang }: AgreementLanguageQueryDto,
    @Body() dto: CreateAgreementDto,
  ): Promise<JobAcceptedDto> {
    return { jobId: await this.batches.startForCohort(actor, id, { kind: dto.kind, language: lang ?? 'zh' }) };
  }

  /** One PDF to print: the latest agreement of the kind for each student of the cohort that has one, in list order, streamed. */
  @Get('cohorts/:id/agreements/bundle')
  @Roles('admin', 'staff')
  @ApiBearerAuth()
  @Header('cache-control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'One PDF, each agreement starting on a new page',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async bundle(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Query() { kind }: BundleQueryDto): Promise<StreamableFile> {
    return toStreamableFile(await this.bundles.bundle(actor, id, kind));
  }
}
