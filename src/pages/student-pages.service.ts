import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgreementsService } from '../agreements/agreements.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DisbursementsService } from '../disbursements/disbursements.service';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { OPEN_PLACEMENT_STATUSES, PlacementEntity } from '../placements/placement.entity';
import { StudentsService } from '../students/students.service';
import { majorKey, majorNames } from './enterprise-pages.queries';
import { stipendGlance, StipendGlance } from './rules/stipend-glance';

export interface StudentPageModel {
  student: {
    id: number;
    fullName: string;
    nationalIdMasked: string;
    status: string;
    statusDate: string;
    majorCode: string | null;
    majorName: string | null;
  };
  /** Open internships and jobs (proposed or confirmed), the job first. */
  placements: { type: string; status: string; enterpriseName: string; position: string | null; startDate: string }[];
  glance: StipendGlance;
  lines: {
    dueDate: string;
    kind: string;
    studyYear: number;
    installment: number;
    amountFen: number;
    status: string;
    /** BANK_FAILURE shows the line as a transfer the bank refused rather than as approved. */
    statusCause: string | null;
    statusReason: string | null;
  }[];
  agreements: { id: number; kind: string; version: number; createdAt: string }[];
}

/** A student's page, read through the API's own services with the session's user, so ownership is the API's. */
@Injectable()
export class StudentPagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentsService,
    private readonly disbursements: DisbursementsService,
    private readonly agreements: AgreementsService,
    private readonly clock: Clock,
  ) {}

  async page(actor: AuthUser, studentId: number): Promise<StudentPageModel> {
    const student = await this.students.get(actor, studentId);
    const schedule = await this.disbursements.forStudent(actor, studentId);
    const agreements = await this.agreements.list(actor, studentId, { page: 1, pageSize: 100 });
    const majors = await majorNames(this.dataSource.manager, [student.cohortId]);
    return {
      student: {
        id: student.id,
        fullName: student.fullName,
        nationalIdMasked: student.nationalIdMasked,
        status: student.status,
        statusDate: student.statusEffectiveDate,
        majorCode: student.majorCode,
        majorName: student.majorCode === null ? null : (majors.get(majorKey(student.cohortId, student.majorCode)) ?? student.majorCode),
      },
      placements: await this.openPlacements(student.id),
      glance: stipendGlance(schedule.items, this.clock.today()),
      lines: schedule.items.map((line) => ({
        dueDate: line.dueDate,
        kind: line.kind,
        studyYear: line.studyYear,
        installment: line.installment,
        amountFen: line.amountFen,
        status: line.status,
        statusCause: line.statusCause,
        statusReason: line.statusReason,
      })),
      agreements: agreements.items.map((a) => ({
        id: a.id,
        kind: a.kind,
        version: a.version,
        createdAt: this.clock.dateOf(new Date(a.createdAt)),
      })),
    };
  }

  /** Read after the student was (the API's 404 for another student's id has already been thrown). */
  private async openPlacements(studentId: number): Promise<StudentPageModel['placements']> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(PlacementEntity, 'p')
      .innerJoin(EnterpriseEntity, 'e', 'e.id = p.enterpriseId')
      .select([
        'p.type AS "type"',
        'p.status AS "status"',
        'e.name AS "enterpriseName"',
        'p.position AS "position"',
        'p.startDate AS "startDate"',
      ])
      .where('p.studentId = :studentId', { studentId })
      .andWhere('p.status IN (:...open)', { open: OPEN_PLACEMENT_STATUSES })
      .orderBy('p.type', 'ASC')
      .addOrderBy('p.id', 'DESC')
      .getRawMany<StudentPageModel['placements'][number]>();
    return rows;
  }
}
