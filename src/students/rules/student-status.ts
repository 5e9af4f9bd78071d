// The student lifecycle of API.md. INTERNING and EMPLOYED are reached only through a confirmed
// placement, never by a plain status change.

export const STUDENT_STATUSES = [
  'APPLIED',
  'ADMITTED',
  'WAITLISTED',
  'REJECTED',
  'ENROLLED',
  'SUSPENDED',
  'INTERNING',
  'GRADUATED',
  'EMPLOYED',
  'WITHDRAWN',
] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

/** Who made a move: staff one by one or the cohort at once (MANUAL), a confirmed placement, or a takeover import. */
export type TransitionTrigger = 'MANUAL' | 'PLACEMENT' | 'IMPORT';

const MANUAL: Record<StudentStatus, readonly StudentStatus[]> = {
  APPLIED: ['ADMITTED', 'WAITLISTED', 'REJECTED', 'WITHDRAWN'],
  WAITLISTED: ['ADMITTED', 'REJECTED', 'WITHDRAWN'],
  ADMITTED: ['ENROLLED', 'WITHDRAWN'],
  ENROLLED: ['SUSPENDED', 'GRADUATED', 'WITHDRAWN'],
  SUSPENDED: ['ENROLLED', 'WITHDRAWN'],
  INTERNING: ['GRADUATED', 'WITHDRAWN'],
  REJECTED: [],
  GRADUATED: [],
  EMPLOYED: [],
  WITHDRAWN: [],
};

const BY_PLACEMENT: Partial<Record<StudentStatus, readonly StudentStatus[]>> = {
  ENROLLED: ['INTERNING'],
  GRADUATED: ['EMPLOYED'],
};

export interface TransitionSubject {
  status: StudentStatus;
  majorCode: string | null;
}

export type TransitionCheck = { allowed: true } | { allowed: false; reason: string };

export function checkTransition(subject: TransitionSubject, to: StudentStatus, trigger: TransitionTrigger = 'MANUAL'): TransitionCheck {
  const targets = trigger === 'PLACEMENT' ? (BY_PLACEMENT[subject.status] ?? []) : MANUAL[subject.status];
  if (!targets.includes(to)) {
    if (trigger !== 'PLACEMENT' && (to === 'INTERNING' || to === 'EMPLOYED')) {
      return { allowed: false, reason: `${to} is reached only by confirming a placement` };
    }
    return { allowed: false, reason: `A student cannot go from ${subject.status} to ${to}` };
  }
  if (to === 'ENROLLED' && subject.majorCode === null) {
    return { allowed: false, reason: 'A student needs a major before enrolling' };
  }
  return { allowed: true };
}

/** Statuses in which a student holds a seat in their major. */
export const HOLDS_MAJOR_SEAT: readonly StudentStatus[] = ['ADMITTED', 'ENROLLED', 'SUSPENDED', 'INTERNING', 'GRADUATED', 'EMPLOYED'];
