import { IsBoolean } from 'class-validator';

export class UpdateUserDto {
  /** false deactivates the account: it cannot sign in, and its tokens and page sessions are refused at once. */
  @IsBoolean()
  active!: boolean;
}
