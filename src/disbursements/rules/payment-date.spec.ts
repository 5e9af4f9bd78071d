import { earliestPaymentDate } from './payment-date';

describe('earliestPaymentDate', () => {
  it('is a year before the due date for a first-year line', () => {
    expect(earliestPaymentDate('2020-01-10', 1)).toBe('2019-01-10');
  });

  it('goes back one more year for each later study year, so fares can be settled at enrolment', () => {
    expect(earliestPaymentDate('2021-01-10', 2)).toBe('2019-01-10');
    expect(earliestPaymentDate('2022-09-01', 4)).toBe('2018-09-01');
  });

  it('moves a 29 February due date to 1 March', () => {
    expect(earliestPaymentDate('2024-02-29', 1)).toBe('2023-03-01');
  });
});
