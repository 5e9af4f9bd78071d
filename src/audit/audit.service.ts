import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { bulkInsert } from '../common/bulk-insert';
import { Clock } from '../common/clock';
import { pageFromNearerEnd } from '../common/pagination/nearer-end';
import { Page, pageWindow, toPage } from '../common/pagination/page';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditEntryResponseDto, toAuditEntryResponse } from './dto/audit-entry-response.dto';

export interface AuditRecord {
  actor: AuthUser | null;
  action: string;
  entityType: string;
  entityId: number;
  before?: object | null;
  after?: object | null;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Call with the manager of the transaction that makes the change, so both commit or neither. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await this.recordMany(manager, [record]);
  }

  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (!records.length) return;
    const at = this.clock.now().toISOString();
    await bulkInsert(
      manager,
      AuditEntryEntity,
      records.map((r) => ({
        at,
        actorId: r.actor?.id ?? null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before ?? null,
        after: r.after ?? null,
      })),
    );
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntryResponseDto>> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (query.entityType !== undefined) qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId !== undefined) qb.andWhere('a.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId !== undefined) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await pageFromNearerEnd(qb, 'a.id', 'DESC', { skip, take });
    return toPage(rows, total, query, toAuditEntryResponse);
  }
}
