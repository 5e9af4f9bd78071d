import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { bulkInsert } from '../common/bulk-insert';
import { Clock } from '../common/clock';
import { DomainError, ErrorDetail } from '../common/errors/domain-error';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { TransactionRunner } from '../common/transaction-runner';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { CohortsRepository } from '../programs/cohorts.repository';
import { StudentsRepository } from '../students/students.repository';
import { CreatePlacementDto } from './dto/create-placement.dto';
import { PlacementResponseDto, toPlacementResponse } from './dto/placement-response.dto';
import { ProposalResultResponseDto } from './dto/proposal-result-response.dto';
import { ProposePlacementsDto } from './dto/propose-placements.dto';
import { PlacementEntity, PlacementType } from './placement.entity';
import { refusalError } from './placements.errors';
import { PlacementsRepository, ProposalCandidate } from './placements.repository';
import { QuotaSeatsRepository } from './quota-seats.repository';
import { carriesInternshipSeat, choosePlacements, PlacementCandidate, PlacementProposal, UnplacedStudent } from './rules/placement-choice';
import { checkPlacement, NOT_FOR_PROPOSAL_RUNS, openPlacementRefusal } from './rules/placement-eligibility';
import { nextTurn } from '../common/next-turn';

/** Placements are written this many per INSERT, with a pause between chunks so other requests get a turn. */
export const PROPOSAL_CHUNK_SIZE = 1000;

