import { CreateAuditEntries1764400000000 } from './1764400000000-create-audit-entries';
import { CreateReferenceData1764400001000 } from './1764400001000-create-reference-data';
import { CreateStudents1764400002000 } from './1764400002000-create-students';
import { CreateUserAccounts1764400003000 } from './1764400003000-create-user-accounts';
import { CreateDisbursements1764400005000 } from './1764400005000-create-disbursements';
import { CreatePlacements1764400006000 } from './1764400006000-create-placements';
import { CreateAgreementsAndJobs1764400007000 } from './1764400007000-create-agreements-and-jobs';
import { AddListIndexes1764400008000 } from './1764400008000-add-list-indexes';

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
];
