import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateMajorDto {
  /** e.g. M01: 1 to 16 letters, digits, _ or -; unique within the cohort. */
  @IsString()
  @MaxLength(16)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code must be 1 to 16 letters, digits, underscores or hyphens' })
  code!: string;

  /** e.g. 机械加工技术 */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** The college that teaches it, e.g. 长兴县职业技术教育中心 */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  institution!: string;

  /** Seats in the major. */
  @IsInt()
  @Min(0)
  @Max(100000)
  capacity!: number;
}
