import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Page, pageWindow, toPage } from '../common/pagination/page';
import { enterpriseScope } from '../enterprises/rules/enterprise-scope';
import { PlacementQueryDto } from './dto/placement-query.dto';
import { PlacementResponseDto, toPlacementResponse } from './dto/placement-response.dto';
import { PlacementsRepository } from './placements.repository';

@Injectable()
export class PlacementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementsRepository,
  ) {}

  /** An enterprise account sees only its own placements; asking for another enterprise's gives an empty page. */
  async list(actor: AuthUser, query: PlacementQueryDto): Promise<Page<PlacementResponseDto>> {
    const scope = enterpriseScope(actor, query.enterpriseId);
    if (scope === 'NONE') return toPage([], 0, query, toPlacementResponse);
    const filter = { cohortId: query.cohortId, status: query.status, type: query.type, enterpriseId: scope === 'ANY' ? undefined : scope };
    const [rows, total] = await this.placements.page(this.dataSource.manager, filter, pageWindow(query));
    return toPage(rows, total, query, toPlacementResponse);
  }
}
