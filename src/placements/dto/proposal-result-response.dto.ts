export class ProposedPlacementDto {
  placementId!: number;
  studentId!: number;
  enterpriseId!: number;
}

export class UnplacedStudentDto {
  studentId!: number;
  /** Why no enterprise could be proposed, in words staff can act on. */
  reason!: string;
}

export class ProposalResultResponseDto {
  proposed!: ProposedPlacementDto[];
  unplaced!: UnplacedStudentDto[];
}
