import { describeChange, describeIneligibility, describeStatusReason, HistoryContext, HistoryEntry } from './staff-student-history';

const context: HistoryContext = {
  majorName: (code) => (code === 'M01' ? '数控技术' : code === 'M02' ? '焊接技术' : '尚未分配'),
  line: (id) => (id === 7 ? { kind: 'EDUCATION_FUND', studyYear: 1, dueDate: '2019-09-01', amountFen: 500000 } : undefined),
  placement: (id) => (id === 3 ? { type: 'INTERNSHIP', enterpriseName: '长兴制造' } : undefined),
};
const entry = (action: string, entityType: string, before: object | null, after: object | null, entityId = 1): HistoryEntry => ({
  action,
  entityType,
  entityId,
  before: before as Record<string, unknown>,
  after: after as Record<string, unknown>,
});

describe('describeChange: an audit entry in words', () => {
  it('says a status change with its date and reason, in both languages', () => {
    const e = entry(
      'student.status-changed',
      'student',
      { status: 'ADMITTED' },
      { status: 'ENROLLED', effectiveDate: '2019-09-01', reason: null },
    );
    expect(describeChange('zh', e, context)).toBe('状态：已录取 → 在读（生效 2019-09-01）');
    expect(describeChange('en', e, context)).toBe('Status: Admitted → Enrolled (from 2019-09-01)');
    const withReason = entry(
      'student.status-changed',
      'student',
      { status: 'ENROLLED' },
      { status: 'SUSPENDED', effectiveDate: '2020-03-01', reason: '生病' },
    );
    expect(describeChange('zh', withReason, context)).toBe('状态：在读 → 休学（生效 2020-03-01），原因：生病');
  });

  it('names majors, lines and placements instead of codes and ids', () => {
    const major = entry('student.major-changed', 'student', { majorCode: 'M01' }, { majorCode: 'M02', reason: '申请', forced: true });
    expect(describeChange('zh', major, context)).toBe('专业：数控技术 → 焊接技术（名额已满，强制调入），原因：申请');
    const paid = entry('disbursement.paid', 'disbursement', { status: 'APPROVED' }, { status: 'PAID', reference: 'ICBC 1' }, 7);
    expect(describeChange('zh', paid, context)).toBe('教育资助金（第 1 学年，2019-09-01，¥5,000.00）：已审批 → 已发放 · 流水号 ICBC 1');
    const confirmed = entry('placement.confirmed', 'placement', { status: 'PROPOSED' }, {}, 3);
    expect(describeChange('zh', confirmed, context)).toBe('实习（长兴制造）：已确认');
  });

  it('says a bank account entered and replaced by its masked number', () => {
    const first = { bankName: '农行织金支行', accountName: '张小燕', accountNumberMasked: '6228 **** **** 0001' };
    const next = { bankName: '工行织金支行', accountName: '张大山', accountNumberMasked: '6222 **** **** 0099' };
    expect(describeChange('zh', entry('student.bank-account-changed', 'student', null, first), context)).toBe(
      '登记银行账户：农行织金支行 张小燕 6228 **** **** 0001',
    );
    expect(describeChange('en', entry('student.bank-account-changed', 'student', first, next), context)).toBe(
      'Bank account replaced: 农行织金支行 张小燕 6228 **** **** 0001 → 工行织金支行 张大山 6222 **** **** 0099',
    );
  });

  it('falls back to the action name for an entry it does not know', () => {
    expect(describeChange('zh', entry('something.else', 'student', null, null), context)).toBe('something.else');
  });
});

describe('describeIneligibility', () => {
  it('words the two known reasons and keeps any other as stored', () => {
    expect(describeIneligibility('zh', "home county 普安县 is not one of the programme's counties (织金县, 纳雍县)")).toBe(
      '户籍县 普安县 不在本项目的招生县（织金县, 纳雍县）内',
    );
    expect(describeIneligibility('zh', 'not registered as a poverty-alleviation household (建档立卡) but the programme requires it')).toBe(
      '未登记为建档立卡贫困户，而本项目要求登记',
    );
    expect(describeIneligibility('zh', 'other')).toBe('other');
  });
});

describe('describeStatusReason', () => {
  const placements = { placement: (id: number) => (id === 5 ? { type: 'EMPLOYMENT', enterpriseName: '长兴精工机械有限公司' } : undefined) };

  it("words a confirmed placement's reason by the enterprise's name, with no id or English left", () => {
    const text = describeStatusReason('zh', 'EMPLOYMENT placement 5 at enterprise 1 confirmed', placements);
    expect(text).toBe('长兴精工机械有限公司确认了就业安排');
    expect(
      describeChange(
        'zh',
        entry(
          'student.status-changed',
          'student',
          { status: 'GRADUATED' },
          {
            status: 'EMPLOYED',
            effectiveDate: '2021-07-05',
            reason: 'EMPLOYMENT placement 5 at enterprise 1 confirmed',
          },
        ),
        { ...context, ...placements },
      ),
    ).toContain('长兴精工机械有限公司确认了就业安排');
  });

  it("keeps staff's own words, and a placement it cannot find, as stored", () => {
    expect(describeStatusReason('zh', '生病住院', placements)).toBe('生病住院');
    expect(describeStatusReason('zh', 'INTERNSHIP placement 9 at enterprise 1 confirmed', placements)).toBe(
      'INTERNSHIP placement 9 at enterprise 1 confirmed',
    );
  });
});
