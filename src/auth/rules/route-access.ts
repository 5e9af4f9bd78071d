import type { Role } from '../../common/auth/auth-user';

export type RouteAccess = 'ALLOWED' | 'ROLE_REFUSED' | 'PASSWORD_CHANGE_REQUIRED';

export interface RouteRule {
  /** The roles the route names; none means the route is closed. */
  roles: readonly Role[] | undefined;
  /** The route stays open to a caller who still holds a one-time password. */
  allowsPendingPasswordChange: boolean;
}

/**
 * Whether a signed-in caller may use a route. The route's roles are checked first, so a role that may
 * never call it is refused the same way whatever its password; a one-time password then closes every
 * route but those that let it be replaced.
 */
export function routeAccess(caller: { role: Role; mustChangePassword: boolean }, route: RouteRule): RouteAccess {
  if (!route.roles?.includes(caller.role)) return 'ROLE_REFUSED';
  if (caller.mustChangePassword && !route.allowsPendingPasswordChange) return 'PASSWORD_CHANGE_REQUIRED';
  return 'ALLOWED';
}
