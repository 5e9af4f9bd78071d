import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page, pageWindow, toPage } from '../common/pagination/page';
import { CreateEnterpriseDto } from './dto/create-enterprise.dto';
import { EnterpriseQueryDto } from './dto/enterprise-query.dto';
import { EnterpriseResponseDto, toEnterpriseResponse } from './dto/enterprise-response.dto';
import { EnterpriseEntity } from './enterprise.entity';
import { EnterprisesRepository } from './enterprises.repository';
import { enterpriseScope } from './rules/enterprise-scope';
import { TransactionRunner } from '../common/transaction-runner';

@Injectable()
export class EnterprisesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly enterprises: EnterprisesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: AuthUser, dto: CreateEnterpriseDto): Promise<EnterpriseResponseDto> {
    const duplicate = (): DomainError => new DomainError('DUPLICATE', `An enterprise with credit code ${dto.creditCode} exists`);
    try {
      return await this.transactions.run(async (manager) => {
        if (await this.enterprises.findByCreditCode(manager, dto.creditCode)) throw duplicate();
        const enterprise = await manager.save(
          manager.create(EnterpriseEntity, {
            name: dto.name,
            creditCode: dto.creditCode,
            contactName: dto.contactName,
            contactPhone: dto.contactPhone,
            createdAt: this.clock.now().toISOString(),
          }),
        );
        const response = toEnterpriseResponse(enterprise);
        await this.audit.record(manager, {
          actor,
          action: 'enterprise.created',
          entityType: 'enterprise',
          entityId: enterprise.id,
          after: response,
        });
        return response;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? duplicate() : error;
    }
  }

  async list(actor: AuthUser, query: EnterpriseQueryDto): Promise<Page<EnterpriseResponseDto>> {
    const scope = enterpriseScope(actor);
    if (scope === 'NONE') return toPage([], 0, query, toEnterpriseResponse);
    const qb = this.dataSource.manager.createQueryBuilder(EnterpriseEntity, 'e');
    if (scope !== 'ANY') qb.andWhere('e.id = :id', { id: scope });
    if (query.q) {
      const pattern = `%${escapeLike(query.q.trim())}%`;
      qb.andWhere("(LOWER(e.name) LIKE LOWER(:pattern) ESCAPE '\\' OR e.creditCode LIKE UPPER(:pattern) ESCAPE '\\')", { pattern });
    }
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('e.id', 'ASC').skip(skip).take(take).getManyAndCount();
    return toPage(rows, total, query, toEnterpriseResponse);
  }

  async get(actor: AuthUser, id: number): Promise<EnterpriseResponseDto> {
    return toEnterpriseResponse(await this.enterprises.getVisibleEnterprise(this.dataSource.manager, actor, id));
  }
}

/** A search text is matched literally, so % and _ typed by a user are not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
