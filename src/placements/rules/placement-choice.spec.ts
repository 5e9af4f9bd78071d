import fc from 'fast-check';
import {
  carriesInternshipSeat,
  choosePlacements,
  PlacementCandidate,
  preferredEnterprises,
  ProposalKind,
  SeatQuota,
} from './placement-choice';

const quota = (id: number, enterpriseId: number, majorCode: string, seats: number, used = 0): SeatQuota => ({
  id,
  enterpriseId,
  majorCode,
  seats,
  used,
});
/** A confirmed internship, when given, is in the student's own major unless `internshipMajorCode` says otherwise. */
const student = (
  id: number,
  majorCode: string,
  intendedEnterpriseId: number | null = null,
  internshipEnterpriseId?: number,
  internshipMajorCode = internshipEnterpriseId === undefined ? undefined : majorCode,
): PlacementCandidate => ({ id, majorCode, intendedEnterpriseId, internshipEnterpriseId, internshipMajorCode });

describe('preferredEnterprises', () => {
  it('puts the intended enterprise first for an internship and ignores any internship', () => {
    expect(preferredEnterprises(student(1, 'M01', 7, 9), 'INTERNSHIP')).toEqual([7]);
  });

  it('puts the internship enterprise before the intended one for a job, once each', () => {
    expect(preferredEnterprises(student(1, 'M01', 7, 9), 'EMPLOYMENT')).toEqual([9, 7]);
    expect(preferredEnterprises(student(1, 'M01', 7, 7), 'EMPLOYMENT')).toEqual([7]);
    expect(preferredEnterprises(student(1, 'M01', null), 'EMPLOYMENT')).toEqual([]);
  });
});

