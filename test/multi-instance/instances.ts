import { ChildProcess, spawn } from 'child_process';
import { resolve } from 'path';

export interface Instance {
  port: number;
  process: ChildProcess;
  output: string[];
}

/** Starts `node dist/main.js` on 127.0.0.1:port; its output is kept to explain a failure. */
export function startInstance(port: number, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, [resolve(__dirname, '../../dist-multi-instance/main.js')], {
    cwd: resolve(__dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { port, process: child, output };
}

export async function waitForHealth(instance: Instance, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (instance.process.exitCode !== null) {
      throw new Error(`instance on port ${instance.port} exited with ${instance.process.exitCode}:\n${instance.output.join('')}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${instance.port}/api/health`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`instance on port ${instance.port} not healthy after ${timeoutMs} ms:\n${instance.output.join('')}`);
}

export async function stopInstance(instance: Instance): Promise<void> {
  if (instance.process.exitCode !== null || instance.process.signalCode !== null) return;
  const exited = new Promise((r) => instance.process.once('exit', r));
  instance.process.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
  clearTimeout(timer);
  if (instance.process.exitCode === null && instance.process.signalCode === null) instance.process.kill('SIGKILL');
}

export interface Answer {
  status: number;
  body: any;
}

/** One JSON request to one instance. */
export async function call(
  instance: Instance,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${instance.port}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
