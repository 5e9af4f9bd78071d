import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender } from './rules/national-id';
import type { StudentStatus } from './rules/student-status';

@Entity('student')
@Index(['cohortId', 'nationalId'], { unique: true })
@Index(['cohortId', 'status'])
@Index(['cohortId', 'majorCode'])
@Index(['cohortId', 'homeCounty'])
@Index(['intendedEnterpriseId'])
export class StudentEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  cohortId!: number;

  @Column({ type: 'varchar', length: 64 })
  fullName!: string;

  /** Personal data: leaves the service only masked, except in the staff detail view. */
  @Column({ type: 'varchar', length: 18 })
  nationalId!: string;

  @Column({ type: 'varchar', length: 6 })
  gender!: Gender;

  @Column({ type: 'varchar', length: 10 })
  birthDate!: string;

  @Column({ type: 'varchar', length: 32 })
  phone!: string;

  @Column({ type: 'varchar', length: 32 })
  homeProvince!: string;

  @Column({ type: 'varchar', length: 32 })
  homeCounty!: string;

  @Column({ type: 'boolean' })
  povertyRegistered!: boolean;

  @Column({ type: 'double precision' })
  examScore!: number;

  /** Major codes, most wanted first. */
  @Column({ type: 'simple-json' })
  majorPreferences!: string[];

  @Column({ type: 'integer', nullable: true })
  intendedEnterpriseId!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  guardianName!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  guardianPhone!: string | null;

  /** YYYY-MM-DD the student applied: the day the first status, APPLIED, took effect; never after today. */
  @Column({ type: 'varchar', length: 10 })
  applicationDate!: string;

  /** The assigned major; the seat is counted in major.assigned while the student holds it. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  majorCode!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: StudentStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason!: string | null;

  /** YYYY-MM-DD the current status took effect. */
  @Column({ type: 'varchar', length: 10 })
  statusEffectiveDate!: string;

  @Column({ type: 'boolean' })
  eligible!: boolean;

  @Column({ type: 'simple-json' })
  ineligibleReasons!: string[];

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ type: 'varchar', length: 24 })
  updatedAt!: string;
}
