import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page, PageQueryDto, pageWindow, toPage } from '../common/pagination/page';
import { CohortsRepository } from './cohorts.repository';
import { CreateMajorDto } from './dto/create-major.dto';
import { MajorResponseDto, toMajorResponse } from './dto/major-response.dto';
import { MajorEntity } from './major.entity';
import { TransactionRunner } from '../common/transaction-runner';

@Injectable()
export class MajorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly cohorts: CohortsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: AuthUser, cohortId: number, dto: CreateMajorDto): Promise<MajorResponseDto> {
    const duplicate = (): DomainError => new DomainError('DUPLICATE', `Cohort ${cohortId} already has a major ${dto.code}`);
    try {
      return await this.transactions.run(async (manager) => {
        await this.cohorts.getCohort(manager, cohortId);
        if (await this.cohorts.findMajor(manager, cohortId, dto.code)) throw duplicate();
        const major = await manager.save(
          manager.create(MajorEntity, {
            cohortId,
            code: dto.code,
            name: dto.name,
            institution: dto.institution,
            capacity: dto.capacity,
            assigned: 0,
            cutoffScore: null,
            createdAt: this.clock.now().toISOString(),
          }),
        );
        const response = toMajorResponse(major);
        await this.audit.record(manager, { actor, action: 'major.created', entityType: 'major', entityId: major.id, after: response });
        return response;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? duplicate() : error;
    }
  }

  async list(cohortId: number, query: PageQueryDto): Promise<Page<MajorResponseDto>> {
    const manager = this.dataSource.manager;
    await this.cohorts.getCohort(manager, cohortId);
    const [rows, total] = await manager.findAndCount(MajorEntity, { where: { cohortId }, order: { id: 'ASC' }, ...pageWindow(query) });
    return toPage(rows, total, query, toMajorResponse);
  }
}
