// Major assignment by serial dictatorship: applicants in order of priority (higher exam score, then
// earlier intake, then lower id) each take the first of their preferences with a free seat. With one
// common ranking this equals student-proposing deferred acceptance: stable and strategy-proof.

export interface Applicant {
  id: number;
  examScore: number;
  /** ISO-8601 UTC instant of intake; on equal scores the earlier applicant goes first. */
  intakeAt: string;
  /** Major codes, most wanted first. */
  preferences: readonly string[];
}

export interface MajorSeats {
  code: string;
  capacity: number;
  /** Seats held before this run; their holders are never moved. */
  held: number;
  /** Lowest exam score among those holders; null when there are none. */
  lowestHeldScore: number | null;
}

export interface Placement {
  studentId: number;
  majorCode: string;
  /** 1 for the first preference. */
  choiceRank: number;
}

export interface Unplaced {
  studentId: number;
  reason: string;
}

export interface AssignmentOutcome {
  /** In order of priority. */
  assigned: Placement[];
  /** In order of priority. */
  unassigned: Unplaced[];
  /** Major code → lowest exam score among its seat holders after the run; majors nobody holds are absent. */
  cutoffs: Record<string, number>;
}

/** Negative when `a` chooses before `b`. */
export function compareApplicants(a: Applicant, b: Applicant): number {
  if (a.examScore !== b.examScore) return b.examScore - a.examScore;
  if (a.intakeAt !== b.intakeAt) return a.intakeAt < b.intakeAt ? -1 : 1;
  return a.id - b.id;
}

interface SeatState {
  capacity: number;
  free: number;
  cutoff: number | null;
}

export function assignMajors(applicants: readonly Applicant[], majors: readonly MajorSeats[]): AssignmentOutcome {
  const seats = new Map<string, SeatState>();
  for (const major of majors) {
    seats.set(major.code, {
      capacity: major.capacity,
      free: Math.max(0, major.capacity - major.held),
      cutoff: major.lowestHeldScore,
    });
  }
  const ordered = [...applicants].sort(compareApplicants);
  const assigned: Placement[] = [];
  const left: Applicant[] = [];
  for (const applicant of ordered) {
    const rank = firstFreeChoice(applicant.preferences, seats);
    if (rank < 0) {
      left.push(applicant);
      continue;
    }
    const majorCode = applicant.preferences[rank];
    const state = seats.get(majorCode)!;
    state.free--;
    if (state.cutoff === null || applicant.examScore < state.cutoff) state.cutoff = applicant.examScore;
    assigned.push({ studentId: applicant.id, majorCode, choiceRank: rank + 1 });
  }
  const unassigned = left.map((applicant) => ({ studentId: applicant.id, reason: explainUnplaced(applicant, seats) }));
  const cutoffs: Record<string, number> = {};
  for (const code of [...seats.keys()].sort()) {
    const cutoff = seats.get(code)!.cutoff;
    if (cutoff !== null) cutoffs[code] = cutoff;
  }
  return { assigned, unassigned, cutoffs };
}

function firstFreeChoice(preferences: readonly string[], seats: Map<string, SeatState>): number {
  for (let rank = 0; rank < preferences.length; rank++) {
    const state = seats.get(preferences[rank]);
    if (state !== undefined && state.free > 0) return rank;
  }
  return -1;
}

/** Written for a student or a parent: which majors were wanted and why none had room. */
function explainUnplaced(applicant: Applicant, seats: Map<string, SeatState>): string {
  const wanted = [...new Set(applicant.preferences)];
  if (!wanted.length) return 'no major preference was given';
  const offered = wanted.filter((code) => seats.has(code));
  const notOffered = wanted.filter((code) => !seats.has(code));
  const missing =
    notOffered.length === 1
      ? `the preferred major ${notOffered[0]} is not offered in this cohort`
      : `the preferred majors ${notOffered.join(', ')} are not offered in this cohort`;
  if (!offered.length) return missing;
  const qualifier = notOffered.length ? ' offered in this cohort' : '';
  const head =
    offered.length === 1
      ? `the only preferred major${qualifier} is full`
      : `${offered.length === 2 ? 'both' : `all ${offered.length}`} preferred majors${qualifier} are full`;
  const details = offered.map((code) => `${code} (${seatDetail(seats.get(code)!, applicant.examScore)})`).join(', ');
  return `${head}: ${details}${notOffered.length ? `; ${missing}` : ''}`;
}

function seatDetail(state: SeatState, score: number): string {
  if (state.capacity === 0) return 'no seats';
  if (state.cutoff === null) return 'no free seat';
  const lowest = `lowest admitted score ${formatScore(state.cutoff)}`;
  if (state.cutoff > score) return lowest;
  if (state.cutoff === score) return `${lowest}; on equal scores the earlier applicant goes first`;
  return `${lowest}; its seats were filled before this run and assigned students are never moved`;
}

/** 431 → "431.0", 412.5 → "412.5", 412.25 → "412.25". */
export function formatScore(score: number): string {
  return Number.isInteger(score * 10) ? score.toFixed(1) : String(score);
}
