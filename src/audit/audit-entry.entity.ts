import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_entry')
@Index(['entityType', 'entityId'])
@Index(['actorId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** ISO-8601 UTC instant. */
  @Column({ type: 'varchar', length: 24 })
  at!: string;

  /** Null for changes made by the system itself (start-up, demo seed). */
  @Column({ type: 'integer', nullable: true })
  actorId!: number | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 32 })
  entityType!: string;

  @Column({ type: 'integer' })
  entityId!: number;

  @Column({ type: 'simple-json', nullable: true })
  before!: Record<string, any> | null;

  @Column({ type: 'simple-json', nullable: true })
  after!: Record<string, any> | null;
}
