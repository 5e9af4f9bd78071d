import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, invalidField } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ChangePasswordDto } from './dto/create-user.dto';
import { LoginDto } from './dto/login.dto';
import { LoginResponseDto, PasswordChangedResponseDto, toUserResponse, UserResponseDto } from './dto/user-response.dto';
import { hashPassword, verifyPassword } from './passwords';
import { LoginThrottle } from './rules/login-throttle';
import { toTokenPayload } from './token';
import { UserEntity } from './user.entity';
import { TransactionRunner } from '../common/transaction-runner';

@Injectable()
export class AuthService {
  private readonly throttle = new LoginThrottle();
  /** Unknown usernames are checked against this too, so both failures take as long. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async login(dto: LoginDto, address: string): Promise<LoginResponseDto> {
    const now = this.clock.now().getTime();
    if (this.throttle.isBlocked(address, dto.username, now)) {
      throw new DomainError('RATE_LIMITED', 'Too many failed sign-ins; try again in 15 minutes');
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ username: dto.username });
    this.dummyHash ??= hashPassword('not-a-real-password');
    const valid = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !valid) {
      this.throttle.recordFailure(address, dto.username, now);
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    }
    this.throttle.recordSuccess(address, dto.username);
    return { ...(await this.issueToken(user)), user: toUserResponse(user) };
  }

  async me(actor: AuthUser): Promise<UserResponseDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.id });
    if (!user) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists');
    return toUserResponse(user);
  }

  async changePassword(actor: AuthUser, dto: ChangePasswordDto): Promise<PasswordChangedResponseDto> {
    if (dto.newPassword === dto.currentPassword) throw invalidField('newPassword', 'must differ from the current one');
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.id });
    if (!user || !(await verifyPassword(user.passwordHash, dto.currentPassword))) throw invalidField('currentPassword', 'is wrong');
    const passwordHash = await hashPassword(dto.newPassword);
    const changed = await this.transactions.run(async (manager) => {
      // Compare-and-set on the old hash: of two changes racing from the same current password, one wins.
      const { affected } = await manager.update(
        UserEntity,
        { id: user.id, passwordHash: user.passwordHash },
        { passwordHash, mustChangePassword: false },
      );
      if (affected !== 1) throw new DomainError('CONFLICT', 'The password was changed meanwhile; sign in again');
      await this.audit.record(manager, { actor, action: 'user.password-changed', entityType: 'user', entityId: user.id });
      return { ...user, passwordHash, mustChangePassword: false };
    });
    return { ...toUserResponse(changed), ...(await this.issueToken(changed)) };
  }

  private async issueToken(user: UserEntity): Promise<Pick<LoginResponseDto, 'accessToken' | 'tokenType' | 'expiresIn'>> {
    return {
      accessToken: await this.jwt.signAsync(toTokenPayload(toAuth(user), user.mustChangePassword)),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtExpiresInSeconds,
    };
  }
}

export const toAuth = (user: UserEntity): AuthUser => ({
  id: user.id,
  username: user.username,
  role: user.role,
  enterpriseId: user.enterpriseId,
  studentId: user.studentId,
});
