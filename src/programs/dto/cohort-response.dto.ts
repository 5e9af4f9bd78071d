import { CohortEntity } from '../cohort.entity';

export class CohortResponseDto {
  id!: number;
  programId!: number;
  name!: string;
  intakeYear!: number;
  /** YYYY-MM-DD */
  startDate!: string;
  /** ISO-8601 UTC */
  createdAt!: string;
}

export class CohortPageDto {
  items!: CohortResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toCohortResponse(cohort: CohortEntity): CohortResponseDto {
  return {
    id: cohort.id,
    programId: cohort.programId,
    name: cohort.name,
    intakeYear: cohort.intakeYear,
    startDate: cohort.startDate,
    createdAt: cohort.createdAt,
  };
}
