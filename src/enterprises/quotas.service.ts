import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, ErrorDetail } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page, pageWindow, toPage } from '../common/pagination/page';
import { CohortsRepository } from '../programs/cohorts.repository';
import { CreateQuotaDto } from './dto/create-quota.dto';
import { QuotaQueryDto } from './dto/quota-query.dto';
import { QuotaResponseDto, toQuotaResponse } from './dto/quota-response.dto';
import { EnterpriseEntity } from './enterprise.entity';
import { QuotaEntity } from './quota.entity';
import { enterpriseScope } from './rules/enterprise-scope';
import { TransactionRunner } from '../common/transaction-runner';

@Injectable()
export class QuotasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: AuthUser, cohortId: number, dto: CreateQuotaDto): Promise<QuotaResponseDto> {
    const duplicate = (): DomainError =>
      new DomainError('DUPLICATE', `Enterprise ${dto.enterpriseId} already has a quota for major ${dto.majorCode} in cohort ${cohortId}`);
    try {
      return await this.transactions.run(async (manager) => {
        await this.cohorts.getCohort(manager, cohortId);
        await this.checkReferences(manager, cohortId, dto);
        const key = { cohortId, enterpriseId: dto.enterpriseId, majorCode: dto.majorCode };
        if (await manager.existsBy(QuotaEntity, key)) throw duplicate();
        const quota = await manager.save(
          manager.create(QuotaEntity, { ...key, seats: dto.seats, used: 0, createdAt: this.clock.now().toISOString() }),
        );
        const response = toQuotaResponse(quota);
        await this.audit.record(manager, { actor, action: 'quota.created', entityType: 'quota', entityId: quota.id, after: response });
        return response;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? duplicate() : error;
    }
  }

  /** An enterprise account sees only its own quotas; asking for another enterprise's gives an empty page. */
  async list(actor: AuthUser, cohortId: number, query: QuotaQueryDto): Promise<Page<QuotaResponseDto>> {
    const manager = this.dataSource.manager;
    await this.cohorts.getCohort(manager, cohortId);
    const scope = enterpriseScope(actor, query.enterpriseId);
    if (scope === 'NONE') return toPage([], 0, query, toQuotaResponse);
    const where = scope === 'ANY' ? { cohortId } : { cohortId, enterpriseId: scope };
    const [rows, total] = await manager.findAndCount(QuotaEntity, { where, order: { id: 'ASC' }, ...pageWindow(query) });
    return toPage(rows, total, query, toQuotaResponse);
  }

  /** Both references are checked so one answer names every bad field. */
  private async checkReferences(manager: EntityManager, cohortId: number, dto: CreateQuotaDto): Promise<void> {
    const details: ErrorDetail[] = [];
    if (!(await manager.existsBy(EnterpriseEntity, { id: dto.enterpriseId })))
      details.push({ field: 'enterpriseId', message: 'no such enterprise' });
    if (!(await this.cohorts.findMajor(manager, cohortId, dto.majorCode)))
      details.push({ field: 'majorCode', message: 'is not a major of this cohort' });
    if (details.length) throw new DomainError('VALIDATION_FAILED', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
}
