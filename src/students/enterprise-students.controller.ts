import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { PageQueryDto } from '../common/pagination/page';
import { IdParamDto } from '../common/validation/id-param.dto';
import { SponsoredStudentPageDto } from './dto/sponsored-student-response.dto';
import { StudentsService } from './students.service';

@ApiTags('students')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterpriseStudentsController {
  constructor(private readonly students: StudentsService) {}

  /** Students who intend to work for the enterprise; national IDs masked. Another enterprise's list: 404. */
  @Get(':id/students')
  @Roles('admin', 'staff', 'enterprise')
  list(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Query() query: PageQueryDto): Promise<SponsoredStudentPageDto> {
    return this.students.listSponsoredBy(actor, id, query);
  }
}
