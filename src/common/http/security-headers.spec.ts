import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { helmetHeaders } from './security-headers';

describe('helmetHeaders', () => {
  const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } } };

  it('records what helmet sets on a real response, header for header', () => {
    const request = new IncomingMessage(new Socket());
    const response = new ServerResponse(request);
    response.setHeader('X-Powered-By', 'something');
    helmet(options)(request, response, (error?: unknown) => expect(error).toBeUndefined());
    expect(helmetHeaders(options)).toEqual(response.getHeaders());
  });

  it('takes the CSP directives given, and drops X-Powered-By', () => {
    const headers = helmetHeaders(options);
    expect(headers['content-security-policy']).toContain("img-src 'self' data:");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers).not.toHaveProperty('x-powered-by');
  });
});
