import fc from 'fast-check';
import { canMoveLine, checkPayment, LINE_STATUSES, LineStatus, linesToCancel, linesToHold, linesToRestore, totalsOf } from './line-status';
import { buildSchedule, entitlementFen, SchedulePolicy } from './schedule';

// The table of API.md plus the two documented extra moves, written out by hand.
const ALLOWED: Record<LineStatus, LineStatus[]> = {
  SCHEDULED: ['APPROVED', 'PAID', 'SUSPENDED', 'CANCELLED'],
  APPROVED: ['PAID', 'SUSPENDED', 'CANCELLED'],
  SUSPENDED: ['SCHEDULED', 'CANCELLED'],
  PAID: [],
  CANCELLED: [],
};

const line = (id: number, status: LineStatus, dueDate: string, amountFen = 100) => ({ id, status, dueDate, amountFen });

describe('line status machine', () => {
  it('allows exactly the moves of API.md, the enterprise paying from SCHEDULED and a withdrawal cancelling held lines', () => {
    for (const from of LINE_STATUSES) {
      for (const to of LINE_STATUSES) expect([from, to, canMoveLine(from, to)]).toEqual([from, to, ALLOWED[from].includes(to)]);
    }
  });

  it('holds every unpaid line due on or after the suspension date, and only those', () => {
    const lines = [
      line(1, 'SCHEDULED', '2020-03-01'),
      line(2, 'APPROVED', '2020-03-02'),
      line(3, 'SCHEDULED', '2020-02-29'),
      line(4, 'PAID', '2020-04-01'),
      line(5, 'CANCELLED', '2020-04-01'),
    ];
    expect(linesToHold(lines, '2020-03-01').map((l) => l.id)).toEqual([1, 2]);
  });

  it('restores every held line', () => {
    const lines = [line(1, 'SUSPENDED', '2020-03-01'), line(2, 'PAID', '2020-03-01'), line(3, 'SUSPENDED', '2019-01-01')];
    expect(linesToRestore(lines).map((l) => l.id)).toEqual([1, 3]);
  });

  it('cancels unpaid lines due after the withdrawal date, held ones included, and never a paid one', () => {
    const lines = [
      line(1, 'SCHEDULED', '2020-03-01'),
      line(2, 'SCHEDULED', '2020-03-02'),
      line(3, 'APPROVED', '2021-01-01'),
      line(4, 'SUSPENDED', '2021-01-01'),
      line(5, 'PAID', '2021-01-01'),
      line(6, 'SUSPENDED', '2020-02-01'),
    ];
    expect(linesToCancel(lines, '2020-03-01').map((l) => l.id)).toEqual([2, 3, 4]);
  });

  it('leaves a line held by a payment batch to the bank: neither held nor cancelled', () => {
    const lines = [
      { ...line(1, 'APPROVED', '2020-03-01'), paymentBatchId: 9 },
      { ...line(2, 'APPROVED', '2020-03-01'), paymentBatchId: null },
    ];
    expect(linesToHold(lines, '2020-03-01').map((l) => l.id)).toEqual([2]);
    expect(linesToCancel(lines, '2020-02-01').map((l) => l.id)).toEqual([2]);
  });

  it('adds lines up by status', () => {
    expect(totalsOf([line(1, 'PAID', '2020-01-01', 5), line(2, 'PAID', '2020-01-01', 7), line(3, 'SUSPENDED', '2020-01-01', 11)])).toEqual({
      scheduledFen: 0,
      approvedFen: 0,
      paidFen: 12,
      suspendedFen: 11,
      cancelledFen: 0,
    });
  });
});

describe('checkPayment', () => {
  const fare = { kind: 'WINTER_FARE' as const, payer: 'ENTERPRISE' as const, payerEnterpriseId: 4, status: 'SCHEDULED' as LineStatus };
  const fund = { kind: 'EDUCATION_FUND' as const, payer: 'PROGRAM' as const, payerEnterpriseId: null, status: 'APPROVED' as LineStatus };
  const staff = { role: 'staff' as const, enterpriseId: null };
  const enterprise = { role: 'enterprise' as const, enterpriseId: 4 };

  it('lets staff pay a programme line once approved', () => {
    expect(checkPayment(staff, fund)).toEqual({ allowed: true, from: ['APPROVED'] });
    expect(checkPayment(staff, { ...fund, status: 'SCHEDULED' })).toMatchObject({ allowed: false, outcome: 'ILLEGAL_TRANSITION' });
    expect(checkPayment(staff, { ...fare, payer: 'PROGRAM', payerEnterpriseId: null, status: 'APPROVED' })).toMatchObject({
      allowed: true,
    });
  });

  it('leaves an enterprise fare to the enterprise', () => {
    expect(checkPayment(staff, { ...fare, status: 'APPROVED' })).toMatchObject({ allowed: false, outcome: 'ILLEGAL_TRANSITION' });
  });

  it('lets an enterprise pay its own fare scheduled or approved, and hides every other line from it', () => {
    expect(checkPayment(enterprise, fare)).toEqual({ allowed: true, from: ['SCHEDULED', 'APPROVED'] });
    expect(checkPayment(enterprise, { ...fare, status: 'APPROVED' })).toMatchObject({ allowed: true });
    expect(checkPayment(enterprise, { ...fare, status: 'SUSPENDED' })).toMatchObject({ allowed: false, outcome: 'ILLEGAL_TRANSITION' });
    expect(checkPayment({ ...enterprise, enterpriseId: 5 }, fare)).toMatchObject({ allowed: false, outcome: 'NOT_FOUND' });
    expect(checkPayment(enterprise, fund)).toMatchObject({ allowed: false, outcome: 'NOT_FOUND' });
  });

  it('says a paid line is already paid, whoever asks', () => {
    expect(checkPayment(enterprise, { ...fare, status: 'PAID' })).toMatchObject({ allowed: false, outcome: 'ALREADY_PAID' });
    expect(checkPayment(staff, { ...fund, status: 'PAID' })).toMatchObject({ allowed: false, outcome: 'ALREADY_PAID' });
  });

  it('refuses a line a payment batch holds: the bank answers for it', () => {
    expect(checkPayment(staff, { ...fund, paymentBatchId: 3 })).toMatchObject({
      allowed: false,
      outcome: 'CONFLICT',
      reason: expect.stringContaining('payment batch 3'),
    });
    expect(checkPayment(staff, { ...fund, paymentBatchId: null })).toMatchObject({ allowed: true });
  });

  it('never lets a student pay', () => {
    expect(checkPayment({ role: 'student', enterpriseId: null }, fund)).toMatchObject({ allowed: false, outcome: 'FORBIDDEN' });
  });
});

