import type { AgreementLanguage } from './document/document-model';

export const AGREEMENT_KINDS = ['TRIPARTITE', 'FUNDING', 'INTERNSHIP', 'EMPLOYMENT_RECOMMENDATION'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** templates/agreements/<file> for each kind. */
export const TEMPLATE_FILES: Record<AgreementKind, string> = {
  TRIPARTITE: 'tripartite.hbs',
  FUNDING: 'funding.hbs',
  INTERNSHIP: 'internship.hbs',
  EMPLOYMENT_RECOMMENDATION: 'employment-recommendation.hbs',
};

/** The title in a PDF's metadata and a bundle's file name. */
export const KIND_TITLES: Record<AgreementKind, string> = {
  TRIPARTITE: '定向培养三方协议',
  FUNDING: '资助协议',
  INTERNSHIP: '实习协议',
  EMPLOYMENT_RECOMMENDATION: '就业推荐函',
};

/** What to print: the kind, in Chinese only or with English lines. */
export interface AgreementRequest {
  kind: AgreementKind;
  language: AgreementLanguage;
}
