import type { HelperOptions } from 'handlebars';
import { STUDENT_STATUSES } from '../students/rules/student-status';
import { isLang, translate } from './i18n';
import { formatYuan } from './rules/money';

type HandlebarsInstance = typeof import('handlebars');

/** Helpers of the page templates: every text through the dictionary, money from fen. */
export function registerPageHelpers(handlebars: HandlebarsInstance): void {
  handlebars.registerHelper('t', function (key: string, options: HelperOptions) {
    const root = options.data?.root as { lang?: unknown } | undefined;
    return translate(isLang(root?.lang) ? root.lang : 'zh', key, options.hash as Record<string, string | number>);
  });
  // The one-time message of the last form posted, when it is about the form `id`.
  handlebars.registerHelper('flashFor', function (id: string, options: HelperOptions) {
    const flash = (options.data?.root as { flash?: { form?: string } | null } | undefined)?.flash;
    return flash?.form === id ? flash : null;
  });
  handlebars.registerHelper('yuan', (fen: number) => formatYuan(fen));
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('isNull', (value: unknown) => value === null || value === undefined);
  handlebars.registerHelper('subtract', (a: number, b: number) => a - b);
  handlebars.registerHelper('percent', (ratio: number) => `${(ratio * 100).toFixed(1)}%`);
  handlebars.registerHelper('statuses', () => STUDENT_STATUSES);
  handlebars.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).join(''));
}
