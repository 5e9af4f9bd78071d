import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { agreementFonts } from '../agreements/document/fonts';
import { renderPdf } from '../agreements/document/pdf-renderer';
import { Clock } from '../common/clock';
import { DownloadFile } from '../common/http/attachment';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { writeCsv } from '../students/export/csv-writer';
import {
  ACCOUNT_SHEET_HEADERS,
  AccountSheetInput,
  accountSheetDocument,
  accountSheetReference,
  accountSheetRow,
} from './rules/account-sheet';
import { CohortAccounts } from './student-accounts.service';

/** The printable sheets of newly issued sign-ins: a CSV for a spreadsheet, a PDF for paper. */
@Injectable()
export class StudentAccountSheets {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  csv(issued: CohortAccounts): DownloadFile {
    const input = this.inputOf(issued);
    return {
      stream: writeCsv(ACCOUNT_SHEET_HEADERS, rowsOf(input.accounts.map(accountSheetRow))),
      contentType: 'text/csv; charset=utf-8',
      fileName: `${accountSheetReference(input)}.csv`,
    };
  }

  async pdf(issued: CohortAccounts): Promise<DownloadFile> {
    const input = this.inputOf(issued);
    const reference = accountSheetReference(input);
    const bytes = await renderPdf(accountSheetDocument(input), await agreementFonts(), {
      title: `学生账号与一次性密码 ${input.cohortName}`,
      createdAt: issued.issuedAt,
      bilingual: true,
      reference,
    });
    return { stream: Readable.from([bytes]), contentType: 'application/pdf', fileName: `${reference}.pdf` };
  }

  private inputOf({ cohort, issuedAt, accounts }: CohortAccounts): AccountSheetInput {
    return {
      cohortId: cohort.id,
      cohortName: cohort.name,
      issuedOn: this.clock.dateOf(issuedAt),
      signInUrl: this.config.publicBaseUrl,
      accounts,
    };
  }
}

async function* rowsOf(rows: string[][]): AsyncIterable<string[]> {
  yield* rows;
}
