// A transfer the bank could not make leaves the line unpaid and free for a later batch, carrying the bank's
// reason for the student to read. While the line was with the bank, a suspension or withdrawal of the
// student left it alone (the money might have been on its way); now it follows that change as it would have.
import { linesToCancel, linesToHold, LineStatus, LineStatusCause } from '../../disbursements/rules/line-status';
import type { StudentStatus } from '../../students/rules/student-status';

export interface StudentStanding {
  status: StudentStatus;
  /** YYYY-MM-DD the current status took effect. */
  statusEffectiveDate: string;
  statusReason: string | null;
}

export interface FailedLineChange {
  status: LineStatus;
  statusCause: LineStatusCause;
  statusReason: string | null;
  statusEffectiveDate: string | null;
}

export function afterFailedTransfer(
  line: { id: number; dueDate: string },
  student: StudentStanding,
  failure: { reason: string; date: string },
): FailedLineChange {
  const unpaid = [{ id: line.id, dueDate: line.dueDate, status: 'APPROVED' as const }];
  const since = student.statusEffectiveDate;
  if (student.status === 'SUSPENDED' && linesToHold(unpaid, since).length) {
    return { status: 'SUSPENDED', statusCause: 'SUSPENSION', statusReason: student.statusReason, statusEffectiveDate: since };
  }
  if (student.status === 'WITHDRAWN' && linesToCancel(unpaid, since).length) {
    return { status: 'CANCELLED', statusCause: 'WITHDRAWAL', statusReason: student.statusReason, statusEffectiveDate: since };
  }
  return { status: 'APPROVED', statusCause: 'BANK_FAILURE', statusReason: failure.reason, statusEffectiveDate: failure.date };
}
