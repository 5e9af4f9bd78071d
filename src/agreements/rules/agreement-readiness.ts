import type { StudentStatus } from '../../students/rules/student-status';
import { AGREEMENT_KINDS, AgreementKind } from '../agreement-kind';

/** What decides whether an agreement of a kind can be issued for a student now. */
export interface AgreementFacts {
  hasMajor: boolean;
  /** Read for FUNDING only: the stipend schedule, created on enrolment. */
  hasSchedule: boolean;
  hasOpenInternship: boolean;
  status: StudentStatus;
}

/**
 * Why an agreement of `kind` cannot be issued yet (the words follow "student N …"), or null when it can: every
 * kind needs a major; FUNDING a schedule, INTERNSHIP an open internship, EMPLOYMENT_RECOMMENDATION a graduate.
 */
export function notReadyReason(kind: AgreementKind, facts: AgreementFacts): string | null {
  if (!facts.hasMajor) return 'has no major yet';
  if (kind === 'FUNDING' && !facts.hasSchedule) return 'has no stipend schedule yet (it is created on enrolment)';
  if (kind === 'INTERNSHIP' && !facts.hasOpenInternship) return 'has no internship placement';
  if (kind === 'EMPLOYMENT_RECOMMENDATION' && facts.status !== 'GRADUATED') return `is ${facts.status}, not GRADUATED`;
  return null;
}

/** The kinds that can be issued now, in the order of AGREEMENT_KINDS. */
export const readyKinds = (facts: AgreementFacts): AgreementKind[] =>
  AGREEMENT_KINDS.filter((kind) => notReadyReason(kind, facts) === null);