describe('choosePlacements', () => {
  it('proposes the intended enterprise when its quota in the major has a seat', () => {
    const result = choosePlacements('INTERNSHIP', [student(1, 'M01', 20)], [quota(1, 10, 'M01', 5), quota(2, 20, 'M01', 1)]);
    expect(result).toEqual({ proposed: [{ studentId: 1, enterpriseId: 20, quotaId: 2, majorCode: 'M01', holdsSeat: true }], unplaced: [] });
  });

  it('falls back to the enterprise with the most free seats in the major when the intended one is full', () => {
    const quotas = [quota(1, 10, 'M01', 3, 1), quota(2, 20, 'M01', 1, 1), quota(3, 30, 'M01', 5, 2), quota(4, 40, 'M02', 9)];
    expect(choosePlacements('INTERNSHIP', [student(1, 'M01', 20)], quotas).proposed).toEqual([
      { studentId: 1, enterpriseId: 30, quotaId: 3, majorCode: 'M01', holdsSeat: true },
    ]);
  });

  it('breaks a tie in free seats by the lower enterprise id', () => {
    const quotas = [quota(5, 30, 'M01', 2), quota(6, 10, 'M01', 2)];
    expect(choosePlacements('INTERNSHIP', [student(1, 'M01')], quotas).proposed[0].enterpriseId).toBe(10);
  });

  it('never places a student in a quota of another major', () => {
    expect(choosePlacements('INTERNSHIP', [student(1, 'M02', 10)], [quota(1, 10, 'M01', 5)])).toEqual({
      proposed: [],
      unplaced: [{ studentId: 1, reason: 'No enterprise offers seats in major M02' }],
    });
  });

  it('leaves students unplaced with a reason once every seat in their major is taken', () => {
    const result = choosePlacements(
      'INTERNSHIP',
      [student(3, 'M01'), student(1, 'M01'), student(2, 'M01')],
      [quota(1, 10, 'M01', 2, 1), quota(2, 20, 'M01', 1)],
    );
    expect(result.proposed.map((p) => [p.studentId, p.enterpriseId])).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(result.unplaced).toEqual([{ studentId: 3, reason: 'All 3 seats that 2 enterprise(s) offer in major M01 are taken' }]);
  });

  it('sends a graduate back to the internship enterprise before the intended one', () => {
    const quotas = [quota(1, 10, 'M01', 5), quota(2, 20, 'M01', 5)];
    expect(choosePlacements('EMPLOYMENT', [student(1, 'M01', 10, 20)], quotas).proposed[0].enterpriseId).toBe(20);
  });

  it('carries the internship seat over to a job there, even when every seat of that quota is taken', () => {
    const internshipFull = [quota(1, 10, 'M01', 5), quota(2, 20, 'M01', 1, 1), quota(3, 30, 'M01', 9)];
    const result = choosePlacements('EMPLOYMENT', [student(1, 'M01', 10, 20), student(2, 'M01', null, 20)], internshipFull);
    expect(result).toEqual({
      proposed: [
        { studentId: 1, enterpriseId: 20, quotaId: 2, majorCode: 'M01', holdsSeat: false },
        { studentId: 2, enterpriseId: 20, quotaId: 2, majorCode: 'M01', holdsSeat: false },
      ],
      unplaced: [],
    });
  });

  it('needs a free seat for a job anywhere but the internship enterprise', () => {
    const quotas = [quota(1, 10, 'M01', 1), quota(2, 30, 'M01', 1)];
    const result = choosePlacements('EMPLOYMENT', [student(1, 'M01', 10), student(2, 'M01', 10), student(3, 'M01', 10)], quotas);
    expect(result.proposed.map((p) => [p.studentId, p.enterpriseId, p.holdsSeat])).toEqual([
      [1, 10, true],
      [2, 30, true],
    ]);
    expect(result.unplaced.map((u) => u.studentId)).toEqual([3]);
  });

  it('needs a free seat at the internship enterprise when the internship was in another major', () => {
    const quotas = [quota(1, 20, 'M01', 1, 1), quota(2, 20, 'M02', 3), quota(3, 30, 'M01', 2)];
    expect(choosePlacements('EMPLOYMENT', [student(1, 'M01', null, 20, 'M02')], quotas).proposed).toEqual([
      { studentId: 1, enterpriseId: 30, quotaId: 3, majorCode: 'M01', holdsSeat: true },
    ]);
  });

  it('never carries a seat over to an internship', () => {
    expect(carriesInternshipSeat('INTERNSHIP', student(1, 'M01', null, 20), quota(1, 20, 'M01', 1))).toBe(false);
    expect(choosePlacements('INTERNSHIP', [student(1, 'M01', 20, 20)], [quota(1, 20, 'M01', 1, 1)]).proposed).toEqual([]);
  });

  it('treats an over-used quota as having no free seat', () => {
    expect(choosePlacements('INTERNSHIP', [student(1, 'M01', 10)], [quota(1, 10, 'M01', 1, 3)]).proposed).toEqual([]);
  });

  describe('properties', () => {
    const majors = fc.constantFrom('M01', 'M02', 'M03');
    const enterpriseIds = fc.integer({ min: 1, max: 6 });
    const quotasArb = fc
      .uniqueArray(fc.record({ enterpriseId: enterpriseIds, majorCode: majors }), {
        selector: (q) => `${q.enterpriseId}/${q.majorCode}`,
        maxLength: 12,
      })
      .chain((keys) =>
        fc
          .tuple(...keys.map((k) => fc.record({ seats: fc.integer({ min: 0, max: 4 }), used: fc.integer({ min: 0, max: 4 }) })))
          .map((counts) =>
            keys.map((k, i) => quota(i + 1, k.enterpriseId, k.majorCode, counts[i].seats, Math.min(counts[i].used, counts[i].seats))),
          ),
      );
    const studentsArb = fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 40 }).chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc
            .record({
              id: fc.constant(id),
              majorCode: majors,
              intendedEnterpriseId: fc.option(enterpriseIds),
              internshipEnterpriseId: fc.option(enterpriseIds),
              otherInternshipMajor: fc.option(majors, { freq: 4 }),
            })
            .map(({ otherInternshipMajor, ...s }): PlacementCandidate => ({
              ...s,
              internshipMajorCode: s.internshipEnterpriseId === null ? null : (otherInternshipMajor ?? s.majorCode),
            })),
        ),
      ),
    );
    const kindArb = fc.constantFrom<ProposalKind>('INTERNSHIP', 'EMPLOYMENT');

    it('never proposes more seat-holding placements than a quota has free, nor a student twice', () => {
      fc.assert(
        fc.property(kindArb, studentsArb, quotasArb, (kind, students, quotas) => {
          const { proposed, unplaced } = choosePlacements(kind, students, quotas);
          for (const q of quotas) {
            expect(proposed.filter((p) => p.quotaId === q.id && p.holdsSeat).length).toBeLessThanOrEqual(q.seats - q.used);
          }
          const placedIds = proposed.map((p) => p.studentId);
          expect(new Set(placedIds).size).toBe(placedIds.length);
          expect([...placedIds, ...unplaced.map((u) => u.studentId)].sort((a, b) => a - b)).toEqual(
            students.map((s) => s.id).sort((a, b) => a - b),
          );
        }),
      );
    });

    it('places a student only through a quota of that enterprise in their major', () => {
      fc.assert(
        fc.property(kindArb, studentsArb, quotasArb, (kind, students, quotas) => {
          for (const p of choosePlacements(kind, students, quotas).proposed) {
            const q = quotas.find((x) => x.id === p.quotaId)!;
            expect([q.enterpriseId, q.majorCode]).toEqual([p.enterpriseId, students.find((s) => s.id === p.studentId)!.majorCode]);
          }
        }),
      );
    });

    it('chooses the first preferred enterprise that is open to the student when they come up', () => {
      fc.assert(
        fc.property(kindArb, studentsArb, quotasArb, (kind, students, quotas) => {
          const { proposed } = choosePlacements(kind, students, quotas);
          const free = new Map(quotas.map((q) => [q.id, q.seats - q.used]));
          for (const s of [...students].sort((a, b) => a.id - b.id)) {
            const wanted = preferredEnterprises(s, kind)
              .map((e) => quotas.find((q) => q.enterpriseId === e && q.majorCode === s.majorCode))
              .find((q) => q !== undefined && (carriesInternshipSeat(kind, s, q) || free.get(q.id)! > 0));
            const got = proposed.find((p) => p.studentId === s.id);
            if (wanted) expect(got?.quotaId).toBe(wanted.id);
            if (got?.holdsSeat) free.set(got.quotaId, free.get(got.quotaId)! - 1);
          }
        }),
      );
    });

    it('proposes a confirmed intern a job at the internship enterprise without a seat, and only there', () => {
      fc.assert(
        fc.property(studentsArb, quotasArb, (students, quotas) => {
          const { proposed } = choosePlacements('EMPLOYMENT', students, quotas);
          for (const s of students) {
            const internshipQuota = quotas.find((q) => carriesInternshipSeat('EMPLOYMENT', s, q) && q.majorCode === s.majorCode);
            const got = proposed.find((p) => p.studentId === s.id);
            if (internshipQuota) expect(got).toMatchObject({ quotaId: internshipQuota.id, holdsSeat: false });
            else expect(got?.holdsSeat ?? true).toBe(true);
          }
        }),
      );
    });

    it('makes every internship hold a seat of its own', () => {
      fc.assert(
        fc.property(studentsArb, quotasArb, (students, quotas) => {
          expect(choosePlacements('INTERNSHIP', students, quotas).proposed.every((p) => p.holdsSeat)).toBe(true);
        }),
      );
    });

    it('gives the same answer whatever order students and quotas come in', () => {
      fc.assert(
        fc.property(kindArb, studentsArb, quotasArb, fc.integer(), (kind, students, quotas, seed) => {
          const shuffle = <T>(list: readonly T[]): T[] =>
            list
              .map((item, i) => ({ item, key: (Math.imul(i + 1, 2654435761) ^ seed) >>> 0 }))
              .sort((a, b) => a.key - b.key)
              .map((x) => x.item);
          expect(choosePlacements(kind, shuffle(students), shuffle(quotas))).toEqual(choosePlacements(kind, students, quotas));
        }),
      );
    });
  });
});
