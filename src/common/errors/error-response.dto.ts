export class ErrorDetailDto {
  field!: string;
  message!: string;
}

/** The one error shape of API.md. */
export class ErrorResponseDto {
  statusCode!: number;
  error!: string;
  /** Machine-readable reason, e.g. ILLEGAL_TRANSITION. */
  code!: string;
  message!: string;
  details?: ErrorDetailDto[];
}
