import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { PageQueryDto } from '../common/pagination/page';
import { CohortsService } from './cohorts.service';
import { CohortQueryDto } from './dto/cohort-query.dto';
import { CohortPageDto, CohortResponseDto } from './dto/cohort-response.dto';
import { CreateCohortDto } from './dto/create-cohort.dto';
import { CreateMajorDto } from './dto/create-major.dto';
import { IdParamDto } from '../common/validation/id-param.dto';
import { MajorPageDto, MajorResponseDto } from './dto/major-response.dto';
import { MajorsService } from './majors.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly majors: MajorsService,
  ) {}

  @Post()
  @Roles('admin', 'staff')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateCohortDto): Promise<CohortResponseDto> {
    return this.cohorts.create(actor, dto);
  }

  @Get()
  @Roles('admin', 'staff')
  list(@Query() query: CohortQueryDto): Promise<CohortPageDto> {
    return this.cohorts.list(query);
  }

  @Get(':id')
  @Roles('admin', 'staff')
  get(@Param() { id }: IdParamDto): Promise<CohortResponseDto> {
    return this.cohorts.get(id);
  }

  /** Duplicate code within the cohort: 409. */
  @Post(':id/majors')
  @Roles('admin', 'staff')
  createMajor(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: CreateMajorDto): Promise<MajorResponseDto> {
    return this.majors.create(actor, id, dto);
  }

  @Get(':id/majors')
  @Roles('admin', 'staff')
  listMajors(@Param() { id }: IdParamDto, @Query() query: PageQueryDto): Promise<MajorPageDto> {
    return this.majors.list(id, query);
  }
}
