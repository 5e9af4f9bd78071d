import fc from 'fast-check';
import { formatYuan, parseYuan } from './amount';

describe('formatYuan', () => {
  it('writes fen as yuan with two decimals', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(500000)).toBe('5000.00');
    expect(formatYuan(123456789)).toBe('1234567.89');
  });

  it('refuses what is not whole non-negative fen', () => {
    expect(() => formatYuan(-1)).toThrow(RangeError);
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});

describe('parseYuan', () => {
  it('reads the ways banks write an amount', () => {
    expect(parseYuan('5000.00')).toBe(500000);
    expect(parseYuan('5,000.5')).toBe(500050);
    expect(parseYuan('¥1234')).toBe(123400);
    expect(parseYuan('￥ 12.3元')).toBe(1230);
    expect(parseYuan(' 0.01 ')).toBe(1);
    expect(parseYuan(5000)).toBe(500000);
    expect(parseYuan(1234.56)).toBe(123456);
  });

  it('refuses more than two decimals, negatives, misplaced separators and text', () => {
    for (const bad of ['5000.001', '-5', '50,00.00', '1,2345', '', '五千', '5000.', '.5', 'NaN']) expect(parseYuan(bad)).toBeNull();
    expect(parseYuan(1234.567)).toBeNull();
    expect(parseYuan(-1)).toBeNull();
    expect(parseYuan(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('reads back what formatYuan writes, as text and as a spreadsheet number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toBe(fen);
        expect(parseYuan(Number(formatYuan(fen)))).toBe(fen);
      }),
    );
  });
});
