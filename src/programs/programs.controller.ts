import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { PageQueryDto } from '../common/pagination/page';
import { CreateProgramDto } from './dto/create-program.dto';
import { IdParamDto } from '../common/validation/id-param.dto';
import { ProgramPageDto, ProgramResponseDto } from './dto/program-response.dto';
import { ProgramsService } from './programs.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Post()
  @Roles('admin', 'staff')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateProgramDto): Promise<ProgramResponseDto> {
    return this.programs.create(actor, dto);
  }

  @Get()
  @Roles('admin', 'staff')
  list(@Query() query: PageQueryDto): Promise<ProgramPageDto> {
    return this.programs.list(query);
  }

  @Get(':id')
  @Roles('admin', 'staff')
  get(@Param() { id }: IdParamDto): Promise<ProgramResponseDto> {
    return this.programs.get(id);
  }
}
