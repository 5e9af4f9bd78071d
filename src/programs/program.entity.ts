import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const FUNDERS = ['ENTERPRISE', 'GOVERNMENT'] as const;
export type Funder = (typeof FUNDERS)[number];

@Entity('program')
export class ProgramEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  funder!: Funder;

  @Column({ type: 'integer' })
  studyYears!: number;

  /** Policy amounts are per study year, in fen. */
  @Column({ type: 'integer' })
  educationFundFen!: number;

  @Column({ type: 'integer' })
  livingAllowanceFen!: number;

  @Column({ type: 'integer' })
  winterFareFen!: number;

  @Column({ type: 'integer' })
  educationFundInstallments!: number;

  @Column({ type: 'integer' })
  livingAllowanceInstallments!: number;

  /** Empty means any county. */
  @Column({ type: 'simple-json' })
  eligibleHomeCounties!: string[];

  @Column({ type: 'boolean' })
  requirePovertyRegistration!: boolean;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;
}
