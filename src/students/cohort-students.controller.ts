import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { toStreamableFile } from '../common/http/attachment';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CreateStudentDto } from './dto/create-student.dto';
import { cohortStudentFilterOf, StudentListQueryDto } from './dto/student-query.dto';
import { StudentPageDto, StudentResponseDto } from './dto/student-response.dto';
import { StudentExportService } from './export/student-export.service';
import { StudentsService } from './students.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('students')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortStudentsController {
  constructor(
    private readonly students: StudentsService,
    private readonly exports: StudentExportService,
  ) {}

  /** Intake of one applicant: status APPLIED, gender and birth date read from the ID, eligibility evaluated. Same ID twice in a cohort: 409. */
  @Post(':id/students')
  @Roles('admin', 'staff')
  intake(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: CreateStudentDto): Promise<StudentResponseDto> {
    return this.students.intake(actor, id, dto);
  }

  /**
   * Ordered by id; national IDs masked. `format=csv` or `format=xlsx` downloads the whole filtered list
   * (page and pageSize ignored) with Chinese headers; in the CSV, lines of a cell that a spreadsheet would
   * read as a formula are prefixed with an apostrophe, and XLSX stores text as text cells.
   */
  @Get(':id/students')
  @Roles('admin', 'staff')
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiExtraModels(StudentPageDto)
  @ApiOkResponse({
    description: 'A page of students (json), or the whole filtered list as a CSV (UTF-8 with BOM) or XLSX attachment',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(StudentPageDto) } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async list(@Param() { id }: IdParamDto, @Query() query: StudentListQueryDto): Promise<StudentPageDto | StreamableFile> {
    if (query.format === 'json') return this.students.listInCohort(id, query);
    return toStreamableFile(await this.exports.exportCohort(id, query.format, cohortStudentFilterOf(query)));
  }
}
