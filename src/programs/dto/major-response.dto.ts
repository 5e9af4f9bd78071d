import { MajorEntity } from '../major.entity';

export class MajorResponseDto {
  id!: number;
  cohortId!: number;
  code!: string;
  name!: string;
  institution!: string;
  capacity!: number;
  /** Seats held by students. */
  assigned!: number;
  /** Lowest exam score admitted by the last assignment run; null before one. */
  cutoffScore!: number | null;
  /** ISO-8601 UTC */
  createdAt!: string;
}

export class MajorPageDto {
  items!: MajorResponseDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export function toMajorResponse(major: MajorEntity): MajorResponseDto {
  return {
    id: major.id,
    cohortId: major.cohortId,
    code: major.code,
    name: major.name,
    institution: major.institution,
    capacity: major.capacity,
    assigned: major.assigned,
    cutoffScore: major.cutoffScore,
    createdAt: major.createdAt,
  };
}
