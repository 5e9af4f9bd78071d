import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgreementEntity } from '../agreements/agreement.entity';
import { Clock } from '../common/clock';
import { JobEntity } from '../jobs/job.entity';
import { CohortsService } from '../programs/cohorts.service';
import { pager } from './enterprise-pages.service';
import { PagesRepository } from './pages.repository';

const LIST_PAGE_SIZE = 50;

/** A cohort's agreements for staff: the list with its bundles to print, and the progress of a cohort's agreement job. */
@Injectable()
export class StaffAgreementPagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly pagesRepository: PagesRepository,
    private readonly clock: Clock,
  ) {}

  /** The cohort's agreements, every version, newest first, a page at a time and optionally of one kind. */
  async agreements(cohortId: number, page: number, kind: string | null) {
    const cohort = await this.cohorts.get(cohortId);
    const where = kind ? { cohortId, kind: kind as AgreementEntity['kind'] } : { cohortId };
    const [items, total] = await this.dataSource.manager.findAndCount(AgreementEntity, {
      where,
      order: { id: 'DESC' },
      skip: (page - 1) * LIST_PAGE_SIZE,
      take: LIST_PAGE_SIZE,
    });
    const names = await this.pagesRepository.studentNames(
      this.dataSource.manager,
      items.map((a) => a.studentId),
    );
    const bundles: { kind: string; students: number | string }[] = await this.dataSource.manager
      .createQueryBuilder(AgreementEntity, 'a')
      .select('a.kind', 'kind')
      .addSelect('COUNT(DISTINCT a.studentId)', 'students')
      .where('a.cohortId = :cohortId', { cohortId })
      .groupBy('a.kind')
      .orderBy('a.kind')
      .getRawMany();
    return {
      cohort: { id: cohort.id, name: cohort.name },
      /** The kinds a bundle can be printed of, with how many students it holds. */
      bundles: bundles.map((b) => ({ kind: b.kind, students: Number(b.students) })),
      kind: kind ?? '',
      total,
      agreements: items.map((a) => ({
        id: a.id,
        kind: a.kind,
        studentId: a.studentId,
        fullName: names.get(a.studentId) ?? `#${a.studentId}`,
        version: a.version,
        date: this.clock.dateOf(new Date(a.createdAt)),
      })),
      pager: pager(page, LIST_PAGE_SIZE, total),
      pagerBase: `/staff/cohorts/${cohortId}/agreements?${kind ? `kind=${kind}&` : ''}`,
    };
  }

  /** The cohort a cohort job (agreements of one kind) works on, for the job page's links; null for another job. */
  async jobCohort(jobId: number): Promise<{ cohortId: number; kind: string | null } | null> {
    const job = await this.dataSource.manager.findOneBy(JobEntity, { id: jobId });
    const cohortId = Number(job?.parameters?.cohortId);
    if (!job || !Number.isInteger(cohortId) || cohortId < 1) return null;
    const kind = job.kind.startsWith('AGREEMENTS:') ? job.kind.slice('AGREEMENTS:'.length) : null;
    return { cohortId, kind };
  }

  /** A job's failures by student name; the reasons are the API's English and stay off the page. */
  async failedWithNames(failed: { studentId: number }[]): Promise<{ studentId: number; fullName: string }[]> {
    const names = await this.pagesRepository.studentNames(
      this.dataSource.manager,
      failed.map((f) => f.studentId),
    );
    return failed.map((f) => ({ studentId: f.studentId, fullName: names.get(f.studentId) ?? `#${f.studentId}` }));
  }
}
