import { createHash } from 'node:crypto';

/**
 * The Idempotency-Key of a several-fares payment sent without one: the request itself, as its lines (each once, in
 * id order), its instant (as UTC) and its reference. The same request sent again finds its own payments; the same
 * lines with another day or reference meet a key of their own and are refused as already paid.
 */
export function requestPaymentKey(lineIds: readonly number[], paidAt: string, reference: string): string {
  const lines = [...new Set(lineIds)].sort((a, b) => a - b);
  const request = JSON.stringify({ lines, paidAt: new Date(paidAt).toISOString(), reference });
  return `fares-${createHash('sha256').update(request).digest('hex')}`;
}
