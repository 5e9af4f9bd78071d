import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/decorators';
import { IdParamDto } from '../common/validation/id-param.dto';
import { ConfirmPlacementDto } from './dto/confirm-placement.dto';
import { CreatePlacementDto } from './dto/create-placement.dto';
import { DeclinePlacementDto } from './dto/decline-placement.dto';
import { PlacementQueryDto } from './dto/placement-query.dto';
import { PlacementPageDto, PlacementResponseDto } from './dto/placement-response.dto';
import { PlacementDecisionsService } from './placement-decisions.service';
import { PlacementProposalsService } from './placement-proposals.service';
import { PlacementsService } from './placements.service';

@ApiTags('placements')
@ApiBearerAuth()
@Controller('placements')
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly proposals: PlacementProposalsService,
    private readonly decisions: PlacementDecisionsService,
  ) {}

  /**
   * Proposes one placement by hand, taking a seat of the enterprise's quota in the student's major. A student
   * with an open placement of the type, a wrong status, no quota or a full one: 409.
   */
  @Post()
  @Roles('admin', 'staff')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreatePlacementDto): Promise<PlacementResponseDto> {
    return this.proposals.create(actor, dto);
  }

  /** Ordered by id. An enterprise account gets only its own placements. */
  @Get()
  @Roles('admin', 'staff', 'enterprise')
  list(@CurrentUser() actor: AuthUser, @Query() query: PlacementQueryDto): Promise<PlacementPageDto> {
    return this.placements.list(actor, query);
  }

  /** Only from PROPOSED (else 409). The student becomes INTERNING or EMPLOYED; if they cannot, nothing changes (409). */
  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('admin', 'staff', 'enterprise')
  confirm(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: ConfirmPlacementDto): Promise<PlacementResponseDto> {
    return this.decisions.confirm(actor, id, dto);
  }

  /** Only from PROPOSED (else 409); frees the quota seat. */
  @Post(':id/decline')
  @HttpCode(200)
  @Roles('admin', 'staff', 'enterprise')
  decline(@CurrentUser() actor: AuthUser, @Param() { id }: IdParamDto, @Body() dto: DeclinePlacementDto): Promise<PlacementResponseDto> {
    return this.decisions.decline(actor, id, dto);
  }
}
