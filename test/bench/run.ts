import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { assignmentBenchmark } from './assignment.bench';
import { BenchResult, printTable } from './bench-table';
import { importBenchmark, importMemoryChild } from './import.bench';
import { listsBenchmark } from './lists.bench';
import { paymentBatchesBenchmark } from './payment-batches.bench';
import { pdfBenchmark } from './pdf.bench';
import { readBenchmark } from './read.bench';
import { schedulesBenchmark } from './schedules.bench';

// `npm run bench [-- name ...]`: every benchmark, or the named ones. On PostgreSQL too when
// DATABASE_URL is a postgres:// URL (the bench makes and drops databases of its own there).
const BENCHMARKS: Record<string, (script: string, postgresUrl: string | undefined) => Promise<BenchResult[]>> = {
  import: importBenchmark,
  schedules: schedulesBenchmark,
  assignment: assignmentBenchmark,
  pdf: pdfBenchmark,
  read: readBenchmark,
  lists: listsBenchmark,
  'payment-batches': paymentBatchesBenchmark,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined;
  if (args[0] === '--child') {
    if (args[1] === 'import-memory') await importMemoryChild(args[2]);
    return;
  }
  if (args[0] === '--benchmark') {
    writeFileSync(args[2], JSON.stringify(await BENCHMARKS[args[1]](__filename, postgresUrl)));
    return;
  }
  const unknown = args.filter((name) => !(name in BENCHMARKS));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  // A busy machine slows every figure: the table says how busy it was when the run began.
  const load = `load average at start ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')} (1, 5, 15 min) on ${cpus().length} cores`;
  console.error(load);
  const results: BenchResult[] = [];
  for (const name of args.length ? args : Object.keys(BENCHMARKS)) {
    console.error(`running ${name}…`);
    results.push(...inProcessOfItsOwn(name));
  }
  console.log(`${load}\n${printTable(results)}`);
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/bench.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, load, results }, null, 2));
  console.error('written to test-output/bench.json');
}

/**
 * One benchmark run by a Node process of its own, so that what an earlier one left on the heap (an import's
 * 100,000 rows, a province dataset) does not slow its garbage collection: after the import benchmark, cohort
 * enrolment in the same process measured 2.24× its baseline against 2.07× alone.
 */
function inProcessOfItsOwn(name: string): BenchResult[] {
  const folder = mkdtempSync(join(tmpdir(), 'tec-bench-results-'));
  try {
    const file = join(folder, 'results.json');
    execFileSync(process.execPath, [...process.execArgv, __filename, '--benchmark', name, file], { stdio: 'inherit' });
    return JSON.parse(readFileSync(file, 'utf8')) as BenchResult[];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
