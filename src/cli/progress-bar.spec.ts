import { estimateCsvRows, progressLine } from './progress-bar';

describe('progressLine', () => {
  it('draws a bar with the percentage and count when the total is known', () => {
    expect(progressLine(0, 200, 10)).toBe('[..........]   0% 0 rows');
    expect(progressLine(50, 200, 10)).toBe('[###.......]  25% 50 rows');
    expect(progressLine(20000, 20000, 10)).toBe('[##########] 100% 20,000 rows');
  });

  it('never passes 100% when the estimate was low', () => {
    expect(progressLine(250, 200, 10)).toBe('[##########] 100% 250 rows');
  });

  it('shows only the count when the total is unknown', () => {
    expect(progressLine(1500, null)).toBe('1,500 rows');
  });
});

describe('estimateCsvRows', () => {
  it('counts data lines after the header, with or without a final line break', () => {
    expect(estimateCsvRows(Buffer.from('a,b\r\n1,2\r\n3,4\r\n'))).toBe(2);
    expect(estimateCsvRows(Buffer.from('a,b\n1,2\n3,4'))).toBe(2);
    expect(estimateCsvRows(Buffer.from('a,b'))).toBe(0);
    expect(estimateCsvRows(Buffer.alloc(0))).toBe(0);
  });
});
