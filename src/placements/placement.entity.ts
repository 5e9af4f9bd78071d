import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PLACEMENT_TYPES = ['INTERNSHIP', 'EMPLOYMENT'] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

export const PLACEMENT_STATUSES = ['PROPOSED', 'CONFIRMED', 'DECLINED'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** Statuses in which a placement is open: it blocks another of its type and, if `holdsSeat`, keeps its quota seat. */
export const OPEN_PLACEMENT_STATUSES: readonly PlacementStatus[] = ['PROPOSED', 'CONFIRMED'];

/** An internship or a job of one student at one enterprise, in the quota (enterprise × major) it names. */
@Entity('placement')
@Index(['studentId', 'type'], { unique: true, where: `"status" IN ('PROPOSED', 'CONFIRMED')` })
@Index(['cohortId', 'status'])
@Index(['enterpriseId', 'status'])
export class PlacementEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  cohortId!: number;

  @Column({ type: 'integer' })
  studentId!: number;

  @Column({ type: 'integer' })
  enterpriseId!: number;

  /** The quota (enterprise × major) the placement is in. */
  @Column({ type: 'integer' })
  quotaId!: number;

  /**
   * Set at creation: whether the placement took a seat of its quota (counted in `used` while open). False
   * for a job where the student interned in the same major: it carries the internship's seat over.
   */
  @Column({ type: 'boolean' })
  holdsSeat!: boolean;

  /** The student's major when proposed: the quota's major. */
  @Column({ type: 'varchar', length: 16 })
  majorCode!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: PlacementType;

  @Column({ type: 'varchar', length: 16 })
  status!: PlacementStatus;

  /** YYYY-MM-DD; the enterprise may set another when confirming. */
  @Column({ type: 'varchar', length: 10 })
  startDate!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  position!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  supervisorName!: string | null;

  @Column({ type: 'integer', nullable: true })
  monthlySalaryFen!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declineReason!: string | null;

  /** When it was confirmed or declined; null while PROPOSED. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  decidedAt!: string | null;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 24 })
  updatedAt!: string;
}
