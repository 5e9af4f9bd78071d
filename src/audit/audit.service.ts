import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
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
    const rows = records.map((r) =>
      this.dataSource.getRepository(AuditEntryEntity).create({
        at,
        actorId: r.actor?.id ?? null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before ?? null,
        after: r.after ?? null,
      }),
    );
    // Chunked so a bulk change stays under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 500) {
      await manager.insert(AuditEntryEntity, rows.slice(i, i + 500));
    }
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntryResponseDto>> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (query.entityType !== undefined) qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId !== undefined) qb.andWhere('a.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId !== undefined) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('a.id', 'DESC').skip(skip).take(take).getManyAndCount();
    return toPage(rows, total, query, toAuditEntryResponse);
  }
}
