import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { bulkInsert, InsertRow } from '../common/bulk-insert';
import { StudentBankAccountEntity } from './student-bank-account.entity';

@Injectable()
export class BankAccountsRepository {
  async ofStudents(manager: EntityManager, studentIds: readonly number[]): Promise<Map<number, StudentBankAccountEntity>> {
    const found = new Map<number, StudentBankAccountEntity>();
    for (let start = 0; start < studentIds.length; start += 1000) {
      const rows = await manager.findBy(StudentBankAccountEntity, { studentId: In(studentIds.slice(start, start + 1000)) });
      for (const row of rows) found.set(row.studentId, row);
    }
    return found;
  }

  async ofStudent(manager: EntityManager, studentId: number): Promise<StudentBankAccountEntity | null> {
    return manager.findOneBy(StudentBankAccountEntity, { studentId });
  }

  /** New students' accounts, written with them by an intake. */
  async insertMany(manager: EntityManager, rows: InsertRow<StudentBankAccountEntity>[]): Promise<void> {
    await bulkInsert(manager, StudentBankAccountEntity, rows);
  }

  /** The student's one account, replaced by the new one. */
  async replace(manager: EntityManager, row: InsertRow<StudentBankAccountEntity>): Promise<void> {
    const { affected } = await manager.update(StudentBankAccountEntity, { studentId: row.studentId }, row);
    if (!affected) await manager.insert(StudentBankAccountEntity, row);
  }
}
