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
const EXPECTED =
  /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u00b7\u00c0-\u024f\u2010-\u2027]|[\u{20000}-\u{2fa1f}]/u;

/** Characters judged: the first thousands of rows tell the encoding, and a 20 MiB file is judged in milliseconds. */
export const SAMPLE_CHARS = 1 << 20;

/** The share of expected characters (Chinese above all) among the non-ASCII ones of the sample; 1 when there are none. */
export function expectedShare(text: string): number {
  let nonAscii = 0;
  let expected = 0;
  for (const char of text.slice(0, SAMPLE_CHARS)) {
    if (char.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (EXPECTED.test(char)) expected++;
  }
  return nonAscii === 0 ? 1 : expected / nonAscii;
}

/**
 * Picks the encoding of a CSV file without a byte-order mark, given its text as UTF-8 (null when the bytes
 * are not valid UTF-8) and as GB18030 (replacement characters count against it).
 */
export function guessCsvEncoding(asUtf8: string | null, asGb18030: string): EncodingGuess {
  if (asUtf8 === null) return { encoding: 'gb18030', doubtful: false };
  if (asUtf8 === asGb18030) return { encoding: 'utf-8', doubtful: false };
  const utf8 = expectedShare(asUtf8);
  const gb18030 = expectedShare(asGb18030);
  if (utf8 < MOSTLY_EXPECTED && gb18030 > utf8) return { encoding: 'gb18030', doubtful: true };
  return { encoding: 'utf-8', doubtful: utf8 < CLEAR_SHARE };
}
