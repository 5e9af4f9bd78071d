import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, Max, Min } from 'class-validator';
import { MAX_ID } from '../../common/validation/id-param.dto';
import { DisbursementLineResponseDto } from './disbursement-response.dto';
import { PayDisbursementDto } from './pay.dto';

/** Lines one payment of several may pay: a class's fares in one transfer, with room to spare. */
export const MAX_LINES_AT_ONCE = 500;

/** Several winter fares paid by one transfer: one instant and one reference for all of them. */
export class PayFaresDto extends PayDisbursementDto {
  /** The fares' line ids, 1 to 500; an id named twice is paid once. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES_AT_ONCE)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  lineIds!: number[];
}

export class PayFaresResponseDto {
  /** Each fare as paid, in id order. */
  items!: DisbursementLineResponseDto[];
  /** Fares paid: the distinct ids named. */
  count!: number;
  /** Integer fen: what the transfer carries for them all. */
  totalFen!: number;
}

export function toPayFaresResponse(lines: DisbursementLineResponseDto[]): PayFaresResponseDto {
  return { items: lines, count: lines.length, totalFen: lines.reduce((total, line) => total + line.amountFen, 0) };
}
