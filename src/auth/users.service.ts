import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, invalidField, notFound } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { StudentEntity } from '../students/student.entity';
import { Page, pageWindow, toPage } from '../common/pagination/page';
import { AccountStateService } from './account-state.service';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { toUserResponse, UserResponseDto } from './dto/user-response.dto';
import { hashPassword } from './passwords';
import { UserEntity } from './user.entity';
import { TransactionRunner } from '../common/transaction-runner';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly accounts: AccountStateService,
  ) {}

  async list(query: UserQueryDto): Promise<Page<UserResponseDto>> {
    const [rows, total] = await this.dataSource.getRepository(UserEntity).findAndCount({
      where: query.role ? { role: query.role } : {},
      order: { id: 'ASC' },
      ...pageWindow(query),
    });
    return toPage(rows, total, query, toUserResponse);
  }

  /**
   * Deactivates or reactivates an account. Deactivating also bumps the token version, so tokens issued
   * before stay refused if the account is reactivated. An admin cannot deactivate themself, so at least
   * one active admin always remains.
   */
  async setActive(actor: AuthUser, id: number, dto: UpdateUserDto): Promise<UserResponseDto> {
    if (id === actor.id && !dto.active) throw new DomainError('CONFLICT', 'An admin cannot deactivate their own account');
    const updated = await this.transactions.run(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { id });
      if (!user) throw notFound('User', id);
      if (user.active === dto.active) return user;
      const tokenVersion = dto.active ? user.tokenVersion : user.tokenVersion + 1;
      const { affected } = await manager.update(
        UserEntity,
        { id, active: user.active, tokenVersion: user.tokenVersion },
        { active: dto.active, tokenVersion },
      );
      if (affected !== 1) throw new DomainError('CONFLICT', 'The account was changed meanwhile; try again');
      const after = { ...user, active: dto.active, tokenVersion };
      await this.audit.record(manager, {
        actor,
        action: dto.active ? 'user.activated' : 'user.deactivated',
        entityType: 'user',
        entityId: id,
        before: toUserResponse(user),
        after: toUserResponse(after),
      });
      return after;
    });
    this.accounts.forget(id);
    return toUserResponse(updated);
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserResponseDto> {
    if (actor.role !== 'admin' && (dto.role === 'admin' || dto.role === 'staff')) {
      throw new DomainError('FORBIDDEN', 'Only an admin may create admin or staff accounts');
    }
    // Hashing takes tens of milliseconds: done before the transaction so it holds no lock meanwhile.
    const passwordHash = await hashPassword(dto.password);
    return this.transactions.run(async (manager) => {
      await this.checkBinding(manager, dto);
      if (await manager.existsBy(UserEntity, { username: dto.username })) {
        throw new DomainError('DUPLICATE', `Username ${dto.username} is taken`);
      }
      const user = await this.insert(manager, {
        username: dto.username,
        passwordHash,
        role: dto.role,
        enterpriseId: dto.enterpriseId ?? null,
        studentId: dto.studentId ?? null,
        mustChangePassword: false,
      });
      await this.audit.record(manager, {
        actor,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: toUserResponse(user),
      });
      return toUserResponse(user);
    });
  }

  /** The first admin: from ADMIN_USERNAME/ADMIN_PASSWORD, else a random password printed once. */
  async onApplicationBootstrap(): Promise<void> {
    if (await this.dataSource.getRepository(UserEntity).existsBy({ role: 'admin' })) return;
    const username = this.config.adminUsername ?? 'admin';
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    // Several instances may start at once on one PostgreSQL: the username's unique index lets one win.
    await this.transactions
      .run(async (manager) => {
        if (await manager.existsBy(UserEntity, { role: 'admin' })) return;
        const user = await this.insert(manager, {
          username,
          passwordHash,
          role: 'admin',
          enterpriseId: null,
          studentId: null,
          mustChangePassword: false,
        });
        await this.audit.record(manager, {
          actor: null,
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          after: toUserResponse(user),
        });
        if (!this.config.adminPassword) {
          this.logger.warn(`Created the first admin account: username "${username}", password "${password}". It is shown only this once.`);
        }
      })
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
      });
  }

  private async checkBinding(manager: EntityManager, dto: CreateUserDto): Promise<void> {
    if (dto.role === 'enterprise') {
      if (dto.enterpriseId === undefined) throw invalidField('enterpriseId', 'is required for role enterprise');
      if (!(await manager.existsBy(EnterpriseEntity, { id: dto.enterpriseId }))) throw invalidField('enterpriseId', 'no such enterprise');
    } else if (dto.enterpriseId !== undefined) {
      throw invalidField('enterpriseId', 'is only for role enterprise');
    }
    if (dto.role === 'student') {
      if (dto.studentId === undefined) throw invalidField('studentId', 'is required for role student');
      if (!(await manager.existsBy(StudentEntity, { id: dto.studentId }))) throw invalidField('studentId', 'no such student');
      if (await manager.existsBy(UserEntity, { studentId: dto.studentId })) {
        throw new DomainError('DUPLICATE', `Student ${dto.studentId} already has an account`);
      }
    } else if (dto.studentId !== undefined) {
      throw invalidField('studentId', 'is only for role student');
    }
  }

  private insert(
    manager: EntityManager,
    fields: Omit<UserEntity, 'id' | 'createdAt' | 'tokenVersion' | 'sessionEpoch' | 'active'>,
  ): Promise<UserEntity> {
    const fresh = { tokenVersion: 0, sessionEpoch: 0, active: true, createdAt: this.clock.now().toISOString() };
    return manager.save(manager.create(UserEntity, { ...fields, ...fresh }));
  }
}
