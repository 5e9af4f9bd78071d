import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { invalidField } from '../common/errors/domain-error';
import { Page, pageWindow, toPage } from '../common/pagination/page';
import { CohortEntity } from './cohort.entity';
import { CohortsRepository } from './cohorts.repository';
import { CohortQueryDto } from './dto/cohort-query.dto';
import { CohortResponseDto, toCohortResponse } from './dto/cohort-response.dto';
import { CreateCohortDto } from './dto/create-cohort.dto';
import { ProgramEntity } from './program.entity';
import { TransactionRunner } from '../common/transaction-runner';

@Injectable()
export class CohortsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  create(actor: AuthUser, dto: CreateCohortDto): Promise<CohortResponseDto> {
    return this.transactions.run(async (manager) => {
      if (!(await manager.existsBy(ProgramEntity, { id: dto.programId }))) throw invalidField('programId', 'no such programme');
      const cohort = await manager.save(
        manager.create(CohortEntity, {
          programId: dto.programId,
          name: dto.name,
          intakeYear: dto.intakeYear,
          startDate: dto.startDate,
          createdAt: this.clock.now().toISOString(),
        }),
      );
      const response = toCohortResponse(cohort);
      await this.audit.record(manager, { actor, action: 'cohort.created', entityType: 'cohort', entityId: cohort.id, after: response });
      return response;
    });
  }

  async list(query: CohortQueryDto): Promise<Page<CohortResponseDto>> {
    const where = query.programId === undefined ? {} : { programId: query.programId };
    const [rows, total] = await this.dataSource.manager.findAndCount(CohortEntity, { where, order: { id: 'ASC' }, ...pageWindow(query) });
    return toPage(rows, total, query, toCohortResponse);
  }

  async get(id: number): Promise<CohortResponseDto> {
    return toCohortResponse(await this.cohorts.getCohort(this.dataSource.manager, id));
  }
}
