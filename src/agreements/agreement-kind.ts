export const AGREEMENT_KINDS = ['TRIPARTITE', 'FUNDING', 'INTERNSHIP', 'EMPLOYMENT_RECOMMENDATION'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** templates/agreements/<file> for each kind. */
export const TEMPLATE_FILES: Record<AgreementKind, string> = {
  TRIPARTITE: 'tripartite.hbs',
  FUNDING: 'funding.hbs',
  INTERNSHIP: 'internship.hbs',
  EMPLOYMENT_RECOMMENDATION: 'employment-recommendation.hbs',
};

export const KIND_TITLES: Record<AgreementKind, string> = {
  TRIPARTITE: '定向培养三方协议 Tripartite Agreement',
  FUNDING: '资助协议 Funding Agreement',
  INTERNSHIP: '实习协议 Internship Agreement',
  EMPLOYMENT_RECOMMENDATION: '就业推荐函 Employment Recommendation',
};
