import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, invalidField, notFound } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { changedMeanwhile, lineAudit, NO_CAUSE } from './line-changes';
import { DisbursementsRepository } from './disbursements.repository';
import { DisbursementLineResponseDto, toDisbursementLineResponse } from './dto/disbursement-response.dto';
import { MAX_LINES_AT_ONCE, PayFaresDto, PayFaresResponseDto, toPayFaresResponse } from './dto/pay-fares.dto';
import { PayDisbursementDto } from './dto/pay.dto';
import { checkPayment } from './rules/line-status';
import { earliestPaymentDate } from './rules/payment-date';
import { requestPaymentKey } from './rules/payment-key';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * Recording payments. Keys are scoped to the line: the same key on the same line answers the first
 * payment again; a paid line refuses any other key with 409 ALREADY_PAID.
 */
@Injectable()
export class DisbursementPaymentsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly lines: DisbursementsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async pay(actor: AuthUser, lineId: number, key: string | undefined, dto: PayDisbursementDto): Promise<DisbursementLineResponseDto> {
    const payment = this.paymentRequest(key, dto);
    return this.transactions.run((manager) => this.payLine(manager, actor, lineId, payment));
  }

  /**
   * Several lines paid by one transfer (one reference, one day), all or none: the first line refused rolls
   * every other back. The key is the form's or request's, kept on each line as `pay` keeps it, so the same
   * request sent again answers the first payments again. Lines are locked in id order, so two such requests
   * over the same lines wait for each other instead of deadlocking.
   */
  async payMany(
    actor: AuthUser,
    lineIds: readonly number[],
    key: string | undefined,
    dto: PayDisbursementDto,
  ): Promise<DisbursementLineResponseDto[]> {
    const ids = [...new Set(lineIds)].sort((a, b) => a - b);
    if (!ids.length) throw invalidField('lineIds', 'must name at least one line');
    if (ids.length > MAX_LINES_AT_ONCE) throw invalidField('lineIds', `must name at most ${MAX_LINES_AT_ONCE} lines`);
    const payment = this.paymentRequest(key, dto);
    return this.transactions.run(async (manager) => {
      const paid: DisbursementLineResponseDto[] = [];
      for (const id of ids) paid.push(await this.payLine(manager, actor, id, payment));
      return paid;
    });
  }

  /**
   * The API's several-fares payment. Its clients may send no Idempotency-Key: the request then stands for its own
   * key, so sending it again answers the first payments and changes nothing.
   */
  async payFares(actor: AuthUser, key: string | undefined, dto: PayFaresDto): Promise<PayFaresResponseDto> {
    const paid = await this.payMany(actor, dto.lineIds, key ?? requestPaymentKey(dto.lineIds, dto.paidAt, dto.reference), dto);
    return toPayFaresResponse(paid);
  }

  /** The checks that need no line: the key's shape and a paid day not in the future. */
  private paymentRequest(key: string | undefined, dto: PayDisbursementDto): PaymentRequest {
    if (key === undefined || key === '') throw invalidField(IDEMPOTENCY_KEY_HEADER, 'header is required');
    if (!KEY_PATTERN.test(key)) throw invalidField(IDEMPOTENCY_KEY_HEADER, 'must be 1 to 128 visible ASCII characters');
    const now = this.clock.now();
    const paidAt = new Date(dto.paidAt);
    // Business dates, so a payment dated today is taken whatever hour of today its instant names.
    const today = this.clock.dateOf(now);
    if (this.clock.dateOf(paidAt) > today)
      throw invalidField('paidAt', `must not be in the future (after ${today}, ${this.clock.timeZone})`);
    const body = { paidAt: paidAt.toISOString(), reference: dto.reference };
    const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    return { key, now, paidAt, body, requestHash };
  }

  private async payLine(
    manager: EntityManager,
    actor: AuthUser,
    lineId: number,
    { key, now, paidAt, body, requestHash }: PaymentRequest,
  ): Promise<DisbursementLineResponseDto> {
    // Locked until commit, so a second payment of the line waits here and then sees the first.
    const line = await this.lines.findLine(manager, lineId, { lock: true });
    if (!line || (actor.role === 'enterprise' && line.payerEnterpriseId !== actor.enterpriseId)) throw notFound('Disbursement', lineId);
    const earlier = await this.lines.findPaymentKey(manager, lineId, key);
    if (earlier) {
      if (earlier.requestHash !== requestHash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', `${IDEMPOTENCY_KEY_HEADER} ${key} was used on this line with a different body`);
      }
      return JSON.parse(earlier.response) as DisbursementLineResponseDto;
    }
    const check = checkPayment(actor, line);
    if (!check.allowed) {
      if (check.outcome === 'NOT_FOUND') throw notFound('Disbursement', lineId);
      throw new DomainError(check.outcome, check.reason);
    }
    const earliest = earliestPaymentDate(line.dueDate, line.studyYear);
    if (this.clock.dateOf(paidAt) < earliest) {
      throw invalidField(
        'paidAt',
        `must not be before ${earliest}, a year before the student's first study year (the line is due ${line.dueDate}, study year ${line.studyYear})`,
      );
    }
    const changes = {
      status: 'PAID' as const,
      paidAt: body.paidAt,
      paidBy: actor.id,
      reference: body.reference,
      statusChangedAt: now.toISOString(),
      ...NO_CAUSE,
    };
    if ((await this.lines.moveLines(manager, [lineId], check.from, changes)) !== 1) throw changedMeanwhile(lineId);
    const response = toDisbursementLineResponse({ ...line, ...changes });
    await this.lines.insertPaymentKey(manager, {
      lineId,
      key,
      requestHash,
      response: JSON.stringify(response),
      actorId: actor.id,
      createdAt: now.toISOString(),
    });
    await this.audit.record(manager, lineAudit(actor, 'disbursement.paid', line, { ...changes, idempotencyKey: key }));
    return response;
  }
}

/** One payment request, checked once, applied to each line it names. */
interface PaymentRequest {
  key: string;
  now: Date;
  paidAt: Date;
  body: { paidAt: string; reference: string };
  requestHash: string;
}
