import fc from 'fast-check';
import { Applicant, AssignmentOutcome, assignMajors, compareApplicants, formatScore, MajorSeats } from './assign-majors';

const INTAKE = '2019-06-01T00:00:00.000Z';
const applicant = (id: number, examScore: number, preferences: string[], intakeAt = INTAKE): Applicant => ({
  id,
  examScore,
  intakeAt,
  preferences,
});
const major = (code: string, capacity: number, held = 0, lowestHeldScore: number | null = null): MajorSeats => ({
  code,
  capacity,
  held,
  lowestHeldScore,
});

describe('assignMajors', () => {
  it('lets the higher score choose first, each taking the first preference with a free seat', () => {
    const outcome = assignMajors(
      [applicant(1, 400, ['M01', 'M02']), applicant(2, 450, ['M01', 'M02']), applicant(3, 420, ['M01', 'M02'])],
      [major('M01', 1), major('M02', 1)],
    );
    expect(outcome.assigned).toEqual([
      { studentId: 2, majorCode: 'M01', choiceRank: 1 },
      { studentId: 3, majorCode: 'M02', choiceRank: 2 },
    ]);
    expect(outcome.unassigned).toEqual([
      { studentId: 1, reason: 'both preferred majors are full: M01 (lowest admitted score 450.0), M02 (lowest admitted score 420.0)' },
    ]);
    expect(outcome.cutoffs).toEqual({ M01: 450, M02: 420 });
  });

  it('breaks a tie on score by earlier intake, then by lower id', () => {
    const outcome = assignMajors(
      [
        applicant(5, 430, ['M01'], '2019-06-02T00:00:00.000Z'),
        applicant(9, 430, ['M01'], '2019-06-01T00:00:00.000Z'),
        applicant(4, 430, ['M01'], '2019-06-02T00:00:00.000Z'),
      ],
      [major('M01', 2)],
    );
    expect(outcome.assigned.map((p) => p.studentId)).toEqual([9, 4]);
    expect(outcome.unassigned).toEqual([
      {
        studentId: 5,
        reason: 'the only preferred major is full: M01 (lowest admitted score 430.0; on equal scores the earlier applicant goes first)',
      },
    ]);
  });

  it('never moves holders and counts their seats and scores', () => {
    const outcome = assignMajors(
      [applicant(1, 500, ['M01', 'M02']), applicant(2, 300, ['M01'])],
      [major('M01', 2, 2, 410), major('M02', 3, 1, 420)],
    );
    expect(outcome.assigned).toEqual([{ studentId: 1, majorCode: 'M02', choiceRank: 2 }]);
    expect(outcome.unassigned).toEqual([{ studentId: 2, reason: 'the only preferred major is full: M01 (lowest admitted score 410.0)' }]);
    expect(outcome.cutoffs).toEqual({ M01: 410, M02: 420 });
  });

  it('explains a full major whose seats went to lower scores before this run', () => {
    const outcome = assignMajors([applicant(1, 500, ['M01'])], [major('M01', 1, 1, 380.5)]);
    expect(outcome.unassigned[0].reason).toBe(
      'the only preferred major is full: M01 (lowest admitted score 380.5; its seats were filled before this run and assigned students are never moved)',
    );
  });

  it('treats a major forced over capacity as full', () => {
    const outcome = assignMajors([applicant(1, 500, ['M01', 'M02'])], [major('M01', 1, 2, 400), major('M02', 1)]);
    expect(outcome.assigned).toEqual([{ studentId: 1, majorCode: 'M02', choiceRank: 2 }]);
  });

  it('explains majors with no seats, preferences the cohort does not offer and no preference at all', () => {
    const majors = [major('M01', 0), major('M02', 1), major('M03', 1)];
    const outcome = assignMajors(
      [
        applicant(1, 600, ['M02']),
        applicant(2, 590, ['M03']),
        applicant(3, 500, ['M01', 'M02', 'M03']),
        applicant(4, 500, ['X9', 'M01']),
        applicant(5, 500, ['X9']),
        applicant(6, 500, ['X8', 'X9']),
        applicant(7, 500, []),
        applicant(8, 500, ['X8', 'M01', 'X9', 'M02']),
      ],
      majors,
    );
    const reasons = Object.fromEntries(outcome.unassigned.map((u) => [u.studentId, u.reason]));
    expect(reasons).toEqual({
      3: 'all 3 preferred majors are full: M01 (no seats), M02 (lowest admitted score 600.0), M03 (lowest admitted score 590.0)',
      4: 'the only preferred major offered in this cohort is full: M01 (no seats); the preferred major X9 is not offered in this cohort',
      5: 'the preferred major X9 is not offered in this cohort',
      6: 'the preferred majors X8, X9 are not offered in this cohort',
      7: 'no major preference was given',
      8: 'both preferred majors offered in this cohort are full: M01 (no seats), M02 (lowest admitted score 600.0); the preferred majors X8, X9 are not offered in this cohort',
    });
  });

  it('answers no cutoff for a major nobody holds and lists cutoffs by code', () => {
    const outcome = assignMajors([applicant(1, 400, ['M02'])], [major('M03', 5), major('M02', 5), major('M01', 5, 1, 350)]);
    expect(Object.entries(outcome.cutoffs)).toEqual([
      ['M01', 350],
      ['M02', 400],
    ]);
  });

  it('formats scores with at least one decimal', () => {
    expect([431, 412.5, 412.25, 0].map(formatScore)).toEqual(['431.0', '412.5', '412.25', '0.0']);
  });
});

