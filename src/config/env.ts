import { Env } from './app-config';

/** The one read of the process environment. */
export function processEnv(): Env {
  return process.env;
}
