import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The account a student's stipends are transferred to. The number is kept only encrypted (AccountNumberCipher). */
@Entity('student_bank_account')
@Index(['studentId'], { unique: true })
export class StudentBankAccountEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  studentId!: number;

  /** 开户行, as the bank's branch is named. */
  @Column({ type: 'varchar', length: 100 })
  bankName!: string;

  /** 户名: the student's or the guardian's name. */
  @Column({ type: 'varchar', length: 64 })
  accountName!: string;

  /** AES-256-GCM of the digits; see AccountNumberCipher. */
  @Column({ type: 'varchar', length: 200 })
  accountNumberCipher!: string;

  /** `6228 **** **** 0001`: what everyone but the bank file sees. */
  @Column({ type: 'varchar', length: 24 })
  accountNumberMasked!: string;

  @Column({ type: 'varchar', length: 24 })
  updatedAt!: string;

  @Column({ type: 'integer', nullable: true })
  updatedBy!: number | null;
}
