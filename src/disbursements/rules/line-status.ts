// The line statuses of API.md: SCHEDULED → APPROVED → PAID, SCHEDULED | APPROVED → SUSPENDED | CANCELLED,
// SUSPENDED → SCHEDULED. Two moves beyond that table: an enterprise pays its fare straight from SCHEDULED
// (its payment is its approval), and a withdrawal cancels lines held by a suspension (SUSPENDED → CANCELLED).
// A PAID line never moves again.
import type { DisbursementKind, Payer } from './schedule';

export const LINE_STATUSES = ['SCHEDULED', 'APPROVED', 'PAID', 'SUSPENDED', 'CANCELLED'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

const MOVES: Record<LineStatus, readonly LineStatus[]> = {
  SCHEDULED: ['APPROVED', 'PAID', 'SUSPENDED', 'CANCELLED'],
  APPROVED: ['PAID', 'SUSPENDED', 'CANCELLED'],
  SUSPENDED: ['SCHEDULED', 'CANCELLED'],
  PAID: [],
  CANCELLED: [],
};

/** The student status change behind a line's hold, restoration or cancellation, or the bank's refusal of its transfer. */
export const LINE_STATUS_CAUSES = ['SUSPENSION', 'RETURN', 'WITHDRAWAL', 'BANK_FAILURE'] as const;
export type LineStatusCause = (typeof LINE_STATUS_CAUSES)[number];

export const canMoveLine = (from: LineStatus, to: LineStatus): boolean => MOVES[from].includes(to);

/** Not yet paid and still payable: what a suspension holds. */
export const UNPAID_ACTIVE: readonly LineStatus[] = ['SCHEDULED', 'APPROVED'];
/** Every status a withdrawal cancels from. */
export const UNPAID: readonly LineStatus[] = ['SCHEDULED', 'APPROVED', 'SUSPENDED'];

export interface LineState {
  id: number;
  status: LineStatus;
  /** YYYY-MM-DD */
  dueDate: string;
  /** The payment batch holding the line while the bank has not answered; its money may be on the way. */
  paymentBatchId?: number | null;
}

/** A line with the bank is left to the bank's answer; a failed transfer then follows the student (afterFailedTransfer). */
const withTheBank = (line: Pick<LineState, 'paymentBatchId'>): boolean => (line.paymentBatchId ?? null) !== null;

/** A suspension from `effectiveDate` holds every unpaid line due on or after that day. */
export const linesToHold = <L extends LineState>(lines: readonly L[], effectiveDate: string): L[] =>
  lines.filter((line) => UNPAID_ACTIVE.includes(line.status) && line.dueDate >= effectiveDate && !withTheBank(line));

/** Back to ENROLLED: every line the suspension held is scheduled again (lines are held only by the current suspension). */
export const linesToRestore = <L extends LineState>(lines: readonly L[]): L[] => lines.filter((line) => line.status === 'SUSPENDED');

/** A withdrawal on `effectiveDate` cancels every unpaid line due after that day, held ones included. */
export const linesToCancel = <L extends LineState>(lines: readonly L[], effectiveDate: string): L[] =>
  lines.filter((line) => UNPAID.includes(line.status) && line.dueDate > effectiveDate && !withTheBank(line));

export interface LineTotals {
  scheduledFen: number;
  approvedFen: number;
  paidFen: number;
  suspendedFen: number;
  cancelledFen: number;
}

export const TOTAL_FIELD: Record<LineStatus, keyof LineTotals> = {
  SCHEDULED: 'scheduledFen',
  APPROVED: 'approvedFen',
  PAID: 'paidFen',
  SUSPENDED: 'suspendedFen',
  CANCELLED: 'cancelledFen',
};

export const emptyTotals = (): LineTotals => ({ scheduledFen: 0, approvedFen: 0, paidFen: 0, suspendedFen: 0, cancelledFen: 0 });

export function totalsOf(lines: readonly { status: LineStatus; amountFen: number }[]): LineTotals {
  const totals = emptyTotals();
  for (const line of lines) totals[TOTAL_FIELD[line.status]] += line.amountFen;
  return totals;
}

export interface Payable {
  kind: DisbursementKind;
  payer: Payer;
  payerEnterpriseId: number | null;
  status: LineStatus;
  paymentBatchId?: number | null;
}

export interface Paying {
  role: 'admin' | 'staff' | 'enterprise' | 'student';
  enterpriseId: number | null;
}

export type PayCheck =
  | { allowed: true; from: readonly LineStatus[] }
  | { allowed: false; outcome: 'NOT_FOUND' | 'FORBIDDEN' | 'ALREADY_PAID' | 'ILLEGAL_TRANSITION' | 'CONFLICT'; reason: string };

/**
 * Who may pay a line from which statuses, unless a payment batch holds it: admin and staff the programme's lines once APPROVED; an
 * enterprise its own winter fares, SCHEDULED or APPROVED. Another payer's line is NOT_FOUND to an enterprise.
 */
export function checkPayment(caller: Paying, line: Payable): PayCheck {
  let from: readonly LineStatus[];
  if (caller.role === 'enterprise') {
    if (line.payer !== 'ENTERPRISE' || line.payerEnterpriseId !== caller.enterpriseId || line.kind !== 'WINTER_FARE') {
      return { allowed: false, outcome: 'NOT_FOUND', reason: 'not a fare this enterprise pays' };
    }
    from = ['SCHEDULED', 'APPROVED'];
  } else if (caller.role === 'admin' || caller.role === 'staff') {
    if (line.payer !== 'PROGRAM') {
      return { allowed: false, outcome: 'ILLEGAL_TRANSITION', reason: 'This fare is paid by the enterprise, not by the programme' };
    }
    from = ['APPROVED'];
  } else {
    return { allowed: false, outcome: 'FORBIDDEN', reason: 'Students do not record payments' };
  }
  if (line.status === 'PAID') return { allowed: false, outcome: 'ALREADY_PAID', reason: 'This line is already paid' };
  if (withTheBank(line)) {
    return {
      allowed: false,
      outcome: 'CONFLICT',
      reason: `This line is in payment batch ${line.paymentBatchId}, waiting for the bank's answer: its payment is recorded by the batch's return file`,
    };
  }
  if (!from.includes(line.status)) {
    return {
      allowed: false,
      outcome: 'ILLEGAL_TRANSITION',
      reason: `A ${line.status} line cannot be paid; it must be ${from.join(' or ')}`,
    };
  }
  return { allowed: true, from };
}