describe('assignMajors properties', () => {
  const CODES = ['M01', 'M02', 'M03', 'M04', 'M05'];
  const majorsArb = fc
    .tuple(...CODES.map(() => fc.record({ capacity: fc.nat(6), held: fc.nat(7), lowest: fc.integer({ min: 300, max: 600 }) })))
    .map((specs) => specs.map((s, i) => major(CODES[i], s.capacity, s.held, s.held ? s.lowest : null)));
  // Few distinct scores and intake days, so ties are common; X1 is a code the cohort does not offer.
  const applicantsArb = fc
    .array(
      fc.record({
        score: fc.integer({ min: 0, max: 8 }).map((n) => 400 + n * 12.5),
        day: fc.integer({ min: 1, max: 3 }),
        preferences: fc.uniqueArray(fc.constantFrom(...CODES, 'X1'), { maxLength: 4 }),
      }),
      { maxLength: 40 },
    )
    .map((rows) => rows.map((r, i) => applicant(i + 1, r.score, r.preferences, `2019-06-0${r.day}T00:00:00.000Z`)));
  const scenario = fc.tuple(applicantsArb, majorsArb);

  const newlyIn = (outcome: AssignmentOutcome, code: string) => outcome.assigned.filter((p) => p.majorCode === code);

  it('never fills a major past its capacity', () => {
    fc.assert(
      fc.property(scenario, ([applicants, majors]) => {
        const outcome = assignMajors(applicants, majors);
        for (const m of majors) expect(newlyIn(outcome, m.code).length).toBeLessThanOrEqual(Math.max(0, m.capacity - m.held));
      }),
    );
  });

  it('assigns or explains every applicant exactly once, with the rank of the choice they got', () => {
    fc.assert(
      fc.property(scenario, ([applicants, majors]) => {
        const outcome = assignMajors(applicants, majors);
        const ids = [...outcome.assigned.map((p) => p.studentId), ...outcome.unassigned.map((u) => u.studentId)];
        expect(ids.sort((a, b) => a - b)).toEqual(applicants.map((a) => a.id));
        const byId = new Map(applicants.map((a) => [a.id, a]));
        for (const p of outcome.assigned) expect(byId.get(p.studentId)!.preferences[p.choiceRank - 1]).toBe(p.majorCode);
        for (const u of outcome.unassigned) expect(u.reason.length).toBeGreaterThan(10);
      }),
    );
  });

  it('leaves no justified envy: every major ranked above what a student got is full and went only to higher priority', () => {
    fc.assert(
      fc.property(scenario, ([applicants, majors]) => {
        const outcome = assignMajors(applicants, majors);
        const byId = new Map(applicants.map((a) => [a.id, a]));
        const got = new Map(outcome.assigned.map((p) => [p.studentId, p.choiceRank]));
        for (const student of applicants) {
          const better = student.preferences.slice(0, (got.get(student.id) ?? student.preferences.length + 1) - 1);
          for (const code of better) {
            const m = majors.find((x) => x.code === code);
            if (!m) continue;
            const taken = newlyIn(outcome, code);
            expect(taken.length).toBe(Math.max(0, m.capacity - m.held));
            for (const p of taken) expect(compareApplicants(byId.get(p.studentId)!, student)).toBeLessThan(0);
          }
        }
      }),
    );
  });

  it('lists the placed and the unplaced each in order of priority', () => {
    fc.assert(
      fc.property(scenario, ([applicants, majors]) => {
        const outcome = assignMajors(applicants, majors);
        const byId = new Map(applicants.map((a) => [a.id, a]));
        for (const list of [outcome.assigned, outcome.unassigned]) {
          const students = list.map((p) => byId.get(p.studentId)!);
          expect(students).toEqual([...students].sort(compareApplicants));
        }
      }),
    );
  });

  it('gives the same answer whatever the order of the input, and every time', () => {
    fc.assert(
      fc.property(scenario, fc.func(fc.integer()), ([applicants, majors], key) => {
        const expected = assignMajors(applicants, majors);
        const shuffle = <T>(items: readonly T[]) => [...items].sort((a, b) => key(a) - key(b));
        expect(assignMajors(shuffle(applicants), shuffle(majors))).toEqual(expected);
        expect(JSON.stringify(assignMajors(applicants, majors))).toBe(JSON.stringify(expected));
      }),
    );
  });

  it('reports as cutoff the lowest score among holders and newly assigned', () => {
    fc.assert(
      fc.property(scenario, ([applicants, majors]) => {
        const outcome = assignMajors(applicants, majors);
        const byId = new Map(applicants.map((a) => [a.id, a]));
        for (const m of majors) {
          const scores = newlyIn(outcome, m.code).map((p) => byId.get(p.studentId)!.examScore);
          if (m.lowestHeldScore !== null) scores.push(m.lowestHeldScore);
          if (scores.length) expect(outcome.cutoffs[m.code]).toBe(Math.min(...scores));
          else expect(outcome.cutoffs).not.toHaveProperty(m.code);
        }
      }),
    );
  });
});
