import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { notFound } from '../common/errors/domain-error';
import { PlacementQueryDto } from '../placements/dto/placement-query.dto';
import { PlacementsService } from '../placements/placements.service';
import { StudentsService } from '../students/students.service';
import { PagesRepository } from './pages.repository';

const LIST_SIZE = 100;

/** The enterprise's desk: its students, placements to decide and fares to pay, read with the session's user. */
@Injectable()
export class EnterprisePagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentsService,
    private readonly placements: PlacementsService,
    private readonly pages: PagesRepository,
    private readonly clock: Clock,
  ) {}

  async desk(actor: AuthUser, page: number) {
    const today = this.clock.today();
    if (actor.enterpriseId === null) throw notFound('Enterprise', 'of this account');
    const sponsored = await this.students.listSponsoredBy(actor, actor.enterpriseId, { page, pageSize: LIST_SIZE });
    const proposed = await this.placements.list(actor, Object.assign(new PlacementQueryDto(), { status: 'PROPOSED', pageSize: LIST_SIZE }));
    const names = await this.pages.studentNames(
      this.dataSource.manager,
      proposed.items.map((p) => p.studentId),
    );
    const fares = await this.pages.faresToPay(this.dataSource.manager, actor.enterpriseId, LIST_SIZE);
    return {
      students: sponsored.items.map((s) => ({
        id: s.id,
        fullName: s.fullName,
        nationalIdMasked: s.nationalIdMasked,
        majorCode: s.majorCode,
        status: s.status,
      })),
      pager: pager(sponsored.page, sponsored.pageSize, sponsored.total),
      placements: proposed.items.map((p) => ({
        id: p.id,
        fullName: names.get(p.studentId) ?? String(p.studentId),
        type: p.type,
        majorCode: p.majorCode,
        startDate: p.startDate,
      })),
      // A fresh key for each form shown: submitting the same form twice pays once.
      fares: fares.map((f) => ({ ...f, idempotencyKey: randomUUID(), paidOn: today })),
    };
  }
}

export function pager(page: number, pageSize: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return { page, pages, previous: page > 1 ? page - 1 : null, next: page < pages ? page + 1 : null };
}
