import fc from 'fast-check';
import { formatYuan, parseYuanToFen } from './money';

describe('formatYuan', () => {
  it('shows fen as yuan with thousands separators and two decimals', () => {
    expect(formatYuan(150000)).toBe('¥1,500.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(123456789)).toBe('¥1,234,567.89');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(-250)).toBe('-¥2.50');
  });
});

describe('parseYuanToFen', () => {
  it('reads whole yuan, one or two decimals and separators', () => {
    expect(parseYuanToFen('3500')).toBe(350000);
    expect(parseYuanToFen('3,500.5')).toBe(350050);
    expect(parseYuanToFen(' 0.07 ')).toBe(7);
  });

  it('refuses anything that is not an amount', () => {
    for (const text of ['', 'abc', '-1', '1.234', '1e3', '0x10', '1.']) expect(parseYuanToFen(text)).toBeNull();
  });

  it('reads back what formatYuan writes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999_99 }), (fen) => parseYuanToFen(formatYuan(fen).slice(1)) === fen));
  });
});
