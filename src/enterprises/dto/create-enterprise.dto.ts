import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength, ValidateBy, ValidationArguments } from 'class-validator';
import { checkCreditCode } from '../rules/credit-code';

function creditCodeProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const result = checkCreditCode(value);
  return result.valid ? null : result.reason;
}

const IsCreditCode = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCreditCode',
    validator: {
      validate: (value: unknown) => creditCodeProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) => `creditCode ${creditCodeProblem(args?.value)}`,
    },
  });

export class CreateEnterpriseDto {
  /** e.g. 长兴示范制造有限公司 */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /**
   * Unified Social Credit Code (GB 32100-2015): 18 characters with a valid check character; unique.
   * Surrounding spaces are dropped and lower-case letters upper-cased before the check.
   */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsCreditCode()
  creditCode!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  contactName!: string;

  /** Digits with optional +, spaces, hyphens and parentheses, e.g. 0572-6012345. */
  @IsString()
  @Matches(/^[0-9+() -]{5,32}$/, { message: 'contactPhone must be 5 to 32 digits, spaces, hyphens, parentheses or +' })
  contactPhone!: string;
}
