import { afterFailedTransfer, StudentStanding } from './failed-transfer';

const line = { id: 7, dueDate: '2020-09-01' };
const failure = { reason: '账户已冻结', date: '2020-09-03' };
const standing = (status: StudentStanding['status'], statusEffectiveDate: string): StudentStanding => ({
  status,
  statusEffectiveDate,
  statusReason: '家庭原因',
});

describe('afterFailedTransfer', () => {
  it('leaves the line approved, to be paid again, with the bank reason for a student still studying', () => {
    for (const status of ['ENROLLED', 'INTERNING', 'GRADUATED'] as const) {
      expect(afterFailedTransfer(line, standing(status, '2019-09-01'), failure)).toEqual({
        status: 'APPROVED',
        statusCause: 'BANK_FAILURE',
        statusReason: '账户已冻结',
        statusEffectiveDate: '2020-09-03',
      });
    }
  });

  it('holds the line when the student was suspended from its due date or before', () => {
    expect(afterFailedTransfer(line, standing('SUSPENDED', '2020-09-01'), failure)).toEqual({
      status: 'SUSPENDED',
      statusCause: 'SUSPENSION',
      statusReason: '家庭原因',
      statusEffectiveDate: '2020-09-01',
    });
    expect(afterFailedTransfer(line, standing('SUSPENDED', '2020-09-02'), failure).status).toBe('APPROVED');
  });

  it('cancels the line when the student withdrew before its due date, and keeps it owed otherwise', () => {
    expect(afterFailedTransfer(line, standing('WITHDRAWN', '2020-08-31'), failure)).toMatchObject({
      status: 'CANCELLED',
      statusCause: 'WITHDRAWAL',
    });
    expect(afterFailedTransfer(line, standing('WITHDRAWN', '2020-09-01'), failure)).toMatchObject({
      status: 'APPROVED',
      statusCause: 'BANK_FAILURE',
    });
  });
});
