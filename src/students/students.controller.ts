import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { BankAccountDto } from './dto/bank-account.dto';
import { ChangeMajorDto } from './dto/change-major.dto';
import { ChangeStatusDto } from './dto/change-status.dto';
import { StudentResponseDto } from './dto/student-response.dto';
import { StudentBankAccountService } from './student-bank-account.service';
import { StudentLifecycleService } from './student-lifecycle.service';
import { StudentsService } from './students.service';

@ApiTags('students')
@ApiBearerAuth()
@Controller('students')
export class StudentsController {
  constructor(
    private readonly students: StudentsService,
    private readonly lifecycle: StudentLifecycleService,
    private readonly bankAccounts: StudentBankAccountService,
  ) {}

  /** The full national ID only for admin and staff; a student sees only their own record. */
  @Get(':id')
  @Roles('admin', 'staff', 'student')
  get(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto): Promise<StudentResponseDto> {
    return this.students.get(actor, id);
  }

  /** A move the lifecycle of API.md does not allow, or ENROLLED without a major: 409 ILLEGAL_TRANSITION. */
  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'staff')
  changeStatus(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: ChangeStatusDto): Promise<StudentResponseDto> {
    return this.lifecycle.changeStatus(actor, id, dto);
  }

  /** Full major: 409 CAPACITY_FULL unless an admin sends force: true. */
  @Put(':id/major')
  @Roles('admin', 'staff')
  changeMajor(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: ChangeMajorDto): Promise<StudentResponseDto> {
    return this.lifecycle.changeMajor(actor, id, dto);
  }

  /**
   * Sets or replaces the account stipends are transferred to. The holder must be the student or the guardian
   * as on the record, the number 12 to 30 digits; it is stored encrypted and answered only masked.
   */
  @Put(':id/bank-account')
  @Roles('admin', 'staff')
  replaceBankAccount(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() dto: BankAccountDto,
  ): Promise<StudentResponseDto> {
    return this.bankAccounts.replace(actor, id, dto);
  }
}
