import { jsonDepthExceeds } from './request-body';

const exceeds = (text: string, max: number) => jsonDepthExceeds(Buffer.from(text, 'utf8'), max);

describe('jsonDepthExceeds', () => {
  it('counts nested arrays and objects', () => {
    expect(exceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(exceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(exceeds('[[],[],[[]]]', 3)).toBe(false);
    expect(exceeds('"text"', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
    expect(exceeds('{"a":"[[[{{{"}', 1)).toBe(false);
    expect(exceeds('{"a":"\\"[[["}', 1)).toBe(false);
    expect(exceeds('{"a":"\\\\","b":[[1]]}', 2)).toBe(true);
    expect(exceeds('{"名字":"王[五]","b":1}', 1)).toBe(false);
  });

  it('reads a body far deeper than the call stack without overflowing', () => {
    expect(exceeds('['.repeat(1_000_000) + ']'.repeat(1_000_000), 32)).toBe(true);
  });
});
