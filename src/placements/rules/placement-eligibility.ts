// Who may be proposed a placement of a type starting on a date. One rule for a proposal by hand, for a
// cohort's proposal run and, for the start date, for the confirmation, so that a proposal the college
// makes is one its enterprise can confirm: confirming moves the student on from their current status,
// effective on the start date, and a status change never takes effect before the current one did.
import type { StudentStatus } from '../../students/rules/student-status';
import type { ProposalKind } from './placement-choice';

/** The student status each placement type is for. */
export const PLACEMENT_STUDENT_STATUS: Record<ProposalKind, StudentStatus> = { INTERNSHIP: 'ENROLLED', EMPLOYMENT: 'GRADUATED' };

export interface PlacementApplicant {
  id: number;
  status: StudentStatus;
  /** YYYY-MM-DD the current status took effect. */
  statusEffectiveDate: string;
  majorCode: string | null;
  /** Whether the student already has a PROPOSED or CONFIRMED placement of the type asked for. */
  hasOpenPlacement: boolean;
}

/** Why a student cannot be proposed the placement, with the error code a request for it answers. */
export type PlacementRefusal =
  | { ground: 'STATUS' | 'MAJOR'; code: 'CONFLICT'; message: string }
  | { ground: 'OPEN_PLACEMENT'; code: 'DUPLICATE'; message: string }
  | { ground: 'START_DATE'; code: 'VALIDATION_FAILED'; field: 'startDate'; message: string };

/**
 * The grounds a cohort's run passes over without listing the student as unplaced: it is for the students
 * in the status without an open placement of the type. It lists the others with the refusal's message.
 */
export const NOT_FOR_PROPOSAL_RUNS: readonly PlacementRefusal['ground'][] = ['STATUS', 'OPEN_PLACEMENT'];

export type PlacementCheck = { allowed: true; majorCode: string } | { allowed: false; refusal: PlacementRefusal };

/** Whether a placement starting on `startDate` (YYYY-MM-DD) can move the student on: not before their status took effect. */
export function checkStartDate(
  student: Pick<PlacementApplicant, 'status' | 'statusEffectiveDate'>,
  startDate: string,
): Extract<PlacementRefusal, { ground: 'START_DATE' }> | null {
  if (startDate >= student.statusEffectiveDate) return null;
  return {
    ground: 'START_DATE',
    code: 'VALIDATION_FAILED',
    field: 'startDate',
    message: `must not be before ${student.statusEffectiveDate}, when the student's status ${student.status} took effect`,
  };
}

/** The refusal of a second open placement of a type, also what the unique index's refusal of a racing one answers. */
export const openPlacementRefusal = (studentId: number, kind: ProposalKind): Extract<PlacementRefusal, { ground: 'OPEN_PLACEMENT' }> => ({
  ground: 'OPEN_PLACEMENT',
  code: 'DUPLICATE',
  message: `Student ${studentId} already has an open ${kind} placement; decline it first`,
});

/** Whether the student can be proposed a placement of `kind` starting on `startDate`; answers their major when so. */
export function checkPlacement(kind: ProposalKind, student: PlacementApplicant, startDate: string): PlacementCheck {
  const refuse = (refusal: PlacementRefusal): PlacementCheck => ({ allowed: false, refusal });
  const wanted = PLACEMENT_STUDENT_STATUS[kind];
  if (student.status !== wanted) {
    return refuse({
      ground: 'STATUS',
      code: 'CONFLICT',
      message: `A ${kind} placement is for ${wanted} students; student ${student.id} is ${student.status}`,
    });
  }
  if (student.hasOpenPlacement) return refuse(openPlacementRefusal(student.id, kind));
  if (student.majorCode === null) {
    return refuse({ ground: 'MAJOR', code: 'CONFLICT', message: `Student ${student.id} has no major, and quotas are offered per major` });
  }
  const tooEarly = checkStartDate(student, startDate);
  if (tooEarly) return refuse(tooEarly);
  return { allowed: true, majorCode: student.majorCode };
}
