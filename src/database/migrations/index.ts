import { CreateAuditEntries1764400000000 } from './1764400000000-create-audit-entries';
import { CreateReferenceData1764400001000 } from './1764400001000-create-reference-data';
import { CreateStudents1764400002000 } from './1764400002000-create-students';
import { CreateUserAccounts1764400003000 } from './1764400003000-create-user-accounts';
import { CreateDisbursements1764400005000 } from './1764400005000-create-disbursements';
import { CreatePlacements1764400006000 } from './1764400006000-create-placements';
import { CreateAgreementsAndJobs1764400007000 } from './1764400007000-create-agreements-and-jobs';
import { AddListIndexes1764400008000 } from './1764400008000-add-list-indexes';
import { AddAccountState1764400009000 } from './1764400009000-add-account-state';
import { CreateRateLimitCounters1764400009100 } from './1764400009100-create-rate-limit-counters';
import { MakeJobsResumable1764400010000 } from './1764400010000-make-jobs-resumable';
import { CreateHeartbeat1764400010100 } from './1764400010100-create-heartbeat';
import { AddStudentApplicationDate1764400011000 } from './1764400011000-add-student-application-date';
import { AddAgreementLanguage1764400012000 } from './1764400012000-add-agreement-language';
import { CreatePaymentBatches1764400013000 } from './1764400013000-create-payment-batches';

/** In order. One set serves SQLite and PostgreSQL: they are written with the QueryRunner Table API. */
export const MIGRATIONS = [
  CreateAuditEntries1764400000000,
  CreateReferenceData1764400001000,
  CreateStudents1764400002000,
  CreateUserAccounts1764400003000,
  CreateDisbursements1764400005000,
  CreatePlacements1764400006000,
  CreateAgreementsAndJobs1764400007000,
  AddListIndexes1764400008000,
  AddAccountState1764400009000,
  CreateRateLimitCounters1764400009100,
  MakeJobsResumable1764400010000,
  CreateHeartbeat1764400010100,
  AddStudentApplicationDate1764400011000,
  AddAgreementLanguage1764400012000,
  CreatePaymentBatches1764400013000,
];
