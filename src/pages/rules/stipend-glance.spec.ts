import fc from 'fast-check';
import { GlanceLine, stipendGlance } from './stipend-glance';

const line = (overrides: Partial<GlanceLine>): GlanceLine => ({
  kind: 'LIVING_ALLOWANCE',
  dueDate: '2019-09-01',
  amountFen: 500000,
  status: 'SCHEDULED',
  statusCause: null,
  statusReason: null,
  statusEffectiveDate: null,
  ...overrides,
});

describe('stipendGlance', () => {
  it('adds up what was paid and names the next payment with every line due that day', () => {
    const glance = stipendGlance(
      [
        line({ status: 'PAID', amountFen: 500000 }),
        line({ dueDate: '2020-01-10', amountFen: 150000, kind: 'WINTER_FARE' }),
        line({ dueDate: '2020-09-01' }),
        line({ dueDate: '2020-01-10', amountFen: 1000, status: 'APPROVED' }),
      ],
      '2019-12-01',
    );
    expect(glance.paidFen).toBe(500000);
    expect(glance.next).toEqual({ dueDate: '2020-01-10', amountFen: 151000, overdue: false });
  });

  it('marks a next payment dated before today as overdue', () => {
    expect(stipendGlance([line({ dueDate: '2019-09-01' })], '2019-09-02').next?.overdue).toBe(true);
    expect(stipendGlance([line({ dueDate: '2019-09-01' })], '2019-09-01').next?.overdue).toBe(false);
  });

  it('has no next payment when every line is paid, held or cancelled', () => {
    const glance = stipendGlance([line({ status: 'PAID' }), line({ status: 'SUSPENDED' }), line({ status: 'CANCELLED' })], '2019-01-01');
    expect(glance.next).toBeNull();
  });

  it('groups held lines by reason and effective date', () => {
    const held = { status: 'SUSPENDED' as const, statusReason: 'illness', statusEffectiveDate: '2020-03-01' };
    const glance = stipendGlance(
      [
        line({ ...held, amountFen: 100 }),
        line({ ...held, amountFen: 200 }),
        line({ status: 'SUSPENDED', statusReason: null, amountFen: 5 }),
      ],
      '2020-04-01',
    );
    expect(glance.heldFen).toBe(305);
    expect(glance.holds).toEqual([
      { reason: 'illness', since: '2020-03-01', amountFen: 300 },
      { reason: null, since: null, amountFen: 5 },
    ]);
  });

  it('names each unpaid line the bank refused, with its reason, and keeps it in the next payment', () => {
    const failed = { status: 'APPROVED' as const, statusCause: 'BANK_FAILURE' as const };
    const glance = stipendGlance(
      [
        line({ ...failed, kind: 'WINTER_FARE', dueDate: '2020-01-10', amountFen: 150000, statusReason: '账户已冻结' }),
        line({ ...failed, dueDate: '2020-01-10', amountFen: 1000 }),
        line({ status: 'APPROVED', dueDate: '2020-01-10', amountFen: 5 }),
        line({ status: 'SUSPENDED', statusCause: 'SUSPENSION', statusReason: 'illness' }),
      ],
      '2020-02-01',
    );
    expect(glance.failedTransfers).toEqual([
      { kind: 'WINTER_FARE', dueDate: '2020-01-10', amountFen: 150000, reason: '账户已冻结' },
      { kind: 'LIVING_ALLOWANCE', dueDate: '2020-01-10', amountFen: 1000, reason: null },
    ]);
    expect(glance.next).toEqual({ dueDate: '2020-01-10', amountFen: 151005, overdue: true });
  });

  it('names no failed transfer once the line is paid, held or cancelled', () => {
    const lines = (['PAID', 'SUSPENDED', 'CANCELLED'] as const).map((status) => line({ status, statusCause: 'BANK_FAILURE' }));
    expect(stipendGlance(lines, '2020-01-01').failedTransfers).toEqual([]);
  });

  it('never counts a line twice: paid, held and the rest add up to no more than the schedule', () => {
    const statuses = ['SCHEDULED', 'APPROVED', 'PAID', 'SUSPENDED', 'CANCELLED'] as const;
    const arbLine = fc.record({
      dueDate: fc.constantFrom('2019-09-01', '2020-01-10', '2020-09-01'),
      amountFen: fc.integer({ min: 0, max: 1_000_000 }),
      status: fc.constantFrom(...statuses),
    });
    fc.assert(
      fc.property(fc.array(arbLine), (lines) => {
        const all = lines.map((l) => line(l));
        const glance = stipendGlance(all, '2020-01-01');
        const total = all.reduce((s, l) => s + l.amountFen, 0);
        return glance.paidFen + glance.heldFen + (glance.next?.amountFen ?? 0) <= total;
      }),
    );
  });
});
