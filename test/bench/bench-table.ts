/** One line of the benchmark table: a figure of this system beside the baseline that bounds it. */
export interface BenchResult {
  benchmark: string;
  figure: string;
  unit: string;
  system: number;
  baseline: number | null;
  /** system ÷ baseline, in the direction the target states. */
  ratio: number | null;
  target: string;
  met: boolean | null;
}

export function printTable(results: BenchResult[]): string {
  const rows = [
    ['benchmark', 'figure', 'this system', 'baseline', 'ratio', 'target', 'met'],
    ...results.map((r) => [
      r.benchmark,
      r.figure,
      `${format(r.system)} ${r.unit}`,
      r.baseline === null ? '-' : `${format(r.baseline)} ${r.unit}`,
      r.ratio === null ? '-' : `${r.ratio.toFixed(2)}×`,
      r.target,
      r.met === null ? '-' : r.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map(
      (row, n) =>
        row.map((cell, i) => cell.padEnd(widths[i])).join('  ') + (n === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : ''),
    )
    .join('\n');
}

const format = (n: number): string => (Number.isInteger(n) || Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Runs `work` once to warm up, then `runs` times, and answers the median: one slow run does not decide. */
export async function medianMs(runs: number, work: () => Promise<number>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await work());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
