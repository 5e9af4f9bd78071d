import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccountNumberCipher } from '../bank-accounts/account-number-cipher';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { invalidField } from '../common/errors/domain-error';
import { DownloadFile } from '../common/http/attachment';
import { TransactionRunner } from '../common/transaction-runner';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { csvBuffer } from '../students/export/csv-writer';
import { writeXlsx } from '../students/export/xlsx-writer';
import { BankFileQueryDto } from './dto/payment-batch-query.dto';
import { PaymentBatchesRepository } from './payment-batches.repository';
import { BankFileLayout, bankFileRow, bankFileTotalRow } from './rules/bank-file';

const UTF8_BOM = 3;

/**
 * The file a college uploads to its bank's bulk-transfer service: the only place a whole account number
 * leaves the service. Each download records the file's SHA-256, who took it and when (on the batch and in
 * the audit), and marks an OPEN batch EXPORTED: from then on the bank may pay it.
 */
@Injectable()
export class BankFileService {
  private readonly layouts: Map<string, BankFileLayout>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly batches: PaymentBatchesRepository,
    private readonly cipher: AccountNumberCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.layouts = new Map(config.bankFileLayouts.map((layout) => [layout.name, layout]));
  }

  layoutNames(): string[] {
    return [...this.layouts.keys()];
  }

  async bankFile(actor: AuthUser, id: number, query: BankFileQueryDto): Promise<DownloadFile> {
    const layout = this.layouts.get(query.layout);
    if (!layout) throw invalidField('layout', `no layout ${query.layout}; the layouts are ${this.layoutNames().join(', ')}`);
    const batch = await this.batches.getBatch(this.dataSource.manager, id);
    const lines = await this.batches.linesOfBatch(this.dataSource.manager, id);
    const rows = lines.map((line) => bankFileRow(layout, { ...line, accountNumber: this.cipher.decrypt(line.accountNumberCipher) }));
    if (layout.totalRow) rows.push(bankFileTotalRow(layout, batch.lineCount, batch.totalFen));
    const headers = layout.columns.map((column) => column.header);
    const bytes = query.format === 'csv' ? csvBytes(layout, [headers, ...rows]) : await xlsxBytes(headers, rows);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.transactions.run(async (manager) => {
      const current = await this.batches.getBatch(manager, id, { lock: true });
      const exportedAt = this.clock.now().toISOString();
      const status = current.status === 'OPEN' ? 'EXPORTED' : current.status;
      await this.batches.updateBatch(manager, id, {
        status,
        exportedAt,
        exportedBy: actor.id,
        bankFileSha256: sha256,
        bankFileLayout: layout.name,
      });
      await this.audit.record(manager, {
        actor,
        action: 'payment-batch.exported',
        entityType: 'payment_batch',
        entityId: id,
        before: { status: current.status },
        after: { status, format: query.format, layout: layout.name, sha256, lineCount: batch.lineCount, totalFen: batch.totalFen },
      });
    });
    return {
      stream: Readable.from([bytes]),
      contentType: query.format === 'csv' ? `text/csv; charset=${layout.csvEncoding}` : XLSX_TYPE,
      fileName: `代发批次-${id}-${layout.name}.${query.format}`,
    };
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** UTF-8 with a BOM as Excel opens it, or GB18030 for banks whose upload reads nothing else. */
function csvBytes(layout: BankFileLayout, records: string[][]): Buffer {
  const utf8 = csvBuffer(records);
  return layout.csvEncoding === 'utf-8' ? utf8 : iconv.encode(utf8.subarray(UTF8_BOM).toString('utf8'), 'gb18030');
}

async function xlsxBytes(headers: string[], rows: string[][]): Promise<Buffer> {
  const columns = headers.map((header) => ({ header, width: Math.max(10, header.length * 2 + 4) }));
  const chunks: Buffer[] = [];
  for await (const chunk of writeXlsx('代发', columns, toAsync(rows))) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* toAsync<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}
