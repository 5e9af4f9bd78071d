// Yuan as banks write them (金额, two decimals) and fen as the system keeps them, converted without floats.

/** 123456 fen → "1234.56". */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const YUAN_TEXT = /^[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:元)?$/;

/**
 * A bank's amount in yuan to fen: text such as `1,234.50`, `¥1234.5` or `1234`, or a spreadsheet number.
 * Null when it is not a non-negative amount with at most two decimals (a number that is not whole fen).
 */
export function parseYuan(value: string | number): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    const fen = Math.round(value * 100);
    // A spreadsheet keeps 1234.56 as the nearest double; anything further from whole fen is not an amount.
    return Math.abs(value * 100 - fen) < 1e-6 && Number.isSafeInteger(fen) ? fen : null;
  }
  const match = YUAN_TEXT.exec(value.trim());
  if (!match) return null;
  const fen = Number(match[1].replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}
