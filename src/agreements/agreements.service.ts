import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { InsertRow } from '../common/bulk-insert';
import { Clock } from '../common/clock';
import { notFound } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page, PageQueryDto, pageWindow, toPage } from '../common/pagination/page';
import { bindMarkers } from '../common/sql';
import { TransactionRunner } from '../common/transaction-runner';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CohortEntity } from '../programs/cohort.entity';
import { StudentEntity } from '../students/student.entity';
import { AgreementRequest, KIND_TITLES } from './agreement-kind';
import { agreementContents, downloaded } from './agreement-contents';
import { AgreementSources } from './agreement-sources';
import { AgreementEntity } from './agreement.entity';
import { AgreementTemplates } from './document/agreement-templates';
import { agreementFonts } from './document/fonts';
import { renderPdf } from './document/pdf-renderer';
import { AgreementResponseDto, toAgreementResponse, VerificationResponseDto } from './dto/agreement.dto';
import { canReadAgreement } from './rules/agreement-access';
import { buildAgreementContext } from './rules/agreement-context';
import { maskName } from './rules/chinese-text';
import { formatCode, normaliseCode, verificationCodeFrom } from './rules/verification-code';

const SHA256 = /^[0-9a-f]{64}$/i;

/** Agreements: rendered from the templates, stored with their bytes, kept in every version, verifiable. */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly sources: AgreementSources,
    private readonly templates: AgreementTemplates,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * A new version each time; 409 when the student's record does not allow the kind yet. Made for a job,
   * at most one version per student and job: a job run again after a restart gets the one it made.
   */
  async create(actor: AuthUser, studentId: number, request: AgreementRequest, jobId: number | null = null): Promise<AgreementResponseDto> {
    const manager = this.dataSource.manager;
    const made = await this.madeByJob(manager, jobId, studentId);
    if (made) return made;
    const student = await this.sources.student(manager, studentId);
    const source = await this.sources.load(manager, student, request.kind);
    // Two requests may pick the same next version (or two runs of one job the same student): a unique
    // index stops the second, which tries again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.issue(actor, student, request, source, jobId);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === 3) throw error;
      }
    }
  }

  async list(actor: AuthUser, studentId: number, query: PageQueryDto): Promise<Page<AgreementResponseDto>> {
    const manager = this.dataSource.manager;
    if (actor.role === 'student' && actor.studentId !== studentId) throw notFound('Student', studentId);
    if (!(await manager.existsBy(StudentEntity, { id: studentId }))) throw notFound('Student', studentId);
    const where = actor.role === 'enterprise' ? { studentId, enterpriseId: actor.enterpriseId ?? -1 } : { studentId };
    // An enterprise that is party to none of the student's agreements learns nothing about the student.
    if (actor.role === 'enterprise' && !(await manager.existsBy(AgreementEntity, where))) throw notFound('Student', studentId);
    const [rows, total] = await manager.findAndCount(AgreementEntity, { where, order: { id: 'ASC' }, ...pageWindow(query) });
    return toPage(rows, total, query, toAgreementResponse);
  }

  /** The exact stored bytes, whose SHA-256 the agreement's answer gives. The copy names the student in full: each download is audited. */
  async pdf(actor: AuthUser, id: number): Promise<{ agreement: AgreementEntity; bytes: Buffer }> {
    const agreement = await this.dataSource.manager.findOneBy(AgreementEntity, { id });
    if (!agreement || !canReadAgreement(actor, agreement)) throw notFound('Agreement', id);
    const [bytes] = await agreementContents(this.dataSource.manager, [id]);
    await this.transactions.run((manager) => this.audit.record(manager, downloaded(actor, agreement, null)));
    return { agreement, bytes };
  }

  /** By the SHA-256 of a file, or by the code printed on a paper copy. */
  async verify(codeOrSha256: string): Promise<VerificationResponseDto> {
    const manager = this.dataSource.manager;
    const code = normaliseCode(codeOrSha256);
    const agreement = SHA256.test(codeOrSha256)
      ? await manager.findOneBy(AgreementEntity, { sha256: codeOrSha256.toLowerCase() })
      : code
        ? await manager.findOneBy(AgreementEntity, { verificationCode: code })
        : null;
    if (!agreement) throw notFound('Agreement', codeOrSha256);
    const student = await manager.findOneByOrFail(StudentEntity, { id: agreement.studentId });
    const cohort = await manager.findOneByOrFail(CohortEntity, { id: agreement.cohortId });
    const latest = await manager.maximum(AgreementEntity, 'version', { studentId: agreement.studentId, kind: agreement.kind });
    return {
      valid: true,
      kind: agreement.kind,
      version: agreement.version,
      latestVersion: Number(latest),
      createdAt: agreement.createdAt,
      studentNameMasked: maskName(student.fullName),
      cohort: cohort.name,
      sha256: agreement.sha256,
    };
  }

  private async issue(
    actor: AuthUser,
    student: StudentEntity,
    { kind, language }: AgreementRequest,
    source: Awaited<ReturnType<AgreementSources['load']>>,
    jobId: number | null,
  ): Promise<AgreementResponseDto> {
    const version = Number((await this.dataSource.manager.maximum(AgreementEntity, 'version', { studentId: student.id, kind })) ?? 0) + 1;
    const issuedAt = this.clock.now();
    const verificationCode = verificationCodeFrom(randomBytes(32));
    const document = this.templates.render(
      kind,
      buildAgreementContext({
        ...source.input,
        version,
        issuedOn: this.clock.dateOf(issuedAt),
        verificationCode: formatCode(verificationCode),
      }),
      language,
    );
    const bytes = await renderPdf(document, await agreementFonts(), {
      title: `${KIND_TITLES[kind]} · ${student.fullName}`,
      createdAt: issuedAt,
      bilingual: language === 'bilingual',
      verificationCode: formatCode(verificationCode),
      verificationUrl: `${this.config.publicBaseUrl}/api/agreements/verify/${verificationCode}`,
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.transactions.run(async (manager) => {
      const made = await this.madeByJob(manager, jobId, student.id);
      if (made) return made;
      // The PDF bytes are not an entity column (lists never load them), so this row is written with its own INSERT.
      const row: InsertRow<AgreementEntity> & { content: Buffer } = {
        studentId: student.id,
        cohortId: source.cohortId,
        enterpriseId: source.enterpriseId,
        kind,
        version,
        language,
        sha256,
        verificationCode,
        sizeBytes: bytes.length,
        content: bytes,
        createdBy: actor.id,
        createdAt: issuedAt.toISOString(),
        jobId,
      };
      const columns = Object.keys(row);
      const [{ id }]: { id: number }[] = await manager.query(
        `INSERT INTO "agreement" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${bindMarkers(manager, columns.length)}) RETURNING "id"`,
        Object.values(row),
      );
      const agreement = await manager.findOneByOrFail(AgreementEntity, { id: Number(id) });
      const response = toAgreementResponse(agreement);
      await this.audit.record(manager, {
        actor,
        action: 'agreement.created',
        entityType: 'agreement',
        entityId: agreement.id,
        after: { ...response },
      });
      return response;
    });
  }

  private async madeByJob(manager: EntityManager, jobId: number | null, studentId: number): Promise<AgreementResponseDto | null> {
    if (jobId === null) return null;
    const agreement = await manager.findOneBy(AgreementEntity, { jobId, studentId });
    return agreement && toAgreementResponse(agreement);
  }
}
