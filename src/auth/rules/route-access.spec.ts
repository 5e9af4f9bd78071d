import { routeAccess } from './route-access';

describe('routeAccess', () => {
  const open = { roles: ['admin', 'student'] as const, allowsPendingPasswordChange: false };

  it('admits a role the route names when no password change is pending', () => {
    expect(routeAccess({ role: 'student', mustChangePassword: false }, open)).toBe('ALLOWED');
  });

  it('refuses a role the route does not name, and every role on a route that names none', () => {
    expect(routeAccess({ role: 'staff', mustChangePassword: false }, open)).toBe('ROLE_REFUSED');
    expect(routeAccess({ role: 'admin', mustChangePassword: false }, { roles: undefined, allowsPendingPasswordChange: true })).toBe(
      'ROLE_REFUSED',
    );
  });

  it('holds a caller with a one-time password to the routes that allow the change', () => {
    expect(routeAccess({ role: 'student', mustChangePassword: true }, open)).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(routeAccess({ role: 'student', mustChangePassword: true }, { ...open, allowsPendingPasswordChange: true })).toBe('ALLOWED');
  });

  it('refuses a role the route does not name before looking at the password', () => {
    expect(routeAccess({ role: 'enterprise', mustChangePassword: true }, open)).toBe('ROLE_REFUSED');
  });
});
