import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError, notFound } from '../common/errors/domain-error';
import { JobProgress, JobRun, JobsService } from '../jobs/jobs.service';
import { CohortEntity } from '../programs/cohort.entity';
import { StudentEntity } from '../students/student.entity';
import { AGREEMENT_KINDS, AgreementKind, AgreementRequest } from './agreement-kind';
import { AgreementLanguage } from './document/document-model';
import { AgreementsService } from './agreements.service';

const STUDENTS_PER_READ = 200;

interface CohortJobParameters {
  cohortId: number;
  /** Absent in jobs queued before agreements had a language: those were bilingual. */
  language?: AgreementLanguage;
}

const jobKind = (kind: AgreementKind) => `AGREEMENTS:${kind}`;

/** A kind of agreement for a whole cohort, in the background, listing the students it does not apply to. */
@Injectable()
export class AgreementBatchService implements OnModuleInit {
  private readonly logger = new Logger('Agreements');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    for (const kind of AGREEMENT_KINDS) {
      this.jobs.register<CohortJobParameters>(jobKind(kind), (job, progress) => this.issueForCohort(job, kind, progress));
    }
  }

  async startForCohort(actor: AuthUser, cohortId: number, { kind, language }: AgreementRequest): Promise<number> {
    if (!(await this.dataSource.manager.existsBy(CohortEntity, { id: cohortId }))) throw notFound('Cohort', cohortId);
    const total = await this.dataSource.manager.countBy(StudentEntity, { cohortId });
    return this.jobs.start<CohortJobParameters>(actor, jobKind(kind), total, { cohortId, language });
  }

  /** Students served by an earlier run of the same job keep the version it made. */
  private async issueForCohort({ id, actor, parameters }: JobRun<CohortJobParameters>, kind: AgreementKind, progress: JobProgress) {
    for (let after = 0; ;) {
      const students = await this.dataSource.manager.find(StudentEntity, {
        select: { id: true },
        where: { cohortId: parameters.cohortId, id: MoreThan(after) },
        order: { id: 'ASC' },
        take: STUDENTS_PER_READ,
      });
      if (!students.length) return;
      for (const student of students) {
        try {
          await this.agreements.create(actor, student.id, { kind, language: parameters.language ?? 'bilingual' }, id);
          await progress.step();
        } catch (error) {
          if (!(error instanceof DomainError)) this.logger.error(`Agreement ${kind} for student ${student.id}: ${String(error)}`);
          await progress.step({ studentId: student.id, reason: error instanceof Error ? error.message : String(error) });
        }
      }
      after = students[students.length - 1].id;
    }
  }
}
