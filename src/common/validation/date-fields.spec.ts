import { dateProblem, instantProblem } from './date-fields';

describe('dateProblem', () => {
  it.each(['2000-01-01', '2019-09-01', '2024-02-29', '2100-12-31'])('accepts %s', (date) => {
    expect(dateProblem(date)).toBeNull();
  });

  it.each([
    ['9999-09-01', 'must be from 2000-01-01 to 2100-12-31'],
    ['1999-12-31', 'must be from 2000-01-01 to 2100-12-31'],
    ['2101-01-01', 'must be from 2000-01-01 to 2100-12-31'],
    ['2019-02-29', 'must be a real calendar date'],
    ['2019-13-01', 'must be a real calendar date'],
    ['2019-9-1', 'must be a date YYYY-MM-DD'],
    ['10000-01-01', 'must be a date YYYY-MM-DD'],
    ['2019-09-01T00:00:00Z', 'must be a date YYYY-MM-DD'],
    [20190901, 'must be a date YYYY-MM-DD'],
  ])('refuses %p: %s', (value, message) => {
    expect(dateProblem(value)).toBe(message);
  });
});

describe('instantProblem', () => {
  it.each(['2000-01-01T00:00:00Z', '2019-09-02T08:30:00+08:00', '2100-12-31T23:59:59.999Z'])('accepts %s', (instant) => {
    expect(instantProblem(instant)).toBeNull();
  });

  it.each([
    ['9999-01-01T00:00:00Z', 'must be from 2000-01-01 to 2100-12-31'],
    ['1999-12-31T23:59:59Z', 'must be from 2000-01-01 to 2100-12-31'],
    ['2101-01-01T00:00:00Z', 'must be from 2000-01-01 to 2100-12-31'],
    ['2019-09-02', 'must be an instant with a time and a time zone'],
    ['2019-09-02T08:30:00', 'must be an instant with a time and a time zone'],
    ['yesterday', 'must be an ISO-8601 instant'],
  ])('refuses %p: %s', (value, message) => {
    expect(instantProblem(value)).toBe(message);
  });
});
