import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CreateStudentDto } from './dto/create-student.dto';
import { StudentListQueryDto } from './dto/student-query.dto';
import { StudentPageDto, StudentResponseDto } from './dto/student-response.dto';
import { StudentsService } from './students.service';

@ApiTags('students')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortStudentsController {
  constructor(private readonly students: StudentsService) {}

  /** Intake of one applicant: status APPLIED, gender and birth date read from the ID, eligibility evaluated. Same ID twice in a cohort: 409. */
  @Post(':id/students')
  @Roles('admin', 'staff')
  intake(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: CreateStudentDto): Promise<StudentResponseDto> {
    return this.students.intake(actor, id, dto);
  }

  /** Ordered by id; national IDs masked. */
  @Get(':id/students')
  @Roles('admin', 'staff')
  list(@Param() { id }: IdParamDto, @Query() query: StudentListQueryDto): Promise<StudentPageDto> {
    return this.students.listInCohort(id, query);
  }
}
