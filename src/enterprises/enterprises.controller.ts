import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { CreateEnterpriseDto } from './dto/create-enterprise.dto';
import { EnterpriseQueryDto } from './dto/enterprise-query.dto';
import { EnterprisePageDto, EnterpriseResponseDto } from './dto/enterprise-response.dto';
import { EnterprisesService } from './enterprises.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  /** Invalid credit code 400; a credit code already registered 409. */
  @Post()
  @Roles('admin', 'staff')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateEnterpriseDto): Promise<EnterpriseResponseDto> {
    return this.enterprises.create(actor, dto);
  }

  /** An enterprise account gets only its own enterprise. */
  @Get()
  @Roles('admin', 'staff', 'enterprise')
  list(@CurrentUser() actor: AuthUser, @Query() query: EnterpriseQueryDto): Promise<EnterprisePageDto> {
    return this.enterprises.list(actor, query);
  }

  /** Another enterprise's id answers an enterprise account 404. */
  @Get(':id')
  @Roles('admin', 'staff', 'enterprise')
  get(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto): Promise<EnterpriseResponseDto> {
    return this.enterprises.get(actor, id);
  }
}
