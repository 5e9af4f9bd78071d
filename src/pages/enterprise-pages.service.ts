import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { notFound } from '../common/errors/domain-error';
import { MAX_PAGE } from '../common/pagination/page';
import { PLACEMENT_STATUSES, PlacementStatus } from '../placements/placement.entity';
import { StudentsService } from '../students/students.service';
import {
  countProposed,
  fareDueDates,
  ownPlacementIds,
  faresPage,
  fareTotals,
  majorKey,
  majorNames,
  PlacementFilter,
  placementMajors,
  placementsPage,
} from './enterprise-pages.queries';
import { payableUntil } from './rules/fare-horizon';

export const PLACEMENTS_PER_PAGE = 20;
export const FARES_PER_PAGE = 100;
export const STUDENTS_PER_PAGE = 50;

/** What a refused form re-renders with: the reason, per-field messages and the values typed. */
export interface FormFailure {
  form: string;
  message: string;
  fields: Record<string, string>;
  values: Record<string, string | string[]>;
  /** Per item of a bulk form, the reason it was refused. */
  items?: Record<string, string>;
}

export interface PlacementsQuery {
  status?: PlacementStatus;
  major?: string;
  page: number;
}

/** The page's own query, lenient: a value that is not one is ignored, as a filter left empty is. */
export function placementsQuery(raw: Record<string, unknown>): PlacementsQuery {
  const status = PLACEMENT_STATUSES.find((s) => s === raw.status);
  const major = typeof raw.major === 'string' && /^[\w.-]{1,16}$/.test(raw.major) ? raw.major : undefined;
  return { status, major, page: pageOf(raw.page) };
}

export function pageOf(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,7}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 && n <= MAX_PAGE ? n : 1;
}

/** The address of the placements list with the same filters, to return to after a form. */
export function placementsHref(query: PlacementsQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.major) params.set('major', query.major);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `/enterprise/placements${search ? `?${search}` : ''}`;
}

/** The enterprise's desk, split in pages: a summary, placements, fares and students, all its own. */
@Injectable()
export class EnterprisePagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentsService,
    private readonly clock: Clock,
  ) {}

  /** What there is to act on, with links to each list. */
  async summary(actor: AuthUser) {
    const enterpriseId = this.enterpriseOf(actor);
    const manager = this.dataSource.manager;
    const until = payableUntil(this.clock.today());
    const due = await fareTotals(manager, enterpriseId, until, false);
    const later = await fareTotals(manager, enterpriseId, until, true);
    const sponsored = await this.students.listSponsoredBy(actor, enterpriseId, { page: 1, pageSize: 1 });
    return {
      proposedCount: await countProposed(manager, enterpriseId),
      faresDueCount: due.count,
      faresDueFen: due.totalFen,
      faresLaterCount: later.count,
      until,
      studentCount: sponsored.total,
    };
  }

  async placements(actor: AuthUser, query: PlacementsQuery, failure: FormFailure | null = null) {
    const enterpriseId = this.enterpriseOf(actor);
    const manager = this.dataSource.manager;
    const filter: PlacementFilter = { status: query.status, majorCode: query.major };
    const { rows, total } = await placementsPage(manager, enterpriseId, filter, {
      skip: (query.page - 1) * PLACEMENTS_PER_PAGE,
      take: PLACEMENTS_PER_PAGE,
    });
    const selected = new Set(failure?.form === 'bulk' ? [failure.values.ids ?? []].flat() : []);
    const itemFailure = (form: string) => (failure?.form === form ? failure : null);
    return {
      filter: { status: query.status ?? '', major: query.major ?? '' },
      statuses: PLACEMENT_STATUSES,
      majors: await placementMajors(manager, enterpriseId),
      returnTo: placementsHref(query),
      items: rows.map((p) => {
        const confirm = itemFailure(`placement-${p.id}`);
        const decline = itemFailure(`decline-${p.id}`);
        return {
          ...p,
          majorName: p.majorName ?? p.majorCode,
          proposed: p.status === 'PROPOSED',
          checked: selected.has(String(p.id)),
          refusedReason: failure?.items?.[String(p.id)] ?? null,
          confirm: confirm ?? { values: { startDate: p.startDate } },
          decline: decline ?? { values: {} },
          open: confirm !== null || decline !== null,
        };
      }),
      bulk: itemFailure('bulk') ?? { values: {} },
      pager: pager(query.page, PLACEMENTS_PER_PAGE, total),
      pagerBase: `${placementsHref({ ...query, page: 1 })}${query.status || query.major ? '&' : '?'}`,
      total,
    };
  }

  /**
   * Fares due within the horizon, each with a box to tick in one payment form, or the later ones read-only.
   * A fresh key for each form shown: submitting the same form twice pays once.
   */
  async fares(actor: AuthUser, later: boolean, page: number, failure: FormFailure | null = null) {
    const enterpriseId = this.enterpriseOf(actor);
    const today = this.clock.today();
    const until = payableUntil(today);
    const manager = this.dataSource.manager;
    const { count: total, totalFen } = await fareTotals(manager, enterpriseId, until, later);
    const rows = await faresPage(manager, enterpriseId, until, later, { skip: (page - 1) * FARES_PER_PAGE, take: FARES_PER_PAGE });
    const selected = new Set([failure?.values.lineIds ?? []].flat());
    const values = failure?.values ?? {};
    return {
      later,
      until,
      items: rows.map((f) => ({ ...f, checked: selected.has(String(f.id)) })),
      total,
      totalFen,
      pay: {
        idempotencyKey: typeof values.idempotencyKey === 'string' ? values.idempotencyKey : randomUUID(),
        reference: values.reference ?? '',
        paidOn: values.paidOn ?? today,
        message: failure?.message ?? null,
        fields: failure?.fields ?? {},
      },
      pager: pager(page, FARES_PER_PAGE, total),
      pagerBase: later ? '/enterprise/fares?show=later&' : '/enterprise/fares?',
    };
  }

  async studentList(actor: AuthUser, page: number) {
    const enterpriseId = this.enterpriseOf(actor);
    const sponsored = await this.students.listSponsoredBy(actor, enterpriseId, { page, pageSize: STUDENTS_PER_PAGE });
    const names = await majorNames(
      this.dataSource.manager,
      sponsored.items.map((s) => s.cohortId),
    );
    return {
      students: sponsored.items.map((s) => ({
        id: s.id,
        fullName: s.fullName,
        nationalIdMasked: s.nationalIdMasked,
        majorName: s.majorCode === null ? null : (names.get(majorKey(s.cohortId, s.majorCode)) ?? s.majorCode),
        status: s.status,
      })),
      total: sponsored.total,
      pager: pager(sponsored.page, sponsored.pageSize, sponsored.total),
    };
  }

  ownPlacementIds(actor: AuthUser, ids: number[]): Promise<Set<number>> {
    return ownPlacementIds(this.dataSource.manager, this.enterpriseOf(actor), ids);
  }

  /** Due dates of the enterprise's own fares among `ids`. */
  fareDueDates(actor: AuthUser, ids: number[]): Promise<Map<number, string>> {
    return fareDueDates(this.dataSource.manager, this.enterpriseOf(actor), ids);
  }

  private enterpriseOf(actor: AuthUser): number {
    if (actor.enterpriseId === null) throw notFound('Enterprise', 'of this account');
    return actor.enterpriseId;
  }
}

export function pager(page: number, pageSize: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return { page, pages, previous: page > 1 ? page - 1 : null, next: page < pages ? page + 1 : null };
}
