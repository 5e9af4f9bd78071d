import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { AssignmentService } from './assignment.service';
import { AssignmentResponseDto, toAssignmentResponse } from './dto/assignment-response.dto';
import { RunAssignmentDto } from './dto/run-assignment.dto';

@ApiTags('major assignment')
@ApiBearerAuth()
@Controller('cohorts')
export class AssignmentController {
  constructor(private readonly assignment: AssignmentService) {}

  /**
   * Assigns every ADMITTED student without a major: higher exam score first (ties: earlier intake, then lower
   * id), each to the first preference with a free seat. Students who hold a seat are never moved. `dryRun`
   * answers the same and saves nothing.
   */
  @Post(':id/major-assignment')
  @HttpCode(200)
  @Roles('admin', 'staff')
  @ApiBody({ type: RunAssignmentDto, required: false })
  async run(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: RunAssignmentDto): Promise<AssignmentResponseDto> {
    return toAssignmentResponse(await this.assignment.run(actor, id, dto.dryRun === true));
  }
}
