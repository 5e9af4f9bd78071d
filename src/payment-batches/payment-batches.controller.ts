import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { toStreamableFile } from '../common/http/attachment';
import { readFilePart } from '../common/http/file-part';
import { TakesFile } from '../common/http/request-body';
import { Page } from '../common/pagination/page';
import { IdParamDto } from '../common/validation/id-param.dto';
import { BankFileService } from './bank-file.service';
import { CreatePaymentBatchDto } from './dto/create-payment-batch.dto';
import { BankFileQueryDto, PaymentBatchQueryDto } from './dto/payment-batch-query.dto';
import {
  CreatedPaymentBatchDto,
  PaymentBatchDetailDto,
  PaymentBatchPageDto,
  PaymentBatchResponseDto,
  ReturnFileResultDto,
} from './dto/payment-batch-response.dto';
import { PaymentBatchesService } from './payment-batches.service';
import { ReturnFileService } from './return-file.service';

/** A return file lists at most a batch's lines: far under the import's limit. */
export const RETURN_FILE_LIMIT_BYTES = 20 * 1024 * 1024;

@ApiTags('payment-batches')
@ApiBearerAuth()
@Controller('payment-batches')
@Roles('admin', 'staff')
export class PaymentBatchesController {
  constructor(
    private readonly batches: PaymentBatchesService,
    private readonly bankFiles: BankFileService,
    private readonly returnFiles: ReturnFileService,
  ) {}

  /** Every APPROVED programme line due by then, in no other batch, whose student has a bank account. */
  @Post()
  @ApiConflictResponse({ description: 'No line to take (the answer lists those skipped), or lines changed meanwhile' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreatePaymentBatchDto): Promise<CreatedPaymentBatchDto> {
    return this.batches.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: PaymentBatchPageDto })
  list(@Query() query: PaymentBatchQueryDto): Promise<Page<PaymentBatchResponseDto>> {
    return this.batches.list(query);
  }

  /** The batch with its lines in bank-file order; account numbers masked. */
  @Get(':id')
  get(@Param() { id }: IdParamDto): Promise<PaymentBatchDetailDto> {
    return this.batches.get(id);
  }

  /**
   * The file to upload to the bank: the only answer with whole account numbers, so never kept by a cache.
   * An OPEN batch becomes EXPORTED; each download is recorded with the file's SHA-256 and who took it.
   */
  @Get(':id/bank-file')
  @Header('cache-control', 'private, no-store')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The bank file as an attachment', schema: { type: 'string', format: 'binary' } })
  async bankFile(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Query() query: BankFileQueryDto): Promise<StreamableFile> {
    return toStreamableFile(await this.bankFiles.bankFile(actor, id, query));
  }

  /** The bank's result file, applied all or nothing; the same file again changes nothing. */
  @Post(':id/return-file')
  @HttpCode(200)
  @TakesFile()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ReturnFileResultDto })
  @ApiUnprocessableEntityResponse({
    type: ReturnFileResultDto,
    description: 'Rows that match no line, or unreadable rows: nothing applied',
  })
  async returnFile(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Req() request: FastifyRequest,
  ): Promise<ReturnFileResultDto> {
    return this.returnFiles.reconcile(actor, id, await readFilePart(request, RETURN_FILE_LIMIT_BYTES));
  }
}
