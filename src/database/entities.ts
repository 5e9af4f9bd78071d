import { AgreementEntity } from '../agreements/agreement.entity';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { JobEntity } from '../jobs/job.entity';
import { UserEntity } from '../auth/user.entity';
import { DisbursementLineEntity } from '../disbursements/disbursement-line.entity';
import { PaymentKeyEntity } from '../disbursements/payment-key.entity';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { QuotaEntity } from '../enterprises/quota.entity';
import { PlacementEntity } from '../placements/placement.entity';
import { CohortEntity } from '../programs/cohort.entity';
import { MajorEntity } from '../programs/major.entity';
import { ProgramEntity } from '../programs/program.entity';
import { StudentEntity } from '../students/student.entity';
import { RateLimitCounterEntity } from '../common/rate-limit/rate-limit-counter.entity';
import { HeartbeatEntity } from '../health/heartbeat.entity';
import { StudentBankAccountEntity } from '../bank-accounts/student-bank-account.entity';
import { PaymentBatchEntity } from '../payment-batches/payment-batch.entity';
import { PaymentBatchLineEntity } from '../payment-batches/payment-batch-line.entity';

export const ENTITIES = [
  AuditEntryEntity,
  UserEntity,
  ProgramEntity,
  CohortEntity,
  MajorEntity,
  EnterpriseEntity,
  QuotaEntity,
  StudentEntity,
  DisbursementLineEntity,
  PaymentKeyEntity,
  PlacementEntity,
  AgreementEntity,
  JobEntity,
  RateLimitCounterEntity,
  HeartbeatEntity,
  StudentBankAccountEntity,
  PaymentBatchEntity,
  PaymentBatchLineEntity,
];
