import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { maskNationalId } from '../../students/rules/national-id';
import { AGREEMENT_KINDS, AgreementKind, TEMPLATE_FILES } from '../agreement-kind';
import { buildAgreementContext } from '../rules/agreement-context';
import { capitalAmount, formatYuan } from '../rules/chinese-money';
import { chineseDate, unbreakable } from '../rules/chinese-text';
import { sampleAgreementInput } from '../rules/sample-agreement';
import { AgreementDocument, AgreementLanguage, chineseOnly } from './document-model';
import { parseDocument } from './parse-document';

/** A template that did not compile or render: the message names the file, for whoever edits it. */
export class TemplateError extends Error {}

/**
 * The agreement templates, read from the configured folder and compiled once at start-up, strictly: a
 * variable the data does not have is an error, never a blank in a contract. Each is rendered once at
 * start-up with a made-up record, so a broken one stops the service naming the file. Restart to pick up edits.
 */
@Injectable()
export class AgreementTemplates implements OnModuleInit {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<AgreementKind, Handlebars.TemplateDelegate>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Amounts, dates and whatever a template wraps in `keep` never break across lines.
    this.handlebars.registerHelper('yuan', (fen: number) => unbreakable(formatYuan(fen)));
    this.handlebars.registerHelper('capital', (fen: number) => unbreakable(capitalAmount(fen)));
    this.handlebars.registerHelper('date', (iso: string) => unbreakable(chineseDate(iso)));
    this.handlebars.registerHelper('keep', (text: string) => unbreakable(String(text)));
    this.handlebars.registerHelper('maskId', (id: string) => maskNationalId(id));
    this.handlebars.registerHelper('add', (a: number, b: number) => a + b);
  }

  async onModuleInit(): Promise<void> {
    for (const kind of AGREEMENT_KINDS) {
      const file = this.fileOf(kind);
      const source = await readFile(file, 'utf8').catch(() => {
        throw new TemplateError(`Agreement template ${file} cannot be read`);
      });
      try {
        this.handlebars.parse(source);
      } catch (error) {
        throw new TemplateError(`Agreement template ${file}: ${(error as Error).message}`);
      }
      this.templates.set(kind, this.handlebars.compile(source, { strict: true }));
      // Rendered once with a full made-up record: an unknown variable or a misplaced tag stops start-up here.
      this.render(kind, buildAgreementContext(sampleAgreementInput(kind)), 'bilingual');
    }
  }

  private fileOf(kind: AgreementKind): string {
    return join(this.config.agreementTemplatesDir, TEMPLATE_FILES[kind]);
  }

  /** Chinese only unless bilingual, which keeps each en="…" line. */
  render(kind: AgreementKind, data: object, language: AgreementLanguage): AgreementDocument {
    try {
      const document = parseDocument(this.templates.get(kind)!(data));
      return language === 'bilingual' ? document : chineseOnly(document);
    } catch (error) {
      throw new TemplateError(`Agreement template ${this.fileOf(kind)}: ${(error as Error).message}`);
    }
  }
}
