import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
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
  if (args[0] === '--child') {
    if (args[1] === 'import-memory') await importMemoryChild(args[2]);
    return;
  }
  const unknown = args.filter((name) => !(name in BENCHMARKS));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : undefined;
  // A busy machine slows every figure: the table says how busy it was when the run began.
  const load = `load average at start ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')} (1, 5, 15 min) on ${cpus().length} cores`;
  console.error(load);
  const results: BenchResult[] = [];
  for (const name of args.length ? args : Object.keys(BENCHMARKS)) {
    console.error(`running ${name}…`);
    results.push(...(await BENCHMARKS[name](__filename, postgresUrl)));
  }
  console.log(`${load}\n${printTable(results)}`);
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/bench.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, load, results }, null, 2));
  console.error('written to test-output/bench.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
