// Chinese Excel saves CSV as GB18030 (GBK), other tools as UTF-8. Short GB18030 text can also be valid
// UTF-8 (佟伟 is D9 A1 CE B0, U+0661 U+03B0 as UTF-8), so validity alone cannot decide: a file whose
// UTF-8 reading is mostly odd characters while its GB18030 reading is more Chinese is GB18030. UTF-8 read
// as GB18030 also gives Han characters (rare ones), so UTF-8 keeps the benefit of the doubt.

export type DetectedEncoding = 'utf-8' | 'gb18030';

export interface EncodingGuess {
  encoding: DetectedEncoding;
  /** True when the other reading was possible too and the choice rests on the share of expected characters. */
  doubtful: boolean;
}

/** Below this share of expected characters among the non-ASCII ones, a reading is not taken as clearly right. */
const CLEAR_SHARE = 0.9;
/** Below this share a valid UTF-8 reading is taken as mojibake when GB18030 reads better. */
const MOSTLY_EXPECTED = 0.5;

/**
 * What a Chinese applicant list holds beyond ASCII: Han, CJK punctuation, full-width forms, and the
 * middle dot, dashes, quotes and Latin letters with accents found in names. Anything else is odd.
 */
const EXPECTED_RANGES: readonly [number, number][] = [
  [0x00b7, 0x00b7],
  [0x00c0, 0x024f],
  [0x2010, 0x2027],
  [0x3000, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xff00, 0xffef],
  [0x20000, 0x2fa1f],
];

/** Characters judged: the first thousands of rows tell the encoding, and a 20 MiB file is judged in milliseconds. */
export const SAMPLE_CHARS = 1 << 20;

/** The share of expected characters (Chinese above all) among the non-ASCII ones of the sample; 1 when there are none. */
export function expectedShare(text: string): number {
  let nonAscii = 0;
  let expected = 0;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end; i++) {
    const code = text.codePointAt(i)!;
    if (code < 0x80) continue;
    if (code > 0xffff) i++;
    nonAscii++;
    if (EXPECTED_RANGES.some(([low, high]) => code >= low && code <= high)) expected++;
  }
  return nonAscii === 0 ? 1 : expected / nonAscii;
}

/**
 * Picks the encoding of a CSV file without a byte-order mark, given its text as UTF-8 (null when the bytes
 * are not valid UTF-8) and a way to read it as GB18030 (replacement characters count against it), called only
 * when the UTF-8 reading is not clearly Chinese.
 */
export function guessCsvEncoding(asUtf8: string | null, asGb18030: () => string): EncodingGuess {
  if (asUtf8 === null) return { encoding: 'gb18030', doubtful: false };
  const utf8 = expectedShare(asUtf8);
  // GB18030 is taken only below MOSTLY_EXPECTED, and UTF-8 is doubtful only below CLEAR_SHARE.
  if (utf8 >= CLEAR_SHARE) return { encoding: 'utf-8', doubtful: false };
  const gb18030Text = asGb18030();
  if (asUtf8 === gb18030Text) return { encoding: 'utf-8', doubtful: false };
  const gb18030 = expectedShare(gb18030Text);
  if (utf8 < MOSTLY_EXPECTED && gb18030 > utf8) return { encoding: 'gb18030', doubtful: true };
  return { encoding: 'utf-8', doubtful: true };
}
