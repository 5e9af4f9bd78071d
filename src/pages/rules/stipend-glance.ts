import type { LineStatusCause } from '../../disbursements/rules/line-status';

/**
 * The few facts a student looks for first: what was paid, what comes next and when, what is held and why, and
 * which transfers the bank sent back.
 */
export interface GlanceLine {
  kind: string;
  dueDate: string;
  amountFen: number;
  status: 'SCHEDULED' | 'APPROVED' | 'PAID' | 'SUSPENDED' | 'CANCELLED';
  statusCause: LineStatusCause | null;
  statusReason: string | null;
  statusEffectiveDate: string | null;
}

export interface StipendGlance {
  paidFen: number;
  /** The earliest unpaid line's date and every unpaid line due that day; null when nothing is left to pay. */
  next: { dueDate: string; amountFen: number; overdue: boolean } | null;
  heldFen: number;
  /** Each distinct reason lines are held for, with the day it took effect. */
  holds: { reason: string | null; since: string | null; amountFen: number }[];
  /** Unpaid lines whose transfer the bank refused, with its reason: the school sends them again, so they stay in `next`. */
  failedTransfers: { kind: string; dueDate: string; amountFen: number; reason: string | null }[];
}

/** `today` is YYYY-MM-DD: a next payment dated before it is overdue. */
export function stipendGlance(lines: readonly GlanceLine[], today: string): StipendGlance {
  const paidFen = sum(lines.filter((l) => l.status === 'PAID'));
  const unpaid = lines.filter((l) => l.status === 'SCHEDULED' || l.status === 'APPROVED');
  const firstDue = unpaid.reduce<string | null>((min, l) => (min === null || l.dueDate < min ? l.dueDate : min), null);
  const next =
    firstDue === null
      ? null
      : { dueDate: firstDue, amountFen: sum(unpaid.filter((l) => l.dueDate === firstDue)), overdue: firstDue < today };
  const held = lines.filter((l) => l.status === 'SUSPENDED');
  const holds = new Map<string, StipendGlance['holds'][number]>();
  for (const line of held) {
    const key = `${line.statusReason}\u0000${line.statusEffectiveDate}`;
    const hold = holds.get(key) ?? { reason: line.statusReason, since: line.statusEffectiveDate, amountFen: 0 };
    hold.amountFen += line.amountFen;
    holds.set(key, hold);
  }
  const failedTransfers = unpaid
    .filter((l) => l.statusCause === 'BANK_FAILURE')
    .map((l) => ({ kind: l.kind, dueDate: l.dueDate, amountFen: l.amountFen, reason: l.statusReason }));
  return { paidFen, next, heldFen: sum(held), holds: [...holds.values()], failedTransfers };
}

const sum = (lines: readonly GlanceLine[]): number => lines.reduce((total, l) => total + l.amountFen, 0);
