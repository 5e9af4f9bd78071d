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
  const states = [...seats.values()];
  const codes = [...seats.keys()];
  const { order, score, id, choices } = prepare(applicants, codes);
  // Seats counted in flat arrays during the run (NaN: no cutoff yet), written back to `states` after it.
  const free = Int32Array.from(states, (state) => state.free);
  const cutoff = Float64Array.from(states, (state) => state.cutoff ?? NaN);
  const assigned: Placement[] = [];
  const left: number[] = [];
  for (const i of order) {
    const first = choices.start[i];
    const end = choices.start[i + 1];
    let at = first;
    while (at < end && !(choices.major[at] >= 0 && free[choices.major[at]] > 0)) at++;
    if (at === end) {
      left.push(i);
      continue;
    }
    const major = choices.major[at];
    free[major]--;
    if (!(score[i] >= cutoff[major])) cutoff[major] = score[i];
    assigned.push({ studentId: id[i], majorCode: codes[major], choiceRank: at - first + 1 });
  }
  states.forEach((state, major) => {
    state.free = free[major];
    state.cutoff = Number.isNaN(cutoff[major]) ? null : cutoff[major];
  });
  const explain = unplacedExplainer(seats);
  const unassigned = left.map((i) => ({ studentId: id[i], reason: explain(applicants[i]) }));
  const cutoffs: Record<string, number> = {};
  for (const code of [...seats.keys()].sort()) {
    const cutoff = seats.get(code)!.cutoff;
    if (cutoff !== null) cutoffs[code] = cutoff;
  }
  return { assigned, unassigned, cutoffs };
}

/**
 * What the run reads of each applicant, in flat arrays indexed as `applicants`: the order of priority (as
 * `compareApplicants` orders them, comparing numbers only: an intake instant becomes its rank among the
 * cohort's instants), scores and ids, and the preferences as indexes into `codes` (-1 for a code not offered),
 * applicant `i`'s from `start[i]` to `start[i + 1]`. Read in priority order, the applicants' objects lie
 * scattered over the heap, a cache miss at each one: these arrays halve the run.
 */
function prepare(applicants: readonly Applicant[], codes: readonly string[]) {
  const n = applicants.length;
  const instantRank = new Map<string, number>();
  for (const applicant of applicants) instantRank.set(applicant.intakeAt, 0);
  [...instantRank.keys()].sort().forEach((at, rank) => instantRank.set(at, rank));
  // A prototype-less object: looked up twice as fast as a Map for half a million preferences.
  const majorIndex: Record<string, number | undefined> = Object.create(null);
  codes.forEach((code, i) => (majorIndex[code] = i));
  const score = new Float64Array(n);
  const intake = new Int32Array(n);
  const id = new Array<number>(n);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + applicants[i].preferences.length;
  const major = new Int32Array(start[n]);
  for (let i = 0; i < n; i++) {
    const applicant = applicants[i];
    score[i] = applicant.examScore;
    intake[i] = instantRank.get(applicant.intakeAt)!;
    id[i] = applicant.id;
    const preferences = applicant.preferences;
    for (let rank = 0; rank < preferences.length; rank++) major[start[i] + rank] = majorIndex[preferences[rank]] ?? -1;
  }
  return { order: priorityOrder(score, intake, id), score, id, choices: { start, major } };
}

/**
 * Indexes in order of priority: grouped by score, highest first, by a counting sort (scores repeat: half
 * points, a few hundred values for a cohort), then each group sorted by intake and id. Less than half the time
 * of one sort on all three keys.
 */
function priorityOrder(score: Float64Array, intake: Int32Array, id: readonly number[]): Int32Array {
  const n = score.length;
  const scores = [...new Set(score)].sort((a, b) => b - a);
  const rankOf = new Map(scores.map((value, rank) => [value, rank]));
  const rank = new Int32Array(n);
  const groupStart = new Int32Array(scores.length + 1);
  for (let i = 0; i < n; i++) {
    rank[i] = rankOf.get(score[i])!;
    groupStart[rank[i] + 1]++;
  }
  for (let r = 0; r < scores.length; r++) groupStart[r + 1] += groupStart[r];
  const next = groupStart.slice(0, scores.length);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[rank[i]]++] = i;
  const earlier = (a: number, b: number) => intake[a] - intake[b] || id[a] - id[b];
  for (let r = 0; r < scores.length; r++) {
    if (groupStart[r + 1] - groupStart[r] > 1) order.subarray(groupStart[r], groupStart[r + 1]).sort(earlier);
  }
  return order;
}

/**
 * Written for a student or a parent: which majors were wanted and why none had room. Read after the run, when
 * the seats no longer change: a major's part of the text depends only on how its cutoff compares with the
 * applicant's score, so each is written once.
 */
function unplacedExplainer(seats: ReadonlyMap<string, SeatState>): (applicant: Applicant) => string {
  const described = new Map<string, string>();
  const describe = (code: string, score: number): string => {
    const state = seats.get(code)!;
    const relation = state.cutoff === null ? '' : Math.sign(state.cutoff - score);
    const key = `${code} ${relation}`;
    let text = described.get(key);
    if (text === undefined) described.set(key, (text = `${code} (${seatDetail(state, score)})`));
    return text;
  };
  return (applicant) => {
    const wanted = [...new Set(applicant.preferences)];
    if (!wanted.length) return 'no major preference was given';
    const offered = wanted.filter((code) => seats.has(code));
    const notOffered = wanted.filter((code) => !seats.has(code));
    const missing = !notOffered.length
      ? ''
      : notOffered.length === 1
        ? `the preferred major ${notOffered[0]} is not offered in this cohort`
        : `the preferred majors ${notOffered.join(', ')} are not offered in this cohort`;
    if (!offered.length) return missing;
    const qualifier = notOffered.length ? ' offered in this cohort' : '';
    const head =
      offered.length === 1
        ? `the only preferred major${qualifier} is full`
        : `${offered.length === 2 ? 'both' : `all ${offered.length}`} preferred majors${qualifier} are full`;
    const details = offered.map((code) => describe(code, applicant.examScore)).join(', ');
    return `${head}: ${details}${missing && `; ${missing}`}`;
  };
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
