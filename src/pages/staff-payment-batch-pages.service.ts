import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BankAccountsRepository } from '../bank-accounts/bank-accounts.repository';
import { Clock } from '../common/clock';
import { DISBURSEMENT_KINDS } from '../disbursements/rules/schedule';
import { BankFileService } from '../payment-batches/bank-file.service';
import { CreatePaymentBatchDto } from '../payment-batches/dto/create-payment-batch.dto';
import { PaymentBatchQueryDto } from '../payment-batches/dto/payment-batch-query.dto';
import { ReturnFileResultDto } from '../payment-batches/dto/payment-batch-response.dto';
import { NO_ACCOUNT_REASON, PaymentBatchesService } from '../payment-batches/payment-batches.service';
import { BATCH_STATUSES, LINE_RESULTS, LineResult } from '../payment-batches/rules/batch-status';
import { UNSTATED_REASON } from '../payment-batches/rules/return-file';
import { CohortsService } from '../programs/cohorts.service';
import { pager } from './enterprise-pages.service';
import { Lang, translate } from './i18n';
import { PaymentBatchPagesRepository } from './payment-batch-pages.repository';
import { PagesRepository } from './pages.repository';
import { ReturnFileProblem, returnFileProblem } from './return-file-messages';

/** Lines of a batch shown a page at a time: a province's batch holds tens of thousands, a page stays under 100 KB. */
export const BATCH_LINES_PER_PAGE = 100;
/** Students without an account named on a preview; the rest are counted. */
export const SKIPPED_STUDENTS_SHOWN = 100;

/** A form of these pages as shown: what is typed, the message beside each field, and one for the whole form. */
export interface BatchForm {
  values: Record<string, string>;
  fields: Record<string, string>;
  message: string | null;
}

/** What the batch page shows beside its forms after one was posted. */
export interface BatchPageState {
  download?: BatchForm;
  upload?: BatchForm;
  returned?: ReturnFileResultDto;
  rejected?: { problems: ReturnFileProblem[]; omitted: number };
}

const emptyForm = (values: Record<string, string>): BatchForm => ({ values, fields: {}, message: null });

