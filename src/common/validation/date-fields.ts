// Dates are stored as YYYY-MM-DD text and compared as text, which holds only for four-digit years: a
// five-digit year sorted before 2020 and `approve-due` approved lines due in year 10000 (issue 12). Every
// date the API takes is kept to a range no programme can leave.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { isISO8601, ValidateBy, ValidationArguments } from 'class-validator';

export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';
const EARLIEST_INSTANT = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
const END_OF_LATEST_DATE = Date.parse(`${LATEST_DATE}T00:00:00Z`) + 24 * 3600 * 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_TIME_AND_ZONE = /T.*(Z|[+-]\d{2}:?\d{2})$/;

/** Why the value is not a calendar date YYYY-MM-DD from 2000-01-01 to 2100-12-31, or null. */
export function dateProblem(value: unknown): string | null {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (typeof value !== 'string' || !match) return 'must be a date YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'must be a real calendar date';
  }
  if (value < EARLIEST_DATE || value > LATEST_DATE) return `must be from ${EARLIEST_DATE} to ${LATEST_DATE}`;
  return null;
}

/** Why the value is not an ISO-8601 instant with a time and a zone, from 2000-01-01 to 2100-12-31 (UTC), or null. */
export function instantProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !isISO8601(value, { strict: true, strictSeparator: true })) return 'must be an ISO-8601 instant';
  if (!WITH_TIME_AND_ZONE.test(value)) return 'must be an instant with a time and a time zone';
  const time = Date.parse(value);
  if (!(time >= EARLIEST_INSTANT && time < END_OF_LATEST_DATE)) return `must be from ${EARLIEST_DATE} to ${LATEST_DATE}`;
  return null;
}

const fieldRule = (name: string, problem: (value: unknown) => string | null, format: 'date' | 'date-time'): PropertyDecorator =>
  applyDecorators(
    ValidateBy({
      name,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${problem(args?.value)}`,
      },
    }),
    ApiProperty({ type: String, format, example: format === 'date' ? '2019-09-01' : '2019-09-02T08:30:00Z' }),
  );

/** A business date YYYY-MM-DD (startDate, effectiveDate, dueOnOrBefore, …) within the service's range. */
export const IsDateField = (): PropertyDecorator => fieldRule('isDateField', dateProblem, 'date');

/** An instant such as paidAt, with its time zone, within the service's range. */
export const IsInstantField = (): PropertyDecorator => fieldRule('isInstantField', instantProblem, 'date-time');
