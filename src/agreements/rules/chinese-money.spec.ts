import fc from 'fast-check';
import { capitalAmount, formatYuan } from './chinese-money';

/** Reads capital numerals back into fen: an independent inverse, so the property below can check round trips. */
function parseCapital(text: string): number {
  const digit = (c: string) => '零壹贰叁肆伍陆柒捌玖'.indexOf(c);
  const [yuanPart, rest = ''] = text.includes('元') ? text.split('元') : ['', text];
  let total = 0;
  let wan = 0;
  let section = 0;
  let current = 0;
  for (const c of yuanPart) {
    if (digit(c) > 0) current = digit(c);
    else if (c === '拾') ((section += current * 10), (current = 0));
    else if (c === '佰') ((section += current * 100), (current = 0));
    else if (c === '仟') ((section += current * 1000), (current = 0));
    else if (c === '万') ((wan += (section + current) * 10000), (section = current = 0));
    else if (c === '亿') ((total += (wan + section + current) * 100000000), (wan = section = current = 0));
  }
  let fen = (total + wan + section + current) * 100;
  const jiao = /(.)角/.exec(rest);
  const cents = /(.)分/.exec(rest);
  if (jiao) fen += digit(jiao[1]) * 10;
  if (cents) fen += digit(cents[1]);
  return fen;
}

describe('formatYuan', () => {
  it.each([
    [500000, '¥5,000.00'],
    [150000, '¥1,500.00'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123456789, '¥1,234,567.89'],
  ])('writes %i fen as %s', (fen, text) => expect(formatYuan(fen)).toBe(text));

  it('refuses fractions and negatives', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(-1)).toThrow(RangeError);
  });
});

describe('capitalAmount', () => {
  it.each([
    [500000, '伍仟元整'],
    [150000, '壹仟伍佰元整'],
    [1000000, '壹万元整'],
    [1500000, '壹万伍仟元整'],
    [3000000, '叁万元整'],
    [10050000, '壹拾万零伍佰元整'],
    [100000500, '壹佰万零伍元整'],
    [10100, '壹佰零壹元整'],
    [100000000000, '壹拾亿元整'],
    [100010000000, '壹拾亿零壹拾万元整'],
    [0, '零元整'],
    [50, '伍角整'],
    [5, '伍分'],
    [100005, '壹仟元零伍分'],
    [123456, '壹仟贰佰叁拾肆元伍角陆分'],
    [150, '壹元伍角整'],
  ])('writes %i fen as %s', (fen, text) => expect(capitalAmount(fen)).toBe(text));

  it('never writes two 零 in a row, nor ends a whole amount with 零', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 14 }), (fen) => {
        const text = capitalAmount(fen);
        return !text.includes('零零') && !/零元|零整|零万|零亿/.test(text.replace(/^零元整$/, ''));
      }),
    );
  });

  it('reads back to the same amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 14 }), (fen) => parseCapital(capitalAmount(fen)) === fen));
  });
});
