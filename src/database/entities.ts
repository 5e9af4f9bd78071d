import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { UserEntity } from '../auth/user.entity';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { QuotaEntity } from '../enterprises/quota.entity';
import { CohortEntity } from '../programs/cohort.entity';
import { MajorEntity } from '../programs/major.entity';
import { ProgramEntity } from '../programs/program.entity';
import { StudentEntity } from '../students/student.entity';

export const ENTITIES = [
  AuditEntryEntity,
  UserEntity,
  ProgramEntity,
  CohortEntity,
  MajorEntity,
  EnterpriseEntity,
  QuotaEntity,
  StudentEntity,
];
