import { SetMetadata } from '@nestjs/common';

export const ALLOWS_PENDING_PASSWORD_CHANGE = 'allowsPendingPasswordChange';

/** The route stays open to a caller signed in with a one-time password (who must change it first). */
export const AllowPendingPasswordChange = () => SetMetadata(ALLOWS_PENDING_PASSWORD_CHANGE, true);
