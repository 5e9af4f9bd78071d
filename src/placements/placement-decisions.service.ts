import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DomainError, notFound } from '../common/errors/domain-error';
import { TransactionRunner } from '../common/transaction-runner';
import { canSeeEnterprise } from '../enterprises/rules/enterprise-scope';
import { StudentLifecycleHooks, StudentStatusChange } from '../students/student-lifecycle.hooks';
import { StudentLifecycleService } from '../students/student-lifecycle.service';
import { StudentsRepository } from '../students/students.repository';
import { ConfirmPlacementDto } from './dto/confirm-placement.dto';
import { DeclinePlacementDto } from './dto/decline-placement.dto';
import { PlacementResponseDto, toPlacementResponse } from './dto/placement-response.dto';
import { PlacementEntity } from './placement.entity';
import { refusalError } from './placements.errors';
import { PlacementsRepository } from './placements.repository';
import { QuotaSeatsRepository } from './quota-seats.repository';
import { checkStartDate } from './rules/placement-eligibility';

/**
 * An enterprise (or the college for it) confirming or declining a proposed placement, and the declines a
 * student's withdrawal makes.
 */
@Injectable()
export class PlacementDecisionsService implements OnModuleInit {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly placements: PlacementsRepository,
    private readonly seats: QuotaSeatsRepository,
    private readonly students: StudentsRepository,
    private readonly lifecycle: StudentLifecycleService,
    private readonly hooks: StudentLifecycleHooks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.hooks.onStatusChange((change) => this.onStatusChange(change));
  }

  /** A withdrawn student takes no placement: their PROPOSED ones are declined and their seats freed. */
  async onStatusChange(change: StudentStatusChange): Promise<void> {
    if (change.to !== 'WITHDRAWN') return;
    const proposed = await this.placements.proposedOf(change.manager, change.student.id);
    const reason = `Student withdrawn on ${change.effectiveDate}${change.reason ? `: ${change.reason}` : ''}`.slice(0, 500);
    await this.declineAll(change.manager, change.actor, proposed, reason);
  }

  /**
   * Moves the student to INTERNING or EMPLOYED in the same transaction; if they cannot move, nothing changes.
   * The student row is changed before the placement, in the order a withdrawal changes them, so the two
   * wait for each other on PostgreSQL instead of deadlocking.
   */
  async confirm(actor: AuthUser, placementId: number, dto: ConfirmPlacementDto): Promise<PlacementResponseDto> {
    const placement = await this.transactions.run(async (manager) => {
      const placement = await this.getProposed(manager, actor, placementId, 'confirmed');
      const startDate = dto.startDate ?? placement.startDate;
      const student = await this.students.findById(manager, placement.studentId);
      const tooEarly = student && checkStartDate(student, startDate);
      if (tooEarly) throw refusalError(tooEarly);
      const now = this.clock.now().toISOString();
      const changes = {
        status: 'CONFIRMED' as const,
        startDate,
        position: dto.position,
        supervisorName: dto.supervisorName ?? null,
        monthlySalaryFen: dto.monthlySalaryFen ?? null,
        decidedAt: now,
        updatedAt: now,
      };
      await this.lifecycle.applyTransition(
        manager,
        actor,
        placement.studentId,
        placement.type === 'INTERNSHIP' ? 'INTERNING' : 'EMPLOYED',
        {
          trigger: 'PLACEMENT',
          reason: `${placement.type} placement ${placementId} at enterprise ${placement.enterpriseId} confirmed`,
          effectiveDate: startDate,
        },
      );
      if (!(await this.placements.decide(manager, placementId, changes))) throw decidedMeanwhile(placementId);
      await this.audit.record(manager, {
        actor,
        action: 'placement.confirmed',
        entityType: 'placement',
        entityId: placementId,
        before: { status: placement.status, startDate: placement.startDate },
        after: {
          status: changes.status,
          startDate,
          position: changes.position,
          supervisorName: changes.supervisorName,
          monthlySalaryFen: changes.monthlySalaryFen,
        },
      });
      return { ...placement, ...changes };
    });
    return toPlacementResponse(placement);
  }

  /**
   * Frees the placement's own seat, if it holds one, so the next proposal run can offer it to someone else.
   * A job that carried an internship's seat over frees nothing: the intern is still there.
   */
  async decline(actor: AuthUser, placementId: number, dto: DeclinePlacementDto): Promise<PlacementResponseDto> {
    const placement = await this.transactions.run(async (manager) => {
      const placement = await this.getProposed(manager, actor, placementId, 'declined');
      const [declined] = await this.declineAll(manager, actor, [placement], dto.reason);
      if (!declined) throw decidedMeanwhile(placementId);
      return declined;
    });
    return toPlacementResponse(placement);
  }

  /**
   * Declines those of `proposed` still PROPOSED (another request may have decided one meanwhile), frees the
   * seats they held, quota by quota in id order, and audits each decline. Answers the declined placements.
   */
  private async declineAll(
    manager: EntityManager,
    actor: AuthUser | null,
    proposed: readonly PlacementEntity[],
    reason: string,
  ): Promise<PlacementEntity[]> {
    const now = this.clock.now().toISOString();
    const changes = { status: 'DECLINED' as const, declineReason: reason, decidedAt: now, updatedAt: now };
    const declined: PlacementEntity[] = [];
    for (const placement of proposed) {
      if (await this.placements.decide(manager, placement.id, changes)) declined.push({ ...placement, ...changes });
    }
    const freed = new Map<number, number>();
    for (const p of declined) if (p.holdsSeat) freed.set(p.quotaId, (freed.get(p.quotaId) ?? 0) + 1);
    for (const [quotaId, count] of [...freed].sort(([a], [b]) => a - b)) await this.seats.release(manager, quotaId, count);
    await this.audit.recordMany(
      manager,
      declined.map((p) => declinedEntry(actor, p)),
    );
    return declined;
  }

  /** Another enterprise's placement answers 404 exactly like a missing one; a decided one 409. */
  private async getProposed(manager: EntityManager, actor: AuthUser, id: number, verb: string): Promise<PlacementEntity> {
    const placement = await this.placements.findById(manager, id);
    if (!placement || !canSeeEnterprise(actor, placement.enterpriseId)) throw notFound('Placement', id);
    if (placement.status !== 'PROPOSED') {
      throw new DomainError('CONFLICT', `Placement ${id} is ${placement.status}; only a PROPOSED placement can be ${verb}`);
    }
    return placement;
  }
}

function declinedEntry(actor: AuthUser | null, placement: PlacementEntity): AuditRecord {
  return {
    actor,
    action: 'placement.declined',
    entityType: 'placement',
    entityId: placement.id,
    before: { status: 'PROPOSED' },
    after: {
      status: placement.status,
      reason: placement.declineReason,
      quotaId: placement.quotaId,
      seatFreed: placement.holdsSeat,
    },
  };
}

const decidedMeanwhile = (id: number): DomainError =>
  new DomainError('CONFLICT', `Placement ${id} was decided by another request meanwhile; reload it`);
