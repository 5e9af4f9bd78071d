import type { AuthUser } from '../../common/auth/auth-user';

type Caller = Pick<AuthUser, 'role' | 'enterpriseId'>;

/** Admin and staff see every enterprise; an enterprise account only the one it is bound to. */
export function canSeeEnterprise(caller: Caller, enterpriseId: number): boolean {
  if (caller.role === 'admin' || caller.role === 'staff') return true;
  return caller.role === 'enterprise' && caller.enterpriseId === enterpriseId;
}

/**
 * Whose rows a list answers: 'ANY' enterprise, one enterprise id, or 'NONE' when the caller asked for
 * another enterprise's rows, which must look exactly like rows that do not exist.
 */
export function enterpriseScope(caller: Caller, requested?: number): number | 'ANY' | 'NONE' {
  if (caller.role === 'admin' || caller.role === 'staff') return requested ?? 'ANY';
  if (caller.role !== 'enterprise' || caller.enterpriseId === null) return 'NONE';
  return requested === undefined || requested === caller.enterpriseId ? caller.enterpriseId : 'NONE';
}
