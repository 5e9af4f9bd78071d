/** One line of progress for a terminal: a bar when the total is known, a count when it is not. */
export function progressLine(done: number, total: number | null, width = 30): string {
  const count = done.toLocaleString('en-US');
  if (!total) return `${count} rows`;
  const fraction = Math.min(1, done / total);
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${count} rows`;
}

/** Data lines in a CSV, for the bar's total: line breaks after the header (a multi-line cell counts extra). */
export function estimateCsvRows(buffer: Buffer): number {
  let lines = 0;
  for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines++;
  const endsWithNewline = buffer.length > 0 && buffer[buffer.length - 1] === 10;
  return Math.max(0, (endsWithNewline ? lines : lines + 1) - 1);
}
