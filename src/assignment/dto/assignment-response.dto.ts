import { ApiProperty } from '@nestjs/swagger';
import { AssignmentOutcome } from '../rules/assign-majors';

export class AssignedStudentDto {
  studentId!: number;
  majorCode!: string;
  /** 1 when the student got their first preference. */
  choiceRank!: number;
}

export class UnassignedStudentDto {
  studentId!: number;
  /** Why no preferred major had a seat, in words a student or parent can read. */
  reason!: string;
}

export class AssignmentResponseDto {
  /** In order of priority: higher exam score, then earlier intake, then lower id. */
  assigned!: AssignedStudentDto[];
  /** In the same order. */
  unassigned!: UnassignedStudentDto[];
  /** Major code → lowest exam score among its seat holders after the run; majors with no seat holder are left out. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { M01: 412.5 } })
  cutoffs!: Record<string, number>;
}

export function toAssignmentResponse(outcome: AssignmentOutcome): AssignmentResponseDto {
  return {
    assigned: outcome.assigned.map((p) => ({ studentId: p.studentId, majorCode: p.majorCode, choiceRank: p.choiceRank })),
    unassigned: outcome.unassigned.map((u) => ({ studentId: u.studentId, reason: u.reason })),
    cutoffs: { ...outcome.cutoffs },
  };
}
