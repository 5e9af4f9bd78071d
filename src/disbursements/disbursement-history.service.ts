import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { invalidField } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortsRepository } from '../programs/cohorts.repository';
import { DisbursementLineEntity } from './disbursement-line.entity';
import { CohortLineFilter, DisbursementsRepository } from './disbursements.repository';
import { RecordHistoryDto, RecordHistoryResponseDto } from './dto/record-history.dto';
import { changedMeanwhile, changeInChunks, lineAudit, NO_CAUSE } from './line-changes';
import { UNPAID_ACTIVE } from './rules/line-status';

/** Lines recorded per chunk: one locked read, one UPDATE per due date and one audit insert. */
const HISTORY_CHUNK = 1000;

/**
 * Money paid before the system was used. Unpaid means SCHEDULED or APPROVED: a held (SUSPENDED) line was
 * not paid while the student was away, and a CANCELLED one never will be, so both stay as they are; a
 * payment among them is recorded one line at a time.
 */
@Injectable()
export class DisbursementHistoryService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly lines: DisbursementsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Every unpaid line of the cohort and payer due before `paidBefore` becomes PAID at the start of its due
   * date, in one transaction: all or none. Lines are moved by conditional UPDATEs on rows locked first, so a
   * single payment racing this one waits and then finds its line paid (409), or pays it first and this run
   * leaves it out; a line is never paid twice.
   */
  async record(actor: AuthUser, cohortId: number, dto: RecordHistoryDto): Promise<RecordHistoryResponseDto> {
    const today = this.clock.today();
    if (dto.paidBefore > today) {
      throw invalidField('paidBefore', `must not be after ${today}, today's business date (${this.clock.timeZone})`);
    }
    const payer = dto.payer ?? 'PROGRAM';
    const filter: CohortLineFilter = { cohortId, payer, statuses: UNPAID_ACTIVE, due: { date: dto.paidBefore, before: true } };
    return this.transactions.run(async (manager) => {
      await this.cohorts.getCohort(manager, cohortId);
      const now = this.clock.now().toISOString();
      const recorded = await changeInChunks(this.lines, manager, filter, HISTORY_CHUNK, async (chunk) => {
        for (const [dueDate, due] of byDueDate(chunk)) {
          const changes = {
            status: 'PAID' as const,
            paidAt: this.clock.startOf(dueDate).toISOString(),
            paidBy: actor.id,
            reference: dto.reference,
            statusChangedAt: now,
            ...NO_CAUSE,
          };
          const ids = due.map((line) => line.id);
          if ((await this.lines.moveLines(manager, ids, UNPAID_ACTIVE, changes)) !== ids.length) throw changedMeanwhile(ids[0]);
          await this.audit.recordMany(
            manager,
            due.map((line) => lineAudit(actor, 'disbursement.paid', line, { ...changes, history: true })),
          );
        }
      });
      if (recorded) {
        await this.audit.record(manager, {
          actor,
          action: 'disbursements.history-recorded',
          entityType: 'cohort',
          entityId: cohortId,
          after: { paidBefore: dto.paidBefore, reference: dto.reference, payer, recorded },
        });
      }
      return { recorded };
    });
  }
}

/** A cohort's lines fall due on a handful of dates (schedules count from the cohort's start), so one UPDATE each. */
function byDueDate(lines: readonly DisbursementLineEntity[]): Map<string, DisbursementLineEntity[]> {
  const groups = new Map<string, DisbursementLineEntity[]>();
  for (const line of lines) groups.set(line.dueDate, [...(groups.get(line.dueDate) ?? []), line]);
  return groups;
}
