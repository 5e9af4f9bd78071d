import { AuditRecord } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError } from '../common/errors/domain-error';
import { DisbursementLineEntity } from './disbursement-line.entity';

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
