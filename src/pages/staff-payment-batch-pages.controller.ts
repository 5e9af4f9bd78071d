import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/decorators';
import { Clock } from '../common/clock';
import { DomainError, ERROR_STATUS } from '../common/errors/domain-error';
import { FilePart, uploadedFile } from '../common/http/file-part';
import { IdParamDto } from '../common/validation/id-param.dto';
import { BankFileService } from '../payment-batches/bank-file.service';
import { CreatePaymentBatchDto } from '../payment-batches/dto/create-payment-batch.dto';
import { BankFileQueryDto, PaymentBatchQueryDto } from '../payment-batches/dto/payment-batch-query.dto';
import { RETURN_FILE_LIMIT_BYTES } from '../payment-batches/payment-batches.controller';
import { PaymentBatchesService } from '../payment-batches/payment-batches.service';
import { ReturnFileService } from '../payment-batches/return-file.service';
import { pageOf } from './enterprise-pages.service';
import { Lang, translate } from './i18n';
import { pageError } from './page-errors';
import { filledFields, validateForm } from './page-forms';
import { resolveLang, setFlash } from './page-session';
import { download, redirect, renderPage } from './page-view';
import { PagesGuard } from './pages.guard';
import { formatYuan } from './rules/money';
import { ReturnFileProblem } from './return-file-messages';
import { LINE_RESULTS } from '../payment-batches/rules/batch-status';
import { BatchPageState, StaffPaymentBatchPagesService } from './staff-payment-batch-pages.service';

const CREATE_FIELDS = ['cohortId', 'dueOnOrBefore', 'kind'] as const;

/**
 * Paying a class through the bank's bulk transfer (批量代发): the batches, one made after its lines and total
 * were shown, the bank file downloaded, the bank's return file uploaded and its outcome shown, all through the
 * API's own services.
 */
