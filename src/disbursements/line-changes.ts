import { EntityManager } from 'typeorm';
import { AuditRecord } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import { DisbursementLineEntity } from './disbursement-line.entity';
import { CohortLineFilter, DisbursementsRepository } from './disbursements.repository';
import { nextTurn } from '../common/next-turn';

/** The audit entry of one line's status change: its status before, and the fields the change wrote. */
export function lineAudit(
  actor: AuthUser | null,
  action: string,
  line: Pick<DisbursementLineEntity, 'id' | 'status'>,
  after: object,
): AuditRecord {
  return { actor, action, entityType: 'disbursement', entityId: line.id, before: { status: line.status }, after };
}

/** Approval and payment clear the suspension, return or withdrawal that last explained the line. */
export const NO_CAUSE = { statusCause: null, statusReason: null, statusEffectiveDate: null };

export const changedMeanwhile = (lineId: number): DomainError =>
  new DomainError('CONFLICT', `Disbursement ${lineId} was changed by another request meanwhile; reload and try again`);

/**
 * Hands `change` the lines of a cohort that `filter` names, `chunkSize` at a time in id order and locked, inside
 * the caller's transaction, giving other requests a turn between chunks. Answers how many lines it handed over.
 */
export async function changeInChunks(
  lines: DisbursementsRepository,
  manager: EntityManager,
  filter: CohortLineFilter,
  chunkSize: number,
  change: (chunk: DisbursementLineEntity[]) => Promise<void>,
): Promise<number> {
  let count = 0;
  let afterId = 0;
  for (;;) {
    const chunk = await lines.cohortLines(manager, filter, afterId, chunkSize);
    if (!chunk.length) return count;
    await change(chunk);
    count += chunk.length;
    afterId = chunk[chunk.length - 1].id;
    await nextTurn();
  }
}
