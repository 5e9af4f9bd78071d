import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseNationalId } from '../rules/national-id';

/** Leading and trailing spaces from a copied spreadsheet cell are not part of the value. */
export const Trim = (): PropertyDecorator => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** GB 11643-1999 format, birth date and check character; the message says which part is wrong. */
export function IsNationalId(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNationalId',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseNationalId(value).valid,
        defaultMessage: (args?: ValidationArguments) => {
          const result = typeof args?.value === 'string' ? parseNationalId(args.value) : undefined;
          return `${args?.property} is not a valid national ID: ${result && !result.valid ? result.reason : 'must be a string'}`;
        },
      },
    });
}
