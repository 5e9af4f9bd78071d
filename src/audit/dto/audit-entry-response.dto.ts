import { AuditEntryEntity } from '../audit-entry.entity';

export class AuditEntryResponseDto {
  id!: number;
  /** ISO-8601 UTC */
  at!: string;
  /** Null when the system itself made the change. */
  actorId!: number | null;
  action!: string;
  entityType!: string;
  entityId!: number;
  before!: Record<string, unknown> | null;
  after!: Record<string, unknown> | null;
}

export class AuditEntryPageDto {
  items!: AuditEntryResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toAuditEntryResponse(entry: AuditEntryEntity): AuditEntryResponseDto {
  return {
    id: entry.id,
    at: entry.at,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
  };
}