@ApiExcludeController()
@Public()
@UseGuards(PagesGuard)
@Roles('admin', 'staff')
@Controller('staff/payment-batches')
export class StaffPaymentBatchPagesController {
  constructor(
    private readonly pages: StaffPaymentBatchPagesService,
    private readonly batches: PaymentBatchesService,
    private readonly bankFiles: BankFileService,
    private readonly returnFiles: ReturnFileService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Query() raw: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<unknown> {
    return renderPage(request, reply, 'staff-payment-batches', await this.pages.list(await listQuery(raw)));
  }

  /** GET, nothing written: the lines the batch would take, their total and who is left out, before it is made. */
  @Get('preview')
  async preview(@Query() raw: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const typed = { dueOnOrBefore: this.clock.today(), ...filledFields(raw, CREATE_FIELDS) };
    const { value, errors } = await validateForm(CreatePaymentBatchDto, typed, lang);
    if (!value) return this.refuseCreate(request, reply, lang, typed, errors);
    return renderPage(request, reply, 'staff-payment-batch-preview', await this.pages.preview(lang, value));
  }

  /**
   * The batch made from the preview's confirm button. Sent twice, the second finds the lines already in the
   * first batch and is refused (409) on the preview, worded in the page's language.
   */
  @Post()
  async create(
    @CurrentUser() actor: AuthUser,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const typed = filledFields(form, CREATE_FIELDS);
    const { value, errors } = await validateForm(CreatePaymentBatchDto, typed, lang);
    if (!value) return this.refuseCreate(request, reply, lang, typed, errors);
    try {
      const batch = await this.batches.create(actor, value);
      const texts = [
        translate(lang, 'batch.created', {
          name: translate(lang, 'batch.name', { id: batch.id }),
          count: batch.lineCount,
          total: formatYuan(batch.totalFen),
        }),
      ];
      if (batch.skipped.length) texts.push(translate(lang, 'batch.createdSkipped', { count: batch.skipped.length }));
      // The preview's count and total come back with the form: lines approved or paid meanwhile are pointed out.
      const previewed = filledFields(form, ['expectLines', 'expectFen']);
      const [lines, fen] = [Number(previewed.expectLines), Number(previewed.expectFen)];
      if (Number.isSafeInteger(lines) && Number.isSafeInteger(fen) && (lines !== batch.lineCount || fen !== batch.totalFen)) {
        texts.push(translate(lang, 'batch.createdDiffers', { count: lines, total: formatYuan(fen) }));
      }
      setFlash(request, { ok: true, text: texts.join(lang === 'zh' ? '' : ' ') });
      return redirect(reply, `/staff/payment-batches/${batch.id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || ERROR_STATUS[error.code] !== 409) throw error;
      return renderPage(
        request,
        reply,
        'staff-payment-batch-preview',
        { ...(await this.pages.preview(lang, value)), refusal: pageError(lang, error).message },
        409,
      );
    }
  }

  @Get(':id')
  async batch(
    @Param() { id }: IdParamDto,
    @Query() raw: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const result = LINE_RESULTS.find((r) => r === raw.result) ?? null;
    const model = await this.pages.batch(resolveLang(request, reply), id, { page: pageOf(raw.page), result });
    return renderPage(request, reply, 'staff-payment-batch', model);
  }

  /**
   * The bank file as an attachment, never kept by a cache: the only page answer with whole account numbers.
   * A POST with the form's token, as the download marks the batch exported and is audited.
   */
  @Post(':id/bank-file')
  async bankFile(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const typed = filledFields(form, ['format', 'layout']);
    const { value, errors } = await validateForm(BankFileQueryDto, typed, lang);
    const refuse = (message: string, fields: Record<string, string>, status: number) =>
      this.renderBatch(request, reply, lang, id, { download: { values: typed, fields, message } }, status);
    if (!value) return refuse(translate(lang, 'batch.fixErrors'), errors, 400);
    try {
      return download(reply, await this.bankFiles.bankFile(actor, id, value));
    } catch (error) {
      if (!(error instanceof DomainError) || ERROR_STATUS[error.code] !== 400) throw error;
      const { message, fields } = pageError(lang, error);
      return refuse(message, fields, 400);
    }
  }

  /**
   * The bank's return file (multipart; the token in the address, as the import's form sends it), applied all
   * or nothing: the counts and the batch's status, or every problem by row and column with nothing applied.
   */
  @Post(':id/return-file')
  async returnFile(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<unknown> {
    const lang = resolveLang(request, reply);
    const refuse = (message: string, status: number, fields: Record<string, string> = {}) =>
      this.renderBatch(request, reply, lang, id, { upload: { values: {}, fields, message } }, status);
    let file: FilePart | null;
    try {
      file = await uploadedFile(request, RETURN_FILE_LIMIT_BYTES);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refuse(pageError(lang, error).message, ERROR_STATUS[error.code]);
    }
    if (!file?.filename) return refuse(translate(lang, 'batch.fixErrors'), 400, { file: translate(lang, 'error.required') });
    try {
      const returned = await this.returnFiles.reconcile(actor, id, file);
      return this.renderBatch(request, reply, lang, id, { returned }, 200);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = ERROR_STATUS[error.code];
      if (status === 404 || status >= 500) throw error;
      const report = error.extra as { errors?: ReturnFileProblem[]; errorsOmitted?: number } | undefined;
      if (report?.errors?.length) {
        return this.renderBatch(
          request,
          reply,
          lang,
          id,
          { rejected: { problems: report.errors, omitted: report.errorsOmitted ?? 0 } },
          status,
        );
      }
      return refuse(pageError(lang, error).message, status);
    }
  }

  private async renderBatch(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    id: number,
    state: BatchPageState,
    status: number,
  ): Promise<unknown> {
    return renderPage(request, reply, 'staff-payment-batch', await this.pages.batch(lang, id, { page: 1, result: null }, state), status);
  }

  /** The list again with the create form refused beside its fields, what was typed kept. */
  private async refuseCreate(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    typed: Record<string, string>,
    fields: Record<string, string>,
  ): Promise<unknown> {
    const create = { values: { cohortId: '', kind: '', dueOnOrBefore: '', ...typed }, fields, message: translate(lang, 'batch.fixErrors') };
    return renderPage(request, reply, 'staff-payment-batches', await this.pages.list(await listQuery({}), create), 400);
  }
}

/** The list's filters and page from a query string; a bad one is a 400 like the API's. */
async function listQuery(raw: Record<string, unknown>): Promise<PaymentBatchQueryDto> {
  const { value, errors } = await validateForm(PaymentBatchQueryDto, filledFields(raw, ['cohortId', 'status', 'page', 'pageSize']));
  if (!value) throw new DomainError('VALIDATION_FAILED', Object.keys(errors).join(', '));
  return value;
}
