import { QuotaEntity } from '../quota.entity';

export class QuotaResponseDto {
  id!: number;
  cohortId!: number;
  enterpriseId!: number;
  majorCode!: string;
  /** Seats offered. */
  seats!: number;
  /** Seats taken by proposed or confirmed placements. */
  used!: number;
  /** ISO-8601 UTC */
  createdAt!: string;
}

export class QuotaPageDto {
  items!: QuotaResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toQuotaResponse(quota: QuotaEntity): QuotaResponseDto {
  return {
    id: quota.id,
    cohortId: quota.cohortId,
    enterpriseId: quota.enterpriseId,
    majorCode: quota.majorCode,
    seats: quota.seats,
    used: quota.used,
    createdAt: quota.createdAt,
  };
}
