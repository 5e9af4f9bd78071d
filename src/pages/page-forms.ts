import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Lang } from './i18n';
import { fieldProblem, FormRefusal, formRefusal } from './page-errors';
import { Flash, setFlash } from './page-session';
import { redirect } from './page-view';

export type FieldErrors = Record<string, string>;

/**
 * A form checked by the same class-validator rules as the API's body DTO, so a page can never send a
 * service what the API would refuse. Answers the DTO, or one message per bad field.
 */
export async function validateForm<T extends object>(
  dto: new () => T,
  values: Record<string, unknown>,
  lang?: Lang,
): Promise<{ value: T; errors: null } | { value: null; errors: FieldErrors }> {
  const instance = plainToInstance(dto, values);
  const problems = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (!problems.length) return { value: instance, errors: null };
  // A field left empty says "required"; other problems in the page's language (page-errors.ts), never the API's English.
  const message = (p: ValidationError) =>
    values[p.property] === undefined ? 'error.required' : fieldProblem(lang, p.property, Object.values(p.constraints ?? {})[0] ?? '');
  return { value: null, errors: Object.fromEntries(problems.map((p) => [p.property, message(p)])) };
}

/** Form text fields, blank ones left out so an optional field left empty is simply absent. */
export function filledFields(form: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = form[name];
    if (typeof value === 'string' && value.trim() !== '') out[name] = value;
  }
  return out;
}

/** A form being answered: its page's language, and the request and reply. */
export interface SentForm {
  lang: Lang;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * Runs a form's action. Done: a flash and back to `done(result).to` (303, so a reload never posts again).
 * Refused by a rule: `refused` shows the form again with the reason in the page's language beside what was typed;
 * an unknown or foreign thing and a refused role go on to the error page (formRefusal).
 */
export async function attemptForm<T>(
  form: SentForm,
  action: () => Promise<T>,
  refused: (refusal: FormRefusal) => Promise<unknown>,
  done: (result: T) => { flash: Flash; to: string },
): Promise<unknown> {
  let result: T;
  try {
    result = await action();
  } catch (error) {
    return refused(formRefusal(form.lang, error));
  }
  const { flash, to } = done(result);
  setFlash(form.request, flash);
  return redirect(form.reply, to);
}
