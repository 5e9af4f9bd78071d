import { ApiProperty } from '@nestjs/swagger';
import { PLACEMENT_STATUSES, PLACEMENT_TYPES, PlacementEntity, PlacementStatus, PlacementType } from '../placement.entity';

export class PlacementResponseDto {
  id!: number;
  cohortId!: number;
  studentId!: number;
  enterpriseId!: number;
  /** The quota (enterprise × major) the placement is in. */
  quotaId!: number;
  /**
   * Whether the placement took a seat of its quota (counted in `used` while PROPOSED or CONFIRMED). False
   * for a job where the student interned in the same major: it carries the internship's seat over.
   */
  holdsSeat!: boolean;
  majorCode!: string;
  @ApiProperty({ enum: PLACEMENT_TYPES })
  type!: PlacementType;
  @ApiProperty({ enum: PLACEMENT_STATUSES })
  status!: PlacementStatus;
  /** YYYY-MM-DD */
  startDate!: string;
  position!: string | null;
  supervisorName!: string | null;
  monthlySalaryFen!: number | null;
  declineReason!: string | null;
  /** ISO-8601 UTC of the confirmation or decline; null while PROPOSED. */
  decidedAt!: string | null;
  /** ISO-8601 UTC */
  createdAt!: string;
  /** ISO-8601 UTC */
  updatedAt!: string;
}

export class PlacementPageDto {
  items!: PlacementResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toPlacementResponse(placement: PlacementEntity): PlacementResponseDto {
  return {
    id: placement.id,
    cohortId: placement.cohortId,
    studentId: placement.studentId,
    enterpriseId: placement.enterpriseId,
    quotaId: placement.quotaId,
    holdsSeat: placement.holdsSeat,
    majorCode: placement.majorCode,
    type: placement.type,
    status: placement.status,
    startDate: placement.startDate,
    position: placement.position,
    supervisorName: placement.supervisorName,
    monthlySalaryFen: placement.monthlySalaryFen,
    declineReason: placement.declineReason,
    decidedAt: placement.decidedAt,
    createdAt: placement.createdAt,
    updatedAt: placement.updatedAt,
  };
}
