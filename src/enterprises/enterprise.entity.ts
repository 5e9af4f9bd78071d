import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('enterprise')
export class EnterpriseEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Unified Social Credit Code (GB 32100-2015). */
  @Column({ type: 'varchar', length: 18, unique: true })
  creditCode!: string;

  @Column({ type: 'varchar', length: 64 })
  contactName!: string;

  @Column({ type: 'varchar', length: 32 })
  contactPhone!: string;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;
}
