export class ImportProblemDto {
  /** Row number as a spreadsheet shows it (the header is row 1); null for a problem with the whole file. */
  row!: number | null;
  /** The column's header as written in the file; null when the problem is not one column's. */
  column!: string | null;
  message!: string;
}

export class IneligibleRowDto {
  row!: number;
  reasons!: string[];
}

/** What an import found. A real import with any error saves nothing and answers 422 with this report. */
export class ImportReportDto {
  dryRun!: boolean;
  /** Students saved: 0 on a dry run or when there were errors. */
  imported!: number;
  /** Every error, up to 10,000 (see errorsOmitted). */
  errors!: ImportProblemDto[];
  /** Errors found beyond the first 10,000; absent when none were left out. */
  errorsOmitted?: number;
  /** Unknown columns, a guessed CSV encoding (row null) and other things worth a look that do not stop the import. */
  warnings!: ImportProblemDto[];
  /** Rows saved (or that would be) as applicants who fail the programme's eligibility rules; staff decide. */
  ineligible!: IneligibleRowDto[];
}
