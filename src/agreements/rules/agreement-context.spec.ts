import { buildAgreementContext, ContextInput } from './agreement-context';
import { WORD_JOINER } from './chinese-text';
import { sampleAgreementInput } from './sample-agreement';

const ENTERPRISE = {
  name: '长兴示范精密机械有限公司',
  creditCode: '91330522MA2D000017',
  contactName: '沈国强',
  contactPhone: '0572-6000101',
};
const line = (overrides: Partial<ContextInput['schedule'][number]>): ContextInput['schedule'][number] => ({
  kind: 'EDUCATION_FUND',
  studyYear: 1,
  installment: 1,
  dueDate: '2019-09-01',
  amountFen: 500000,
  payer: 'PROGRAM',
  payerName: null,
  status: 'PAID',
  ...overrides,
});
const input = (overrides: Partial<ContextInput> = {}): ContextInput => {
  const sample = sampleAgreementInput('FUNDING');
  return {
    ...sample,
    student: { ...sample.student, fullName: '欧阳晓红', nationalId: '52052420040315006X', guardianName: '欧阳大山' },
    enterprise: ENTERPRISE,
    schedule: [
      line({}),
      line({ kind: 'WINTER_FARE', dueDate: '2020-01-10', amountFen: 150000, payer: 'ENTERPRISE', payerName: ENTERPRISE.name }),
    ],
    internship: null,
    ...overrides,
  };
};
/** Names arrive joined so that no line breaks inside them; compare them as printed. */
const printed = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll(WORD_JOINER, ''));

describe('buildAgreementContext', () => {
  it('names the student in full, and the enterprise as funder, fare payer and payer of every line it funds', () => {
    const context = printed(buildAgreementContext(input()));
    expect(context.student).toMatchObject({ fullName: '欧阳晓红', nationalId: '52052420040315006X', guardianName: '欧阳大山' });
    expect(context.school.name).toBe('长兴县职业技术教育中心');
    expect(context.funder).toEqual({ name: ENTERPRISE.name, en: 'Party B' });
    expect(context.farePayer).toEqual({ name: ENTERPRISE.name, en: 'Party B' });
    expect(
      context.schedule.map((l: { kindLabel: string; payerName: string; statusLabel: string }) => [l.kindLabel, l.payerName, l.statusLabel]),
    ).toEqual(
      [
        ['教育资助金', ENTERPRISE.name],
        ['寒假路费', ENTERPRISE.name],
      ].map(([kind, payer]) => [kind, payer, '已发放']),
    );
    expect(context.otherPayers).toEqual([]);
  });

  it('names government funds as the funder of a government programme, and the enterprise as the fare payer when there is one', () => {
    const government = { ...input().program, funder: 'GOVERNMENT' as const };
    expect(printed(buildAgreementContext(input({ program: government })))).toMatchObject({
      funder: { name: '政府专项资金' },
      farePayer: { name: ENTERPRISE.name },
      schedule: [{ payerName: '政府专项资金' }, { payerName: ENTERPRISE.name }],
    });
    const withoutEnterprise = input({ program: government, enterprise: null, schedule: [line({ kind: 'WINTER_FARE' })] });
    expect(printed(buildAgreementContext(withoutEnterprise))).toMatchObject({
      enterprise: null,
      farePayer: { name: '政府专项资金' },
      schedule: [{ payerName: '政府专项资金' }],
    });
  });

  it('lists an enterprise other than Party B that pays lines, so that it signs too', () => {
    const schedule = [line({}), line({ kind: 'WINTER_FARE', payer: 'ENTERPRISE', payerName: '黔南精工有限公司' })];
    expect(printed(buildAgreementContext(input({ schedule }))).otherPayers).toEqual(['黔南精工有限公司']);
  });

  it('keeps names and amounts on one line: they are joined', () => {
    const context = buildAgreementContext(
      input({
        internship: {
          enterpriseName: '黔南精工有限公司',
          enterpriseCreditCode: 'x',
          position: null,
          startDate: '2021-07-01',
          supervisorName: null,
          monthlySalaryFen: 350000,
        },
      }),
    );
    for (const value of [context.student.fullName, context.enterprise!.name, context.school.name, context.placement!.monthlyPay]) {
      expect(value).toContain(WORD_JOINER);
    }
    expect(context.placement).toMatchObject({ position: '（待定）', supervisorName: '（待定）' });
  });
});
