import { NestFastifyApplication, RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest, RawServerDefault } from 'fastify';
import { parse as parseForm } from 'node:querystring';
import { DomainError } from '../errors/domain-error';
import { isApiPath } from './api-path';

/** Far deeper than any body of this API (three levels at most); a 10,000-deep body overflowed the stack of the validation. */
export const MAX_JSON_DEPTH = 32;

declare module 'fastify' {
  interface FastifyContextConfig {
    takesFile?: boolean;
  }
}

const JSON_TYPE = 'application/json';
const MULTIPART_TYPE = 'multipart/form-data';

/** Marks an /api route that takes a file: its body is multipart/form-data, where every other /api route takes JSON. */
export const TakesFile = (): MethodDecorator => RouteConfig({ takesFile: true });

/**
 * The bodies the service reads: JSON no deeper than MAX_JSON_DEPTH, and urlencoded forms for the pages only.
 * Any other body sent to /api answers 415, except multipart on a route marked @TakesFile().
 * Call before app.init(): once a parser is set here, Nest registers none of its own.
 */
export function registerRequestBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const { bodyLimit } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>(JSON_TYPE, { bodyLimit }, (request, body, done) => {
    if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
      done(new DomainError('VALIDATION_FAILED', `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`));
      return;
    }
    parseJson(request, body.toString('utf8'), done);
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    done(null, parseForm(body.toString()));
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    const expected = expectedBodyType(request);
    if (expected && mediaTypeOf(request) !== expected) {
      return done(new DomainError('UNSUPPORTED_MEDIA_TYPE', `Unsupported content type; send ${expected}`));
    }
    done();
  });
}

/** The one media type an /api request with a body must have; null outside /api or without a body. */
function expectedBodyType(request: FastifyRequest): string | null {
  if (!isApiPath(request.url)) return null;
  const length = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return null;
  return request.routeOptions.config?.takesFile ? MULTIPART_TYPE : JSON_TYPE;
}

const mediaTypeOf = (request: FastifyRequest): string => (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether the JSON text nests arrays and objects deeper than `maxDepth`, read byte by byte before parsing so
 * nothing recursive ever sees such a body. Brackets inside strings do not count; UTF-8 continuation bytes
 * never equal a bracket, a quote or a backslash.
 */
export function jsonDepthExceeds(text: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // the escaped character is skipped
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > maxDepth) return true;
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
  return false;
}
