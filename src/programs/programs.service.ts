import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page, PageQueryDto, pageWindow, toPage } from '../common/pagination/page';
import { CreateProgramDto } from './dto/create-program.dto';
import { ProgramResponseDto, toProgramResponse } from './dto/program-response.dto';
import { ProgramEntity } from './program.entity';
import { DEFAULT_STUDY_YEARS, withEligibilityDefaults, withPolicyDefaults } from './rules/program-policy';
import { TransactionRunner } from '../common/transaction-runner';

@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: AuthUser, dto: CreateProgramDto): Promise<ProgramResponseDto> {
    const duplicate = (): DomainError => new DomainError('DUPLICATE', `Programme code ${dto.code} is taken`);
    try {
      return await this.transactions.run(async (manager) => {
        if (await manager.existsBy(ProgramEntity, { code: dto.code })) throw duplicate();
        const policy = withPolicyDefaults(dto.policy);
        const eligibility = withEligibilityDefaults(dto.eligibility);
        const program = await manager.save(
          manager.create(ProgramEntity, {
            code: dto.code,
            name: dto.name,
            funder: dto.funder,
            studyYears: dto.studyYears ?? DEFAULT_STUDY_YEARS,
            ...policy,
            eligibleHomeCounties: eligibility.homeCounties,
            requirePovertyRegistration: eligibility.requirePovertyRegistration,
            createdAt: this.clock.now().toISOString(),
          }),
        );
        const response = toProgramResponse(program);
        await this.audit.record(manager, {
          actor,
          action: 'program.created',
          entityType: 'program',
          entityId: program.id,
          after: response,
        });
        return response;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? duplicate() : error;
    }
  }

  async list(query: PageQueryDto): Promise<Page<ProgramResponseDto>> {
    const [rows, total] = await this.dataSource.manager.findAndCount(ProgramEntity, { order: { id: 'ASC' }, ...pageWindow(query) });
    return toPage(rows, total, query, toProgramResponse);
  }

  async get(id: number): Promise<ProgramResponseDto> {
    const program = await this.dataSource.manager.findOneBy(ProgramEntity, { id });
    if (!program) throw notFound('Programme', id);
    return toProgramResponse(program);
  }
}
