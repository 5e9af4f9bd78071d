import { Lang, translate } from '../i18n';
import { formatYuan } from './money';

/** An audit entry about the student or one of their lines, placements, agreements or sign-ins. */
export interface HistoryEntry {
  action: string;
  entityType: string;
  entityId: number;
  before: Record<string, any> | null;
  after: Record<string, any> | null;
}

/** What the entries name, so they can be told in words and names instead of ids and codes. */
export interface HistoryContext {
  majorName: (code: string | null | undefined) => string;
  line: (id: number) => { kind: string; studyYear: number; dueDate: string; amountFen: number } | undefined;
  placement: (id: number) => { type: string; enterpriseName: string } | undefined;
}

const PLACEMENT_ACTIONS: Record<string, string> = {
  'placement.proposed': 'PROPOSED',
  'placement.confirmed': 'CONFIRMED',
  'placement.declined': 'DECLINED',
};

/** One entry as a sentence in the page's language, e.g. "状态：已录取 → 在读（生效 2019-09-01）". */
export function describeChange(lang: Lang, entry: HistoryEntry, context: HistoryContext): string {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const withReason = (text: string, reason: unknown) =>
    typeof reason === 'string' && reason
      ? text + t('staffStudent.h.reason', { reason: describeStatusReason(lang, reason, context) })
      : text;
  switch (entry.action) {
    case 'student.status-changed':
      return withReason(
        t('staffStudent.h.statusChanged', {
          from: t(`studentStatus.${before.status}`),
          to: t(`studentStatus.${after.status}`),
          date: String(after.effectiveDate ?? ''),
        }),
        after.reason,
      );
    case 'student.major-changed':
    case 'student.major-assigned': {
      const text = t('staffStudent.h.majorChanged', { from: context.majorName(before.majorCode), to: context.majorName(after.majorCode) });
      return withReason(after.forced ? text + t('staffStudent.h.forced') : text, after.reason);
    }
    case 'student.created':
      return t('staffStudent.h.created', { status: t(`studentStatus.${after.status ?? 'APPLIED'}`) });
    case 'disbursement.schedule-created':
      return t('staffStudent.h.scheduleCreated', { lines: Number(after.lines ?? 0), total: formatYuan(Number(after.totalFen ?? 0)) });
    case 'agreement.created':
      return t('staffStudent.h.agreement', { kind: t(`kind.${after.kind}`), version: Number(after.version ?? 1) });
    case 'user.created':
      return t('staffStudent.h.account', { username: String(after.username ?? '') });
    case 'student.bank-account-changed':
      return entry.before
        ? t('staffStudent.h.bankAccountChanged', { from: describeAccount(before), to: describeAccount(after) })
        : t('staffStudent.h.bankAccountSet', { account: describeAccount(after) });
  }
  if (entry.entityType === 'disbursement' && after.status) {
    const line = context.line(entry.entityId);
    const text = line
      ? t('staffStudent.h.line', {
          kind: t(`kind.${line.kind}`),
          year: line.studyYear,
          date: line.dueDate,
          amount: formatYuan(line.amountFen),
          from: t(`status.${before.status}`),
          to: t(`status.${after.status}`),
        })
      : `${t(`status.${before.status}`)} → ${t(`status.${after.status}`)}`;
    const paid = typeof after.reference === 'string' ? `${text} · ${t('staffStudent.paidRef', { reference: after.reference })}` : text;
    return withReason(paid, after.statusReason);
  }
  const placementStatus = PLACEMENT_ACTIONS[entry.action];
  const placement = placementStatus ? context.placement(entry.entityId) : undefined;
  if (placementStatus && placement)
    return withReason(
      t('staffStudent.h.placement', {
        type: t(`placement.${placement.type}`),
        enterprise: placement.enterpriseName,
        status: t(`staffStudent.placementStatus.${placementStatus}`),
      }),
      after.reason,
    );
  return t('staffStudent.h.other', { action: entry.action });
}

/** The move a confirmed placement makes carries a reason the service writes in English with ids. */
const PLACEMENT_REASON = /^(INTERNSHIP|EMPLOYMENT) placement (\d+) at enterprise \d+ confirmed$/;

/** A status reason as the page shows it: staff's own words as typed, a placement's confirmation by the enterprise's name. */
export function describeStatusReason(lang: Lang, reason: string, context: Pick<HistoryContext, 'placement'>): string {
  const placement = PLACEMENT_REASON.exec(reason);
  const confirmed = placement && context.placement(Number(placement[2]));
  if (!confirmed) return reason;
  return translate(lang, 'staffStudent.placementConfirmed', {
    enterprise: confirmed.enterpriseName,
    type: translate(lang, `placement.${placement[1]}`),
  });
}

/** The programme's eligibility reasons are stored in English; the page words the two it knows. */
export function describeIneligibility(lang: Lang, reason: string): string {
  const county = /^home county (.+) is not one of the programme's counties \((.*)\)$/.exec(reason);
  if (county) return translate(lang, 'staffStudent.ineligible.county', { county: county[1], counties: county[2] });
  if (reason.startsWith('not registered as a poverty-alleviation household')) return translate(lang, 'staffStudent.ineligible.poverty');
  return reason;
}

/** An account as the audit keeps it: bank, holder and the masked number. */
const describeAccount = (account: Record<string, any>): string =>
  [account.bankName, account.accountName, account.accountNumberMasked].map((part) => String(part ?? '')).join(' ');
