import { IsIn, IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';
import { MAX_ID } from '../../common/validation/id-param.dto';
import { PLACEMENT_TYPES, PlacementType } from '../placement.entity';

/** One placement chosen by hand: it takes a seat of the enterprise's quota in the student's major. */
export class CreatePlacementDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  studentId!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  enterpriseId!: number;

  /** INTERNSHIP for an ENROLLED student, EMPLOYMENT for a GRADUATED one. */
  @IsIn(PLACEMENT_TYPES)
  type!: PlacementType;

  /** YYYY-MM-DD */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startDate must be a real date' })
  startDate!: string;
}
