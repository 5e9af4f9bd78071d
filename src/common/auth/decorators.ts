import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AuthUser, Role, ROLES } from './auth-user';

export const IS_PUBLIC = 'isPublic';
export const ALLOWED_ROLES = 'allowedRoles';

/** No token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Routes are closed by default: a handler without @Roles or @Public answers 403 to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
export const AnyRole = () => Roles(...ROLES);

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
