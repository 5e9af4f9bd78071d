import fc from 'fast-check';
import { findTextProblems, MAX_REPORTED_TEXT_PROBLEMS, textCharacterProblem } from './text-characters';

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const CONTROLS = [...range(0x00, 0x1f), ...range(0x7f, 0x9f), '\u2028', '\u2029'];
const BIDI = ['\u061c', '\u200e', '\u200f', ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
const REFUSED = new Set([...CONTROLS, ...BIDI]);

/** Text of characters a name or reason may hold: Chinese, Latin, digits, punctuation, spaces, emoji. */
const safeText = fc.string({ unit: 'grapheme' }).filter((s) => ![...s].some((c) => REFUSED.has(c) || INVISIBLE.includes(c)));

describe('textCharacterProblem', () => {
  it('accepts names, addresses and reasons as people write them', () => {
    for (const text of [
      '王小明',
      'Zhang Xiaoyan',
      '织金县',
      '家庭原因，暂时休学（见附件）',
      'O’Brien-Li 3#',
      '张\u00b7伟',
      '　全角空格',
      '👨\u200d👩\u200d👧',
    ]) {
      expect(textCharacterProblem(text)).toBeNull();
    }
  });

  it('refuses a line break, naming the character', () => {
    expect(textCharacterProblem('王\n=1+2')).toBe('must not contain control characters such as line breaks, tabs or NUL (found U+000A)');
  });

  it.each(CONTROLS.map((c) => [c.charCodeAt(0).toString(16), c]))('refuses the control character U+%s anywhere', (_, c) => {
    expect(textCharacterProblem(`张${c}三`)).toMatch(/control characters/);
    expect(textCharacterProblem(c)).toMatch(/control characters/);
  });

  it.each(BIDI.map((c) => [c.charCodeAt(0).toString(16), c]))('refuses the bidirectional control U+%s', (_, c) => {
    expect(textCharacterProblem(`abc${c}def`)).toMatch(/bidirectional/);
  });

  it('refuses a value made only of invisible characters, with or without spaces, but not invisible characters inside text', () => {
    expect(textCharacterProblem('\u200b')).toBe('must not be made only of invisible characters');
    expect(textCharacterProblem(' \u200b\u2060 \ufeff ')).toBe('must not be made only of invisible characters');
    expect(textCharacterProblem('王\u200b五')).toBeNull();
    expect(textCharacterProblem('   ')).toBeNull();
  });

  it('accepts any text without refused characters (property)', () => {
    fc.assert(fc.property(safeText, (text) => textCharacterProblem(text) === null));
  });

  it('refuses any text once a control or bidi character is put anywhere in it (property)', () => {
    fc.assert(
      fc.property(
        safeText,
        safeText,
        fc.constantFrom(...REFUSED),
        (before, after, bad) => textCharacterProblem(before + bad + after) !== null,
      ),
    );
  });

  it('refuses any mix of invisible characters and spaces (property)', () => {
    const invisibleOnly = fc
      .array(fc.constantFrom(...INVISIBLE, ' ', '\u3000', '\u00a0'), { minLength: 1 })
      .filter((chars) => chars.some((c) => INVISIBLE.includes(c)))
      .map((chars) => chars.join(''));
    fc.assert(fc.property(invisibleOnly, (text) => textCharacterProblem(text) === 'must not be made only of invisible characters'));
  });
});

describe('findTextProblems', () => {
  it('names every bad string by its path in the body, arrays included', () => {
    const body = {
      fullName: '王\n=1+2',
      phone: '13800001234',
      majorPreferences: ['M01', 'M\u000002'],
      policy: { note: '\u202e' },
      score: 3,
    };
    expect(findTextProblems(body)).toEqual([
      { field: 'fullName', message: expect.stringContaining('U+000A') },
      { field: 'majorPreferences.1', message: expect.stringContaining('U+0000') },
      { field: 'policy.note', message: expect.stringContaining('U+202E') },
    ]);
  });

  it('names a single parameter by its name', () => {
    expect(findTextProblems('ab\u0000', 'sha256')).toEqual([{ field: 'sha256', message: expect.stringContaining('U+0000') }]);
    expect(findTextProblems(undefined, 'next')).toEqual([]);
  });

  it('walks a value far deeper than the call stack without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextProblems(deep)).toHaveLength(1);
  });

  it('stops after a bounded number of problems', () => {
    expect(findTextProblems(Array.from({ length: 1000 }, () => '\u0001'))).toHaveLength(MAX_REPORTED_TEXT_PROBLEMS);
  });
});
