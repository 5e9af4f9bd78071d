import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError, invalidField } from '../common/errors/domain-error';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { TransactionRunner } from '../common/transaction-runner';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AccountStateService } from './account-state.service';
import { ChangePasswordDto } from './dto/create-user.dto';
import { LoginDto } from './dto/login.dto';
import { LoginResponseDto, PasswordChangedResponseDto, toUserResponse, UserResponseDto } from './dto/user-response.dto';
import { hashPassword, verifyPassword } from './passwords';
import { LOGIN_WINDOW_MS, loginThrottleKeys } from './rules/login-throttle';
import { toTokenPayload } from './token';
import { UserEntity } from './user.entity';

/** A page sign-in: who, and the account state the session cookie must keep matching. */
export interface PageSignIn {
  user: AuthUser;
  mustChangePassword: boolean;
  tokenVersion: number;
  sessionEpoch: number;
}

@Injectable()
export class AuthService {
  /** Unknown usernames are checked against this too, so both failures take as long. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly accounts: AccountStateService,
  ) {}

  async login(dto: LoginDto, address: string): Promise<LoginResponseDto> {
    const user = await this.verifyCredentials(dto, address);
    return { ...(await this.issueToken(user)), user: toUserResponse(user) };
  }

  signInToPages(dto: LoginDto, address: string): Promise<PageSignIn> {
    return this.verifyCredentials(dto, address).then(toPageSignIn);
  }

  /** Ends the page session everywhere: every copy of its cookie stops opening pages. */
  async signOutOfPages(session: Pick<PageSignIn, 'user' | 'sessionEpoch'>): Promise<void> {
    // A cookie from before sign-out epochs existed has none; the pages refuse it anyway.
    if (!Number.isInteger(session.sessionEpoch)) return;
    await this.transactions.run((manager) =>
      manager.update(UserEntity, { id: session.user.id, sessionEpoch: session.sessionEpoch }, { sessionEpoch: session.sessionEpoch + 1 }),
    );
    this.accounts.forget(session.user.id);
  }

  async me(actor: AuthUser): Promise<UserResponseDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.id });
    if (!user) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists');
    return toUserResponse(user);
  }

  async changePassword(actor: AuthUser, dto: ChangePasswordDto): Promise<PasswordChangedResponseDto> {
    const changed = await this.replacePassword(actor, dto);
    return { ...toUserResponse(changed), ...(await this.issueToken(changed)) };
  }

  /** The pages' password change: the session that made it goes on, every other one ends. */
  changePasswordFromPages(actor: AuthUser, dto: ChangePasswordDto): Promise<PageSignIn> {
    return this.replacePassword(actor, dto).then(toPageSignIn);
  }

  /**
   * Clears a one-time password and bumps the token version: every token and page session issued before
   * stops working at once on this instance, and within ACCOUNT_STATE_TTL_MS on the others.
   */
  private async replacePassword(actor: AuthUser, dto: ChangePasswordDto): Promise<UserEntity> {
    if (dto.newPassword === dto.currentPassword) throw invalidField('newPassword', 'must differ from the current one');
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.id });
    if (!user || !(await verifyPassword(user.passwordHash, dto.currentPassword))) throw invalidField('currentPassword', 'is wrong');
    const passwordHash = await hashPassword(dto.newPassword);
    const tokenVersion = user.tokenVersion + 1;
    const changed = await this.transactions.run(async (manager) => {
      // Compare-and-set on the old hash and version: of two changes racing from the same password, or a change
      // racing a deactivation, one wins.
      const { affected } = await manager.update(
        UserEntity,
        { id: user.id, passwordHash: user.passwordHash, tokenVersion: user.tokenVersion },
        { passwordHash, mustChangePassword: false, tokenVersion },
      );
      if (affected !== 1) throw new DomainError('CONFLICT', 'The password was changed meanwhile; sign in again');
      await this.audit.record(manager, { actor, action: 'user.password-changed', entityType: 'user', entityId: user.id });
      return { ...user, passwordHash, mustChangePassword: false, tokenVersion };
    });
    this.accounts.forget(user.id);
    return changed;
  }

  /**
   * The throttle counts failures per account and per address (LOGIN_WINDOW_MS) in the database, so every
   * instance counts the same failures. A deactivated account is refused exactly like a wrong password.
   */
  private async verifyCredentials(dto: LoginDto, address: string): Promise<UserEntity> {
    const keys = loginThrottleKeys(address, dto.username);
    await this.limiter.check([keys.account, keys.address], 'Too many failed sign-ins; try again later');
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username: dto.username });
    this.dummyHash ??= hashPassword('not-a-real-password');
    const valid = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !valid || !user.active) {
      await this.limiter.count([keys.account.key, keys.address.key], LOGIN_WINDOW_MS);
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    }
    // A correct password clears the account's count, not the address's.
    await this.limiter.clear(keys.account.key);
    return user;
  }

  private async issueToken(user: UserEntity): Promise<Pick<LoginResponseDto, 'accessToken' | 'tokenType' | 'expiresIn'>> {
    const payload = toTokenPayload(toAuth(user), { tokenVersion: user.tokenVersion, mustChangePassword: user.mustChangePassword });
    return { accessToken: await this.jwt.signAsync(payload), tokenType: 'Bearer', expiresIn: this.config.jwtExpiresInSeconds };
  }
}

export const toAuth = (user: UserEntity): AuthUser => ({
  id: user.id,
  username: user.username,
  role: user.role,
  enterpriseId: user.enterpriseId,
  studentId: user.studentId,
});

const toPageSignIn = (user: UserEntity): PageSignIn => ({
  user: toAuth(user),
  mustChangePassword: user.mustChangePassword,
  tokenVersion: user.tokenVersion,
  sessionEpoch: user.sessionEpoch,
});
