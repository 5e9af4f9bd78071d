import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CohortEntity } from '../programs/cohort.entity';
import { StudentStatus } from '../students/rules/student-status';
import { StudentEntity } from '../students/student.entity';

export interface FoundStudent {
  id: number;
  fullName: string;
  nationalId: string;
  status: StudentStatus;
  cohortName: string;
}

const FULL_ID = /^\d{17}[\dX]$/;
const ID_TAIL = /^[\dX]{4,17}$/;
const PHONE = /^\+?\d[\d -]{5,30}$/;
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Students of every cohort by one typed text: a full national ID exactly, the tail of one (4 or more digits or X),
 * a phone number (7 or more digits, spaces and hyphens ignored), or part of the name. Newest cohorts first.
 */
@Injectable()
export class StaffSearchRepository {
  async search(manager: EntityManager, text: string, window: { skip: number; take: number }): Promise<[FoundStudent[], number]> {
    const q = text.trim();
    const upper = q.toUpperCase();
    const qb = manager.createQueryBuilder(StudentEntity, 's').innerJoin(CohortEntity, 'c', 'c.id = s.cohortId');
    if (FULL_ID.test(upper)) qb.where('s.nationalId = :id', { id: upper });
    else {
      const terms = ["LOWER(s.fullName) LIKE LOWER(:name) ESCAPE '\\'"];
      const params: Record<string, string> = { name: `%${escapeLike(q)}%` };
      if (ID_TAIL.test(upper)) {
        terms.push('s.nationalId LIKE :tail');
        params.tail = `%${upper}`;
      }
      const digits = q.replace(/[ -]/g, '');
      if (PHONE.test(q) && digits.length >= 7) {
        terms.push("REPLACE(REPLACE(s.phone, '-', ''), ' ', '') LIKE :phone");
        params.phone = `%${digits}%`;
      }
      qb.where(`(${terms.join(' OR ')})`, params);
    }
    const total = await qb.getCount();
    const rows = await qb
      .select([
        's.id AS "id"',
        's.fullName AS "fullName"',
        's.nationalId AS "nationalId"',
        's.status AS "status"',
        'c.name AS "cohortName"',
      ])
      .orderBy('c.intakeYear', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .offset(window.skip)
      .limit(window.take)
      .getRawMany<FoundStudent>();
    return [rows.map((r) => ({ ...r, id: Number(r.id) })), total];
  }
}
