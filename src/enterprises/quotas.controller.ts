import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CreateQuotaDto } from './dto/create-quota.dto';
import { QuotaPageDto, QuotaResponseDto } from './dto/quota-response.dto';
import { QuotaQueryDto } from './dto/quota-query.dto';
import { QuotasService } from './quotas.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('cohorts/:id/quotas')
export class QuotasController {
  constructor(private readonly quotas: QuotasService) {}

  /** One quota per enterprise and major in a cohort: a second is 409. */
  @Post()
  @Roles('admin', 'staff')
  create(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: CreateQuotaDto): Promise<QuotaResponseDto> {
    return this.quotas.create(actor, id, dto);
  }

  /** An enterprise account gets only its own quotas in the cohort. */
  @Get()
  @Roles('admin', 'staff', 'enterprise')
  list(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Query() query: QuotaQueryDto): Promise<QuotaPageDto> {
    return this.quotas.list(actor, id, query);
  }
}
