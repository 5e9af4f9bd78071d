// Who goes where when staff propose a cohort's internships or jobs. The student's own enterprise comes
// first (for a job: where they interned, then the one they intended), because the class is "order-based":
// the sponsor trained them for itself. Otherwise the enterprise with the most free seats in their major.
// A quota seat is a student the enterprise takes: a job where the student interned, in the same major,
// carries the internship's seat over instead of taking a second one.

export type ProposalKind = 'INTERNSHIP' | 'EMPLOYMENT';

/** A student who may be proposed a placement (see placement-eligibility.ts), so has a major. */
export interface PlacementCandidate {
  id: number;
  majorCode: string;
  intendedEnterpriseId: number | null;
  /** The enterprise of the student's confirmed internship; used for EMPLOYMENT only. */
  internshipEnterpriseId?: number | null;
  /** The major of that internship, whose quota seat it holds. */
  internshipMajorCode?: string | null;
}

export interface SeatQuota {
  id: number;
  enterpriseId: number;
  majorCode: string;
  seats: number;
  used: number;
}

export interface PlacementProposal {
  studentId: number;
  enterpriseId: number;
  quotaId: number;
  majorCode: string;
  /** False for a job that carries over the seat of the student's internship in the same quota. */
  holdsSeat: boolean;
}

export interface UnplacedStudent {
  studentId: number;
  reason: string;
}

export interface PlacementChoice {
  proposed: PlacementProposal[];
  unplaced: UnplacedStudent[];
}

/** The enterprises a student should go to first, most wanted first, without repeats. */
export function preferredEnterprises(student: PlacementCandidate, kind: ProposalKind): number[] {
  const ids = kind === 'EMPLOYMENT' ? [student.internshipEnterpriseId, student.intendedEnterpriseId] : [student.intendedEnterpriseId];
  return [...new Set(ids.filter((id): id is number => id !== null && id !== undefined))];
}

/**
 * Whether a placement of `kind` in `quota` needs no seat of its own: a job at the enterprise and in the
 * major of the student's confirmed internship, whose seat the intern already holds.
 */
export function carriesInternshipSeat(
  kind: ProposalKind,
  student: Pick<PlacementCandidate, 'internshipEnterpriseId' | 'internshipMajorCode'>,
  quota: Pick<SeatQuota, 'enterpriseId' | 'majorCode'>,
): boolean {
  return kind === 'EMPLOYMENT' && student.internshipEnterpriseId === quota.enterpriseId && student.internshipMajorCode === quota.majorCode;
}

/**
 * Proposes at most one enterprise per student, never more seat-holding placements than a quota's free
 * seats. Students are taken in id order (earlier intake first) and quotas compared by free seats then
 * enterprise id, so the same data gives the same answer whatever order it comes in.
 */
export function choosePlacements(
  kind: ProposalKind,
  students: readonly PlacementCandidate[],
  quotas: readonly SeatQuota[],
): PlacementChoice {
  const free = new Map(quotas.map((q) => [q.id, Math.max(0, q.seats - q.used)]));
  const byMajor = new Map<string, SeatQuota[]>();
  for (const quota of [...quotas].sort((a, b) => a.enterpriseId - b.enterpriseId || a.id - b.id)) {
    byMajor.set(quota.majorCode, [...(byMajor.get(quota.majorCode) ?? []), quota]);
  }
  const proposed: PlacementProposal[] = [];
  const unplaced: UnplacedStudent[] = [];
  for (const student of [...students].sort((a, b) => a.id - b.id)) {
    const inMajor = byMajor.get(student.majorCode) ?? [];
    const pick = pickQuota(kind, student, inMajor, free);
    if (!pick) {
      unplaced.push({ studentId: student.id, reason: whyUnplaced(student.majorCode, inMajor) });
      continue;
    }
    const { quota, holdsSeat } = pick;
    if (holdsSeat) free.set(quota.id, (free.get(quota.id) ?? 0) - 1);
    proposed.push({ studentId: student.id, enterpriseId: quota.enterpriseId, quotaId: quota.id, majorCode: quota.majorCode, holdsSeat });
  }
  return { proposed, unplaced };
}

function pickQuota(
  kind: ProposalKind,
  student: PlacementCandidate,
  inMajor: readonly SeatQuota[],
  free: ReadonlyMap<number, number>,
): { quota: SeatQuota; holdsSeat: boolean } | undefined {
  const hasSeat = (q: SeatQuota) => (free.get(q.id) ?? 0) > 0;
  for (const enterpriseId of preferredEnterprises(student, kind)) {
    const quota = inMajor.find((q) => q.enterpriseId === enterpriseId);
    if (quota && carriesInternshipSeat(kind, student, quota)) return { quota, holdsSeat: false };
    if (quota && hasSeat(quota)) return { quota, holdsSeat: true };
  }
  // inMajor is in enterprise id order and the comparison is strict, so a tie keeps the lower id.
  let best: SeatQuota | undefined;
  for (const quota of inMajor) {
    if (hasSeat(quota) && (!best || (free.get(quota.id) ?? 0) > (free.get(best.id) ?? 0))) best = quota;
  }
  return best && { quota: best, holdsSeat: true };
}

function whyUnplaced(majorCode: string, inMajor: readonly SeatQuota[]): string {
  if (!inMajor.length) return `No enterprise offers seats in major ${majorCode}`;
  const seats = inMajor.reduce((sum, q) => sum + q.seats, 0);
  return `All ${seats} seats that ${inMajor.length} enterprise(s) offer in major ${majorCode} are taken`;
}
