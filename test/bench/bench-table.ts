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
  /** When the target is not met: what the profiles show is left, and why it stays (issue 17). */
  unmet?: string;
  /** The lowest and highest of the runs behind `system` and `baseline`, in their unit. */
  systemSpread?: Spread;
  baselineSpread?: Spread;
}

export type Spread = [low: number, high: number];

/** The median of a figure's runs and their range, so a reader sees how much one run can differ. */
export interface Timing {
  ms: number;
  spread: Spread;
}

/** The median of some runs and their range. */
export function summary(values: readonly number[]): { median: number; spread: Spread } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], spread: [sorted[0], sorted[sorted.length - 1]] };
}

/** `count` things done in each run of `timing`, as a rate per second: the fastest run gives the highest rate. */
export const perSecond = (count: number, timing: Timing): { rate: number; spread: Spread } => ({
  rate: (count / timing.ms) * 1000,
  spread: [(count / timing.spread[1]) * 1000, (count / timing.spread[0]) * 1000],
});

export function printTable(results: BenchResult[]): string {
  const rows = [
    ['benchmark', 'figure', 'this system', 'baseline', 'ratio', 'target', 'met'],
    ...results.map((r) => [
      r.benchmark,
      r.figure,
      `${format(r.system)} ${r.unit}${spreadText(r.systemSpread)}`,
      r.baseline === null ? '-' : `${format(r.baseline)} ${r.unit}${spreadText(r.baselineSpread)}`,
      r.ratio === null ? '-' : `${r.ratio.toFixed(2)}×`,
      r.target,
      r.met === null ? '-' : r.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const table = rows
    .map(
      (row, n) =>
        row.map((cell, i) => cell.padEnd(widths[i])).join('  ') + (n === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : ''),
    )
    .join('\n');
  return `${table}\n\n${unmetTargets(results)}`;
}

/** Every target not met, each with what is left and why, or said plainly to have no explanation. */
function unmetTargets(results: BenchResult[]): string {
  const targets = results.filter((r) => r.met !== null);
  const unmet = targets.filter((r) => r.met === false);
  const unexplained = unmet.filter((r) => !r.unmet);
  const count =
    `${targets.length - unmet.length} of ${targets.length} targets met` +
    (unmet.length ? `; ${unmet.length - unexplained.length} not met and explained below` : '') +
    (unexplained.length ? `; ${unexplained.length} NOT MET AND NOT EXPLAINED: met in the runs before, a profile is wanted` : '');
  return [count, ...unmet.map((r) => `- ${r.benchmark}, ${r.figure} (${r.target}): ${r.unmet ?? 'no explanation recorded.'}`)].join('\n');
}

const spreadText = (spread: Spread | undefined): string => (spread ? ` (${format(spread[0])}–${format(spread[1])})` : '');

const format = (n: number): string => (Number.isInteger(n) || Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/**
 * The system and its baseline timed in alternation after a warm-up of each, who goes first changing from pair to
 * pair, so that a busy moment of a shared machine slows both and neither always pays for the garbage the other
 * left: the medians of each, and the median of the ratios of each pair (baseline time / system time, so above 1
 * the system is faster). With a `label`, each pair is printed to stderr as it is measured.
 */
export async function pairedMedians(
  runs: number,
  system: () => Promise<number>,
  baseline: () => Promise<number>,
  label?: string,
): Promise<{ system: Timing; baseline: Timing; rateRatio: number }> {
  await system();
  await baseline();
  const pairs: [number, number][] = [];
  for (let i = 0; i < runs; i++) {
    let [s, b] = [0, 0];
    if (i % 2) [b, s] = [await baseline(), await system()];
    else [s, b] = [await system(), await baseline()];
    if (label)
      console.error(`  ${label} pair ${i + 1}${i % 2 ? ' (baseline first)' : ''}: system ${s.toFixed(1)} ms, baseline ${b.toFixed(1)} ms`);
    pairs.push([s, b]);
  }
  return {
    system: timing(pairs.map(([s]) => s)),
    baseline: timing(pairs.map(([, b]) => b)),
    rateRatio: summary(pairs.map(([s, b]) => b / s)).median,
  };
}

function timing(times: readonly number[]): Timing {
  const { median, spread } = summary(times);
  return { ms: median, spread };
}