/** New placements, proposed for a whole cohort by the placement rules or one at a time by staff. */
@Injectable()
export class PlacementProposalsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly placements: PlacementsRepository,
    private readonly seats: QuotaSeatsRepository,
    private readonly cohorts: CohortsRepository,
    private readonly students: StudentsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** One placement of `type` for every student of the cohort it is for who has no open one. All or nothing. */
  async proposeForCohort(
    actor: AuthUser,
    cohortId: number,
    type: PlacementType,
    dto: ProposePlacementsDto,
  ): Promise<ProposalResultResponseDto> {
    try {
      return await this.transactions.run(async (manager) => {
        await this.cohorts.getCohort(manager, cohortId);
        const quotas = await this.seats.lockCohortQuotas(manager, cohortId);
        const { eligible, refused } = sortOut(type, await this.placements.candidates(manager, cohortId, type), dto.startDate);
        const choice = choosePlacements(type, eligible, quotas);
        await this.takeSeats(manager, choice.proposed);
        const proposed: ProposalResultResponseDto['proposed'] = [];
        for (let start = 0; start < choice.proposed.length; start += PROPOSAL_CHUNK_SIZE) {
          if (start > 0) await nextTurn();
          const chunk = choice.proposed.slice(start, start + PROPOSAL_CHUNK_SIZE);
          proposed.push(...(await this.insertChunk(manager, actor, cohortId, type, dto.startDate, chunk)));
        }
        const unplaced = [...refused, ...choice.unplaced].sort((a, b) => a.studentId - b.studentId);
        return { proposed, unplaced };
      });
    } catch (error) {
      throw isUniqueViolation(error) ? changedMeanwhile() : error;
    }
  }

  async create(actor: AuthUser, dto: CreatePlacementDto): Promise<PlacementResponseDto> {
    try {
      return await this.transactions.run(async (manager) => {
        const student = await this.students.findById(manager, dto.studentId);
        const enterpriseExists = await manager.existsBy(EnterpriseEntity, { id: dto.enterpriseId });
        const details: ErrorDetail[] = [];
        if (!student) details.push({ field: 'studentId', message: 'no such student' });
        if (!enterpriseExists) details.push({ field: 'enterpriseId', message: 'no such enterprise' });
        if (!student || details.length)
          throw new DomainError('VALIDATION_FAILED', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
        const hasOpenPlacement = await this.placements.hasOpen(manager, student.id, dto.type);
        const check = checkPlacement(dto.type, { ...student, hasOpenPlacement }, dto.startDate);
        if (!check.allowed) throw refusalError(check.refusal);
        const quota = await this.seats.findQuota(manager, student.cohortId, dto.enterpriseId, check.majorCode);
        if (!quota) {
          throw new DomainError(
            'CONFLICT',
            `Enterprise ${dto.enterpriseId} offers no seats in major ${check.majorCode} of cohort ${student.cohortId}`,
          );
        }
        const internship = dto.type === 'EMPLOYMENT' ? await this.placements.confirmedInternship(manager, student.id) : null;
        const holdsSeat = !carriesInternshipSeat(
          dto.type,
          { internshipEnterpriseId: internship?.enterpriseId, internshipMajorCode: internship?.majorCode },
          quota,
        );
        if (holdsSeat && !(await this.seats.take(manager, quota.id))) {
          throw new DomainError(
            'CAPACITY_FULL',
            `All ${quota.seats} seats of enterprise ${dto.enterpriseId} in major ${quota.majorCode} are taken`,
          );
        }
        const now = this.clock.now().toISOString();
        const placement = await manager.save(
          manager.create(PlacementEntity, {
            cohortId: student.cohortId,
            studentId: student.id,
            enterpriseId: dto.enterpriseId,
            quotaId: quota.id,
            holdsSeat,
            majorCode: quota.majorCode,
            type: dto.type,
            status: 'PROPOSED',
            startDate: dto.startDate,
            position: null,
            supervisorName: null,
            monthlySalaryFen: null,
            declineReason: null,
            decidedAt: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
        await this.audit.record(manager, proposedEntry(actor, placement, 'MANUAL'));
        return toPlacementResponse(placement);
      });
    } catch (error) {
      throw isUniqueViolation(error) ? refusalError(openPlacementRefusal(dto.studentId, dto.type)) : error;
    }
  }

  /**
   * One conditional UPDATE per quota, for the proposals that hold a seat; the rule never exceeds the free
   * seats it was given, so none should fail.
   */
  private async takeSeats(manager: EntityManager, proposals: readonly PlacementProposal[]): Promise<void> {
    const perQuota = new Map<number, number>();
    for (const p of proposals) if (p.holdsSeat) perQuota.set(p.quotaId, (perQuota.get(p.quotaId) ?? 0) + 1);
    for (const [quotaId, count] of perQuota) {
      if (!(await this.seats.take(manager, quotaId, count))) throw changedMeanwhile();
    }
  }

  private async insertChunk(
    manager: EntityManager,
    actor: AuthUser,
    cohortId: number,
    type: PlacementType,
    startDate: string,
    chunk: readonly PlacementProposal[],
  ): Promise<ProposalResultResponseDto['proposed']> {
    const now = this.clock.now().toISOString();
    const rows = chunk.map((p) => ({
      cohortId,
      studentId: p.studentId,
      enterpriseId: p.enterpriseId,
      quotaId: p.quotaId,
      holdsSeat: p.holdsSeat,
      majorCode: p.majorCode,
      type,
      status: 'PROPOSED' as const,
      startDate,
      createdAt: now,
      updatedAt: now,
    }));
    const saved = await bulkInsert(manager, PlacementEntity, rows, ['id', 'studentId']);
    const idOf = new Map(saved.map((row) => [Number(row.studentId), Number(row.id)]));
    const result = chunk.map((p) => ({ placementId: idOf.get(p.studentId)!, studentId: p.studentId, enterpriseId: p.enterpriseId }));
    await this.audit.recordMany(
      manager,
      chunk.map((p) => proposedEntry(actor, { id: idOf.get(p.studentId)!, ...p, cohortId, type, startDate }, 'RULES')),
    );
    return result;
  }
}

function proposedEntry(
  actor: AuthUser,
  p: Pick<PlacementEntity, 'id' | 'cohortId' | 'studentId' | 'enterpriseId' | 'quotaId' | 'holdsSeat' | 'majorCode' | 'type' | 'startDate'>,
  by: 'RULES' | 'MANUAL',
): AuditRecord {
  return {
    actor,
    action: 'placement.proposed',
    entityType: 'placement',
    entityId: p.id,
    after: {
      status: 'PROPOSED',
      type: p.type,
      cohortId: p.cohortId,
      studentId: p.studentId,
      enterpriseId: p.enterpriseId,
      quotaId: p.quotaId,
      holdsSeat: p.holdsSeat,
      majorCode: p.majorCode,
      startDate: p.startDate,
      by,
    },
  };
}

/**
 * The candidates the eligibility rule allows, and those it refuses on grounds a run reports, with the
 * message a proposal by hand would be refused with.
 */
function sortOut(
  type: PlacementType,
  candidates: readonly ProposalCandidate[],
  startDate: string,
): { eligible: PlacementCandidate[]; refused: UnplacedStudent[] } {
  const eligible: PlacementCandidate[] = [];
  const refused: UnplacedStudent[] = [];
  for (const candidate of candidates) {
    const check = checkPlacement(type, candidate, startDate);
    if (check.allowed) eligible.push({ ...candidate, majorCode: check.majorCode });
    else if (!NOT_FOR_PROPOSAL_RUNS.includes(check.refusal.ground))
      refused.push({ studentId: candidate.id, reason: refusalError(check.refusal).message });
  }
  return { eligible, refused };
}

const changedMeanwhile = (): DomainError =>
  new DomainError('CONFLICT', 'Placements or quotas of the cohort changed while proposing; run the proposal again');