/** The staff's payment batches: what the API's services answer, with names for ids and words for codes. */
@Injectable()
export class StaffPaymentBatchPagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: PaymentBatchesService,
    private readonly bankFiles: BankFileService,
    private readonly cohorts: CohortsService,
    private readonly accounts: BankAccountsRepository,
    private readonly names: PaymentBatchPagesRepository,
    private readonly students: PagesRepository,
    private readonly clock: Clock,
  ) {}

  /** The batches newest first with the form that makes one (today's business date offered). */
  async list(query: PaymentBatchQueryDto, create: BatchForm = emptyForm({ cohortId: '', dueOnOrBefore: this.clock.today(), kind: '' })) {
    const manager = this.dataSource.manager;
    const page = await this.batches.list(query);
    const cohortNames = await this.names.cohortNames(
      manager,
      page.items.flatMap((b) => (b.cohortId === null ? [] : [b.cohortId])),
    );
    const choices = await this.names.cohortChoices(manager);
    const filters = { cohortId: query.cohortId === undefined ? '' : String(query.cohortId), status: query.status ?? '' };
    const search = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
    return {
      batches: page.items.map((b) => ({
        id: b.id,
        status: b.status,
        cohortName: b.cohortId === null ? null : (cohortNames.get(b.cohortId) ?? ''),
        kind: b.kind,
        dueOnOrBefore: b.dueOnOrBefore,
        lineCount: b.lineCount,
        totalFen: b.totalFen,
        createdAt: this.clock.minuteOf(new Date(b.createdAt)),
        exportedAt: b.exportedAt && this.clock.minuteOf(new Date(b.exportedAt)),
        reconciledAt: b.reconciledAt && this.clock.minuteOf(new Date(b.reconciledAt)),
      })),
      total: page.total,
      pager: pager(page.page, page.pageSize, page.total),
      pagerBase: `/staff/payment-batches?${search.toString()}${search.size ? '&' : ''}`,
      filterCohorts: choices.map((c) => ({ ...c, selected: filters.cohortId === String(c.id) })),
      statuses: BATCH_STATUSES.map((status) => ({ status, selected: filters.status === status })),
      create,
      cohorts: choices.map((c) => ({ ...c, selected: create.values.cohortId === String(c.id) })),
      kinds: DISBURSEMENT_KINDS.map((kind) => ({ kind, selected: create.values.kind === kind })),
    };
  }

  /**
   * What a batch would take now, written nowhere: the count and total of every line, the first lines with the
   * student's name and masked account, and the students left out with the reason (by name, so staff can fix them).
   */
  async preview(lang: Lang, dto: CreatePaymentBatchDto) {
    const manager = this.dataSource.manager;
    const cohortName = dto.cohortId === undefined ? null : (await this.cohorts.get(dto.cohortId)).name;
    const preview = await this.batches.preview(dto);
    const skippedByStudent = new Map<number, { lines: number; reason: string }>();
    for (const s of preview.skipped) {
      const seen = skippedByStudent.get(s.studentId);
      if (seen) seen.lines += 1;
      else skippedByStudent.set(s.studentId, { lines: 1, reason: s.reason });
    }
    const skippedShown = [...skippedByStudent].slice(0, SKIPPED_STUDENTS_SHOWN);
    const lineStudents = [...new Set(preview.lines.map((l) => l.studentId))];
    const studentNames = await this.students.studentNames(manager, [...lineStudents, ...skippedShown.map(([id]) => id)]);
    const accounts = await this.accounts.ofStudents(manager, lineStudents);
    return {
      filter: {
        cohortId: dto.cohortId === undefined ? '' : String(dto.cohortId),
        cohortLabel: cohortName ?? translate(lang, 'batch.anyCohort'),
        dueOnOrBefore: dto.dueOnOrBefore,
        kind: dto.kind ?? '',
        kindLabel: translate(lang, dto.kind ? `kind.${dto.kind}` : 'batch.anyKind'),
      },
      lineCount: preview.lineCount,
      totalFen: preview.totalFen,
      more: preview.lineCount - preview.lines.length,
      lines: preview.lines.map((line) => ({
        studentId: line.studentId,
        fullName: studentNames.get(line.studentId) ?? '',
        kind: line.kind,
        dueDate: line.dueDate,
        amountFen: line.amountFen,
        bankName: accounts.get(line.studentId)?.bankName ?? '',
        accountNumberMasked: accounts.get(line.studentId)?.accountNumberMasked ?? '',
      })),
      skippedLines: preview.skipped.length,
      skipped: skippedShown.map(([studentId, s]) => ({
        studentId,
        fullName: studentNames.get(studentId) ?? '',
        lines: s.lines,
        noAccount: s.reason === NO_ACCOUNT_REASON,
        reason: translate(lang, s.reason === NO_ACCOUNT_REASON ? 'batch.skippedNoAccount' : 'batch.skippedOther'),
      })),
      skippedMore: skippedByStudent.size - skippedShown.length,
    };
  }

  /** One batch: its facts with names, its results counted, a page of its lines, and the forms' state. */
  async batch(lang: Lang, id: number, view: { page: number; result: LineResult | null }, state: BatchPageState = {}) {
    const manager = this.dataSource.manager;
    const window = { result: view.result, skip: (view.page - 1) * BATCH_LINES_PER_PAGE, take: BATCH_LINES_PER_PAGE };
    const { batch: detail, counts, lines } = await this.batches.getWindow(id, window);
    const cohortName =
      detail.cohortId === null ? null : ((await this.names.cohortNames(manager, [detail.cohortId])).get(detail.cohortId) ?? '');
    const users = await this.names.usernames(manager, [detail.createdBy, detail.exportedBy]);
    const at = (iso: string | null, who: number | null) =>
      iso && translate(lang, 'batch.at', { at: this.clock.minuteOf(new Date(iso)), who: (who !== null && users.get(who)) || '—' });
    const layouts = this.bankFiles.layoutNames();
    const download = state.download ?? emptyForm({ format: 'xlsx', layout: layouts[0] ?? 'generic' });
    return {
      batch: {
        id: detail.id,
        status: detail.status,
        cohortName,
        kind: detail.kind,
        dueOnOrBefore: detail.dueOnOrBefore,
        lineCount: detail.lineCount,
        totalFen: detail.totalFen,
        created: at(detail.createdAt, detail.createdBy),
        exported: at(detail.exportedAt, detail.exportedBy),
        reconciledAt: detail.reconciledAt && this.clock.minuteOf(new Date(detail.reconciledAt)),
      },
      counts: { paid: counts.PAID, failed: counts.FAILED, pending: counts.PENDING },
      results: LINE_RESULTS.map((result) => ({ result, selected: view.result === result })),
      lines: lines.map((line) => ({
        ...line,
        result: line.result ?? 'PENDING',
        failureReason: line.failureReason === UNSTATED_REASON ? translate(lang, 'student.bankGaveNoReason') : line.failureReason,
      })),
      pager: pager(view.page, BATCH_LINES_PER_PAGE, view.result === null ? detail.lineCount : counts[view.result]),
      pagerBase: `/staff/payment-batches/${id}?${view.result ? `result=${view.result}&` : ''}`,
      formats: ['xlsx', 'csv'].map((format) => ({ format, selected: download.values.format === format })),
      // A select only when the bank needs another layout than the generic one.
      layouts: layouts.length > 1 ? layouts.map((name) => ({ name, selected: download.values.layout === name })) : null,
      download,
      upload: state.upload ?? emptyForm({}),
      canUpload: detail.status !== 'OPEN',
      returned: state.returned ? { ...state.returned, statusText: translate(lang, `batchStatus.${state.returned.status}`) } : null,
      rejected: state.rejected
        ? {
            count: state.rejected.problems.length + state.rejected.omitted,
            omitted: state.rejected.omitted,
            problems: state.rejected.problems.map((p) => returnFileProblem(lang, p)),
          }
        : null,
    };
  }
}
