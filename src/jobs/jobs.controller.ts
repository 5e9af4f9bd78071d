import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { JobResponseDto } from './dto/job-response.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** Progress of a background job: whoever started it, or an admin. */
  @Get(':id')
  @Roles('admin', 'staff')
  get(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto): Promise<JobResponseDto> {
    return this.jobs.get(actor, id);
  }
}
