// Dates and names as Chinese documents write them.

/** 2019-09-01 → 2019年9月1日 */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** 张小燕 → 张*燕, 王芳 → 王*: enough for the holder to recognise, not enough to identify a stranger. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** U+2060 WORD JOINER: Unicode line breaking (UAX #14) never breaks on either side of it; PDFs print nothing for it. */
export const WORD_JOINER = '\u2060';

/** A date, an amount or a name that no line may break inside. */
export const unbreakable = (text: string): string => [...text].join(WORD_JOINER);
