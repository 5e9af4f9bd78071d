import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { DomainError, notFound } from '../common/errors/domain-error';
import { DownloadFile } from '../common/http/attachment';
import { bindMarkers } from '../common/sql';
import { TransactionRunner } from '../common/transaction-runner';
import { CohortEntity } from '../programs/cohort.entity';
import { AgreementKind, KIND_TITLES } from './agreement-kind';
import { agreementContents, downloaded } from './agreement-contents';
import { bundlePdfs } from './document/pdf-bundle';

/** Stored PDFs read from the database at a time while a bundle is written. */
const AGREEMENTS_PER_READ = 20;

interface LatestAgreement {
  id: number;
  studentId: number;
  kind: AgreementKind;
  version: number;
}

/** A cohort's agreements of one kind as one PDF to print: the latest version for each student, in list order. */
@Injectable()
export class AgreementBundleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** Every copy in it names its student in full: each is audited as downloaded before the first byte is sent. */
  async bundle(actor: AuthUser, cohortId: number, kind: AgreementKind): Promise<DownloadFile> {
    const cohort = await this.dataSource.manager.findOneBy(CohortEntity, { id: cohortId });
    if (!cohort) throw notFound('Cohort', cohortId);
    const agreements = await this.latest(cohortId, kind);
    if (!agreements.length) throw new DomainError('NOT_FOUND', `Cohort ${cohortId} has no ${kind} agreement yet`);
    await this.transactions.run((manager) =>
      this.audit.recordMany(
        manager,
        agreements.map((agreement) => downloaded(actor, agreement, cohortId)),
      ),
    );
    const title = `${cohort.name} · ${KIND_TITLES[kind]}`;
    return {
      stream: Readable.from(bundlePdfs(this.contents(agreements.map((a) => a.id)), title)),
      contentType: 'application/pdf',
      fileName: `${title}.pdf`,
    };
  }

  /** The newest version of the kind for each student of the cohort that has one, in the order the cohort lists its students. */
  private async latest(cohortId: number, kind: AgreementKind): Promise<LatestAgreement[]> {
    const manager = this.dataSource.manager;
    const [cohort, kindMarker] = [bindMarkers(manager, 1), bindMarkers(manager, 1, 1)];
    const rows: LatestAgreement[] = await manager.query(
      `SELECT a."id", a."studentId", a."kind", a."version" FROM "agreement" a JOIN "student" s ON s."id" = a."studentId"
       WHERE s."cohortId" = ${cohort} AND a."kind" = ${kindMarker}
         AND a."version" = (SELECT MAX(b."version") FROM "agreement" b WHERE b."studentId" = a."studentId" AND b."kind" = a."kind")
       ORDER BY s."id"`,
      [cohortId, kind],
    );
    return rows.map((row) => ({ ...row, id: Number(row.id), studentId: Number(row.studentId), version: Number(row.version) }));
  }

  private async *contents(ids: number[]): AsyncGenerator<Buffer> {
    for (let start = 0; start < ids.length; start += AGREEMENTS_PER_READ) {
      yield* await agreementContents(this.dataSource.manager, ids.slice(start, start + AGREEMENTS_PER_READ));
    }
  }
}
