import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ALLOWED_ROLES, IS_PUBLIC } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { ALLOWS_PENDING_PASSWORD_CHANGE } from './allow-pending-password-change.decorator';
import { AccountStateService } from './account-state.service';
import { AuthGuard } from './auth.guard';
import { AccountState } from './rules/account-check';
import { toTokenPayload } from './token';

const jwt = new JwtService({ secret: 'guard-spec-secret-guard-spec-secret' });

function contextFor(handler: () => void, authorization?: string): ExecutionContext {
  const request = { headers: { authorization } };
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('AuthGuard', () => {
  const accounts = new Map<number, AccountState>();
  const fakeStates = { current: (id: number) => Promise.resolve(accounts.get(id) ?? null) } as unknown as AccountStateService;
  const guard = new AuthGuard(new Reflector(), jwt, fakeStates);
  const li = { id: 7, username: 'li', role: 'staff' as const, enterpriseId: null, studentId: null };
  const token = jwt.sign(toTokenPayload(li, { tokenVersion: 2 }));

  beforeEach(() => {
    accounts.clear();
    accounts.set(7, { tokenVersion: 2, sessionEpoch: 0, active: true });
    accounts.set(8, { tokenVersion: 0, sessionEpoch: 0, active: true });
  });

  it('lets a public route through without a token', async () => {
    const handler = () => undefined;
    Reflect.defineMetadata(IS_PUBLIC, true, handler);
    await expect(guard.canActivate(contextFor(handler))).resolves.toBe(true);
  });

  it('refuses a route that names no roles, even to a valid token (closed by default)', async () => {
    expect(await codeOf(guard.canActivate(contextFor(() => undefined, `Bearer ${token}`)))).toBe('FORBIDDEN');
  });

  it('admits a role the route names and refuses one it does not', async () => {
    const staffOnly = () => undefined;
    Reflect.defineMetadata(ALLOWED_ROLES, ['admin', 'staff'], staffOnly);
    await expect(guard.canActivate(contextFor(staffOnly, `Bearer ${token}`))).resolves.toBe(true);
    const studentOnly = () => undefined;
    Reflect.defineMetadata(ALLOWED_ROLES, ['student'], studentOnly);
    expect(await codeOf(guard.canActivate(contextFor(studentOnly, `Bearer ${token}`)))).toBe('FORBIDDEN');
  });

  it('answers a missing, malformed or foreign-signed token with UNAUTHENTICATED', async () => {
    const handler = () => undefined;
    Reflect.defineMetadata(ALLOWED_ROLES, ['staff'], handler);
    const foreign = new JwtService({ secret: 'another-secret-another-secret-xx' }).sign({ sub: 7, role: 'staff' });
    for (const header of [undefined, 'Basic abc', `Bearer ${foreign}`, 'Bearer not.a.jwt']) {
      expect(await codeOf(guard.canActivate(contextFor(handler, header)))).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a token issued before a password change, of a deactivated account, or of a missing one', async () => {
    const handler = () => undefined;
    Reflect.defineMetadata(ALLOWED_ROLES, ['staff'], handler);
    const before = jwt.sign(toTokenPayload(li, { tokenVersion: 1 }));
    expect(await codeOf(guard.canActivate(contextFor(handler, `Bearer ${before}`)))).toBe('UNAUTHENTICATED');
    accounts.set(7, { tokenVersion: 2, sessionEpoch: 0, active: false });
    expect(await codeOf(guard.canActivate(contextFor(handler, `Bearer ${token}`)))).toBe('UNAUTHENTICATED');
    accounts.delete(7);
    expect(await codeOf(guard.canActivate(contextFor(handler, `Bearer ${token}`)))).toBe('UNAUTHENTICATED');
  });

  it('holds a token issued for a one-time password to the routes that allow changing it', async () => {
    const pending = jwt.sign({ sub: 8, username: 's12', role: 'student', enterpriseId: null, studentId: 12, mustChangePassword: true });
    const ordinary = () => undefined;
    Reflect.defineMetadata(ALLOWED_ROLES, ['student'], ordinary);
    expect(await codeOf(guard.canActivate(contextFor(ordinary, `Bearer ${pending}`)))).toBe('PASSWORD_CHANGE_REQUIRED');
    const change = () => undefined;
    Reflect.defineMetadata(ALLOWED_ROLES, ['student'], change);
    Reflect.defineMetadata(ALLOWS_PENDING_PASSWORD_CHANGE, true, change);
    await expect(guard.canActivate(contextFor(change, `Bearer ${pending}`))).resolves.toBe(true);
  });
});
