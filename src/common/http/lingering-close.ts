import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** The most of an over-limit body read and dropped after its 413: past it the connection is closed. */
export const LINGER_MAX_BYTES = 64 * 1024 * 1024;
/** How long a client may take to send the rest before the connection is closed. */
export const LINGER_MAX_MS = 30_000;

/**
 * A body over its limit is answered 413 before it has all arrived. Closing the connection then (as Fastify asks
 * with `connection: close`) resets it while the client is still sending, and the client sees a broken connection
 * instead of the answer. So the rest of the body is read and dropped, up to LINGER_MAX_BYTES and LINGER_MAX_MS,
 * and the connection stays open: a lingering close, as nginx does it.
 */
export function registerLingeringClose(fastify: FastifyInstance): void {
  // Synchronous: an async hook costs every answer a promise, and this one acts on almost none.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode === 413 && !request.raw.complete) {
      reply.removeHeader('connection');
      drainRest(request.raw);
    }
    done(null, payload);
  });
}

function drainRest(request: IncomingMessage): void {
  let dropped = 0;
  const giveUp = (): void => {
    request.socket.destroy();
  };
  const timer = setTimeout(giveUp, LINGER_MAX_MS);
  timer.unref();
  const count = (chunk: Buffer): void => {
    dropped += chunk.length;
    if (dropped > LINGER_MAX_BYTES) giveUp();
  };
  const done = (): void => {
    clearTimeout(timer);
    request.off('data', count);
  };
  request.once('end', done);
  request.once('close', done);
  // An upload may still be piped into the multipart parser, which has stopped reading.
  request.unpipe();
  request.on('data', count);
  request.resume();
}