describe('a schedule through any suspensions, payments and a withdrawal', () => {
  type Event = { type: 'suspend' | 'resume' | 'approve' | 'pay' | 'withdraw'; days: number; pick: number };
  const policy = fc.record({
    studyYears: fc.integer({ min: 1, max: 4 }),
    educationFundFen: fc.integer({ min: 0, max: 1_000_000 }),
    livingAllowanceFen: fc.integer({ min: 0, max: 1_000_000 }),
    winterFareFen: fc.integer({ min: 0, max: 300_000 }),
    educationFundInstallments: fc.integer({ min: 1, max: 12 }),
    livingAllowanceInstallments: fc.integer({ min: 1, max: 12 }),
  });
  const event = fc.record({
    type: fc.constantFrom<Event['type']>('suspend', 'resume', 'approve', 'pay', 'pay', 'withdraw'),
    days: fc.integer({ min: 0, max: 200 }),
    pick: fc.nat(),
  });

  const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('keeps paid + scheduled + approved + suspended + cancelled equal to the entitlement, and leaves no unpaid line after the withdrawal', () => {
    fc.assert(
      fc.property(policy, fc.array(event, { maxLength: 30 }), (p: SchedulePolicy, events: Event[]) => {
        const lines = buildSchedule(p, '2019-09-01', 3).map((l, id) => ({ ...l, id, status: 'SCHEDULED' as LineStatus }));
        const move = (targets: { id: number }[], to: LineStatus) => {
          for (const { id } of targets) {
            expect(canMoveLine(lines[id].status, to)).toBe(true);
            lines[id].status = to;
          }
        };
        let today = '2019-09-01';
        let student: 'ENROLLED' | 'SUSPENDED' | 'WITHDRAWN' = 'ENROLLED';
        let withdrawnOn: string | null = null;
        for (const e of events) {
          if (student === 'WITHDRAWN') break;
          today = addDays(today, e.days);
          const some = lines.length ? lines[e.pick % lines.length] : undefined;
          if (e.type === 'suspend' && student === 'ENROLLED') {
            move(linesToHold(lines, today), 'SUSPENDED');
            student = 'SUSPENDED';
          } else if (e.type === 'resume' && student === 'SUSPENDED') {
            move(linesToRestore(lines), 'SCHEDULED');
            student = 'ENROLLED';
          } else if (e.type === 'approve' && some?.status === 'SCHEDULED' && some.payer === 'PROGRAM') {
            move([some], 'APPROVED');
          } else if (e.type === 'pay' && some) {
            const caller =
              some.payer === 'PROGRAM' ? { role: 'staff' as const, enterpriseId: null } : { role: 'enterprise' as const, enterpriseId: 3 };
            if (checkPayment(caller, some).allowed) move([some], 'PAID');
          } else if (e.type === 'withdraw') {
            move(linesToCancel(lines, today), 'CANCELLED');
            student = 'WITHDRAWN';
            withdrawnOn = today;
          }
        }
        const totals = totalsOf(lines);
        const sum = totals.paidFen + totals.scheduledFen + totals.approvedFen + totals.suspendedFen + totals.cancelledFen;
        expect(sum).toBe(entitlementFen(p));
        if (withdrawnOn !== null) {
          const cutoff = withdrawnOn;
          expect(lines.filter((l) => l.dueDate > cutoff && l.status !== 'PAID' && l.status !== 'CANCELLED')).toEqual([]);
        }
        if (student === 'ENROLLED') expect(lines.filter((l) => l.status === 'SUSPENDED')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never changes a paid line', () => {
    const lines = [line(1, 'PAID', '2020-09-01')];
    expect(linesToHold(lines, '2019-01-01')).toEqual([]);
    expect(linesToCancel(lines, '2019-01-01')).toEqual([]);
    expect(linesToRestore(lines)).toEqual([]);
  });
});
