import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AgreementLanguage } from './document/document-model';
import type { AgreementKind } from './agreement-kind';

/**
 * One version of one agreement. The PDF bytes live in the `content` column, read and written with plain
 * SQL (bytea on PostgreSQL, blob on SQLite), so this entity stays the same on both and lists never load them.
 */
@Entity('agreement')
@Index(['studentId', 'kind', 'version'], { unique: true })
@Index(['sha256'], { unique: true })
@Index(['verificationCode'], { unique: true })
@Index(['jobId', 'studentId'], { unique: true })
export class AgreementEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  studentId!: number;

  @Column({ type: 'integer' })
  cohortId!: number;

  /** The enterprise party to the agreement, which may read it; null when there is none. */
  @Column({ type: 'integer', nullable: true })
  enterpriseId!: number | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: AgreementKind;

  @Column({ type: 'integer' })
  version!: number;

  /** Chinese only, or with an English line under each clause. */
  @Column({ type: 'varchar', length: 16 })
  language!: AgreementLanguage;

  /** SHA-256 of the stored PDF bytes, hex. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /** Printed in the footer and encoded in its QR code; verifies a paper copy. */
  @Column({ type: 'varchar', length: 16 })
  verificationCode!: string;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'integer', nullable: true })
  createdBy!: number | null;

  /** The cohort job that made this version, if any: a resumed job skips the students it already served. */
  @Column({ type: 'integer', nullable: true })
  jobId!: number | null;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;
}
