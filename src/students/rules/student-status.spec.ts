import fc from 'fast-check';
import { checkTransition, STUDENT_STATUSES, StudentStatus, TransitionTrigger } from './student-status';

// The lifecycle of API.md written out by hand, so the rule is checked against the contract and not against itself.
const MANUAL_MOVES: Record<StudentStatus, StudentStatus[]> = {
  APPLIED: ['ADMITTED', 'WAITLISTED', 'REJECTED', 'WITHDRAWN'],
  ADMITTED: ['ENROLLED', 'WITHDRAWN'],
  WAITLISTED: ['ADMITTED', 'REJECTED', 'WITHDRAWN'],
  REJECTED: [],
  ENROLLED: ['SUSPENDED', 'GRADUATED', 'WITHDRAWN'],
  SUSPENDED: ['ENROLLED', 'WITHDRAWN'],
  INTERNING: ['GRADUATED', 'WITHDRAWN'],
  GRADUATED: [],
  EMPLOYED: [],
  WITHDRAWN: [],
};
const PLACEMENT_MOVES: Record<StudentStatus, StudentStatus[]> = {
  APPLIED: [],
  ADMITTED: [],
  WAITLISTED: [],
  REJECTED: [],
  ENROLLED: ['INTERNING'],
  SUSPENDED: [],
  INTERNING: [],
  GRADUATED: ['EMPLOYED'],
  EMPLOYED: [],
  WITHDRAWN: [],
};
const TERMINAL: StudentStatus[] = ['REJECTED', 'EMPLOYED', 'WITHDRAWN'];

const pairs = STUDENT_STATUSES.flatMap((from) => STUDENT_STATUSES.map((to) => [from, to] as const));
const withMajor = (status: StudentStatus) => ({ status, majorCode: 'M01' });

describe('checkTransition', () => {
  it.each(pairs)('by hand: %s -> %s is allowed exactly when API.md lists it', (from, to) => {
    expect(checkTransition(withMajor(from), to, 'MANUAL').allowed).toBe(MANUAL_MOVES[from].includes(to));
  });

  it.each(pairs)('by placement: %s -> %s is allowed exactly when a placement leads there', (from, to) => {
    expect(checkTransition(withMajor(from), to, 'PLACEMENT').allowed).toBe(PLACEMENT_MOVES[from].includes(to));
  });

  it.each(pairs)('by a takeover import: %s -> %s is allowed exactly when it is by hand', (from, to) => {
    expect(checkTransition(withMajor(from), to, 'IMPORT')).toEqual(checkTransition(withMajor(from), to, 'MANUAL'));
  });

  it('treats a change without a trigger as made by hand', () => {
    expect(checkTransition(withMajor('ENROLLED'), 'INTERNING').allowed).toBe(false);
    expect(checkTransition(withMajor('ENROLLED'), 'SUSPENDED').allowed).toBe(true);
  });

  it('refuses enrolling a student without a major, naming why', () => {
    expect(checkTransition({ status: 'ADMITTED', majorCode: null }, 'ENROLLED')).toEqual({
      allowed: false,
      reason: 'A student needs a major before enrolling',
    });
    expect(checkTransition({ status: 'SUSPENDED', majorCode: null }, 'ENROLLED').allowed).toBe(false);
  });

  it('says INTERNING and EMPLOYED come only from confirming a placement', () => {
    expect(checkTransition(withMajor('ENROLLED'), 'INTERNING')).toEqual({
      allowed: false,
      reason: 'INTERNING is reached only by confirming a placement',
    });
    expect(checkTransition(withMajor('GRADUATED'), 'EMPLOYED')).toEqual({
      allowed: false,
      reason: 'EMPLOYED is reached only by confirming a placement',
    });
  });

  it('names both statuses when refusing a move', () => {
    expect(checkTransition(withMajor('GRADUATED'), 'WITHDRAWN')).toEqual({
      allowed: false,
      reason: 'A student cannot go from GRADUATED to WITHDRAWN',
    });
  });

  it('never leaves a terminal status on any random walk of allowed moves', () => {
    const step = fc.record({
      to: fc.constantFrom(...STUDENT_STATUSES),
      trigger: fc.constantFrom<TransitionTrigger>('MANUAL', 'PLACEMENT', 'IMPORT'),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let status: StudentStatus = 'APPLIED';
        let terminalReached = false;
        for (const { to, trigger } of steps) {
          if (!checkTransition(withMajor(status), to, trigger).allowed) continue;
          if (terminalReached) return false;
          status = to;
          terminalReached = TERMINAL.includes(status);
        }
        return true;
      }),
    );
  });
});
