import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements/agreements.service';
import { AuthUser } from '../common/auth/auth-user';
import { Clock } from '../common/clock';
import { DisbursementsService } from '../disbursements/disbursements.service';
import { StudentsService } from '../students/students.service';
import { stipendGlance, StipendGlance } from './rules/stipend-glance';

export interface StudentPageModel {
  student: { id: number; fullName: string; nationalIdMasked: string; status: string; majorCode: string | null };
  glance: StipendGlance;
  lines: {
    dueDate: string;
    kind: string;
    studyYear: number;
    installment: number;
    amountFen: number;
    status: string;
    statusReason: string | null;
  }[];
  agreements: { id: number; kind: string; version: number; createdAt: string }[];
}

/** A student's page, read through the API's own services with the session's user, so ownership is the API's. */
@Injectable()
export class StudentPagesService {
  constructor(
    private readonly students: StudentsService,
    private readonly disbursements: DisbursementsService,
    private readonly agreements: AgreementsService,
    private readonly clock: Clock,
  ) {}

  async page(actor: AuthUser, studentId: number): Promise<StudentPageModel> {
    const student = await this.students.get(actor, studentId);
    const schedule = await this.disbursements.forStudent(actor, studentId);
    const agreements = await this.agreements.list(actor, studentId, { page: 1, pageSize: 100 });
    return {
      student: {
        id: student.id,
        fullName: student.fullName,
        nationalIdMasked: student.nationalIdMasked,
        status: student.status,
        majorCode: student.majorCode,
      },
      glance: stipendGlance(schedule.items, this.clock.today()),
      lines: schedule.items.map((line) => ({
        dueDate: line.dueDate,
        kind: line.kind,
        studyYear: line.studyYear,
        installment: line.installment,
        amountFen: line.amountFen,
        status: line.status,
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
}
