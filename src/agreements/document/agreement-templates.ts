import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { maskNationalId } from '../../students/rules/national-id';
import { AGREEMENT_KINDS, AgreementKind, TEMPLATE_FILES } from '../agreement-kind';
import { capitalAmount, formatYuan } from '../rules/chinese-money';
import { chineseDate } from '../rules/chinese-text';
import { AgreementDocument } from './document-model';
import { parseDocument } from './parse-document';

/** A template that did not compile or render: the message names the file, for whoever edits it. */
export class TemplateError extends Error {}

/**
 * The agreement templates, read from the configured folder and compiled once at start-up, strictly: a
 * variable the data does not have is an error, never a blank in a contract. Restart to pick up edits.
 */
@Injectable()
export class AgreementTemplates implements OnModuleInit {
  private readonly handlebars = Handlebars.create();
  private readonly templates = new Map<AgreementKind, Handlebars.TemplateDelegate>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.handlebars.registerHelper('yuan', (fen: number) => formatYuan(fen));
    this.handlebars.registerHelper('capital', (fen: number) => capitalAmount(fen));
    this.handlebars.registerHelper('date', (iso: string) => chineseDate(iso));
    this.handlebars.registerHelper('maskId', (id: string) => maskNationalId(id));
    this.handlebars.registerHelper('add', (a: number, b: number) => a + b);
  }

  async onModuleInit(): Promise<void> {
    for (const kind of AGREEMENT_KINDS) {
      const file = join(this.config.agreementTemplatesDir, TEMPLATE_FILES[kind]);
      const source = await readFile(file, 'utf8').catch(() => {
        throw new TemplateError(`Agreement template ${file} cannot be read`);
      });
      try {
        this.handlebars.parse(source);
      } catch (error) {
        throw new TemplateError(`Agreement template ${file}: ${(error as Error).message}`);
      }
      this.templates.set(kind, this.handlebars.compile(source, { strict: true }));
    }
  }

  render(kind: AgreementKind, data: object): AgreementDocument {
    try {
      return parseDocument(this.templates.get(kind)!(data));
    } catch (error) {
      throw new TemplateError(`Agreement template ${TEMPLATE_FILES[kind]}: ${(error as Error).message}`);
    }
  }
}
