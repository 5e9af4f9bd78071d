import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../common/auth/auth-user';

@Entity('user_account')
export class UserEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'integer', nullable: true })
  enterpriseId!: number | null;

  @Column({ type: 'integer', nullable: true, unique: true })
  studentId!: number | null;

  /** Set for generated one-time passwords: the user must choose a new one at first sign-in. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword!: boolean;

  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  /** In every token: a password change bumps it, which ends every token and page session issued before. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  /** In every page session: signing out of the pages bumps it, which ends every copy of the cookie. */
  @Column({ type: 'integer', default: 0 })
  sessionEpoch!: number;

  /** A deactivated account cannot sign in, and its tokens and page sessions are refused. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
