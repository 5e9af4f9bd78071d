import { Controller, Header, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { toStreamableFile } from '../common/http/attachment';
import { IdParamDto } from '../common/validation/id-param.dto';
import { StudentAccountsQueryDto, StudentAccountsResponseDto, toStudentAccountsResponse } from './dto/student-accounts.dto';
import { StudentAccountSheets } from './student-account-sheets';
import { StudentAccountsService } from './student-accounts.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('cohorts')
export class StudentAccountsController {
  constructor(
    private readonly accounts: StudentAccountsService,
    private readonly sheets: StudentAccountSheets,
  ) {}

  /**
   * A sign-in for every ENROLLED student of the cohort without one: username `stu<student id>` and a
   * one-time password that must be changed at first sign-in. Students with an account are left alone,
   * so a second run creates none. The passwords appear only in this answer.
   */
  @Post(':id/student-accounts')
  @Roles('admin', 'staff')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiExtraModels(StudentAccountsResponseDto)
  @ApiCreatedResponse({
    description: 'The new accounts with their one-time passwords (json), or the printable sheet as CSV (UTF-8 with BOM) or PDF',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(StudentAccountsResponseDto) } },
      'text/csv': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async create(
    @CurrentUser() actor: AuthUser,
    @Param() { id }: IdParamDto,
    @Query() query: StudentAccountsQueryDto,
  ): Promise<StudentAccountsResponseDto | StreamableFile> {
    const issued = await this.accounts.createForCohort(actor, id);
    if (query.format === 'csv') return toStreamableFile(this.sheets.csv(issued));
    if (query.format === 'pdf') return toStreamableFile(await this.sheets.pdf(issued));
    return toStudentAccountsResponse(issued.accounts);
  }
}
