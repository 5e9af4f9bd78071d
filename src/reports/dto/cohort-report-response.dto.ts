import { ApiProperty } from '@nestjs/swagger';
import { DISBURSEMENT_KINDS, DisbursementKind } from '../../disbursements/rules/schedule';
import { EnterprisePlacementLineDto, MajorPlacementLineDto, PlacementCountsDto } from '../../placements/dto/placement-report-response.dto';
import { STUDENT_STATUSES, StudentStatus } from '../../students/rules/student-status';
import { MoneyTotals } from '../rules/cohort-report';
import { CohortReportFigures } from '../rules/report-tables';

export class StatusCountDto {
  @ApiProperty({ enum: STUDENT_STATUSES })
  status!: StudentStatus;
  students!: number;
}

export class MajorCountDto {
  /** null on the last line: the students who hold no major. */
  majorCode!: string | null;
  majorName!: string | null;
  /** The major's seats; null on the line of students without a major. */
  capacity!: number | null;
  students!: number;
}

export class CountyCountDto {
  homeProvince!: string;
  homeCounty!: string;
  students!: number;
}

export class StudentFiguresDto {
  /** Every student of the cohort, whatever the status. */
  total!: number;
  /** Every status of the lifecycle in its order, zeros included; adds up to total. */
  byStatus!: StatusCountDto[];
  /** Every major of the cohort by code (zeros included), then one line with majorCode null; adds up to total. */
  byMajor!: MajorCountDto[];
  /** Counties with at least one student, most students first (ties by province, then county); adds up to total. */
  byHomeCounty!: CountyCountDto[];
}

export class MoneyTotalsDto {
  /** Schedule lines counted. */
  lines!: number;
  /** Every line whatever its status; the five figures below add up to it. */
  totalFen!: number;
  scheduledFen!: number;
  approvedFen!: number;
  paidFen!: number;
  suspendedFen!: number;
  cancelledFen!: number;
}

export class KindTotalsLineDto extends MoneyTotalsDto {
  @ApiProperty({ enum: DISBURSEMENT_KINDS })
  kind!: DisbursementKind;
}

export class DisbursementFiguresDto {
  /** EDUCATION_FUND, LIVING_ALLOWANCE, WINTER_FARE, in that order, zeros included. */
  byKind!: KindTotalsLineDto[];
  /** Over every kind. */
  total!: MoneyTotalsDto;
}

export class PlacementFiguresDto {
  /** Every major of the cohort, as in GET /api/cohorts/:id/placement-report. */
  byMajor!: MajorPlacementLineDto[];
  /** Every enterprise with a quota in the cohort. */
  byEnterprise!: EnterprisePlacementLineDto[];
  /** The whole cohort; employmentRate = employed ÷ graduates, 0..1, null without graduates. */
  total!: PlacementCountsDto;
}

export class CohortReportResponseDto {
  cohortId!: number;
  cohortName!: string;
  intakeYear!: number;
  /** ISO-8601 UTC instant the figures were read. */
  generatedAt!: string;
  students!: StudentFiguresDto;
  /** In fen, from the schedule lines made at enrolment. */
  disbursements!: DisbursementFiguresDto;
  placements!: PlacementFiguresDto;
}

const toMoneyTotals = (m: MoneyTotals): MoneyTotalsDto => ({
  lines: m.lines,
  totalFen: m.totalFen,
  scheduledFen: m.scheduledFen,
  approvedFen: m.approvedFen,
  paidFen: m.paidFen,
  suspendedFen: m.suspendedFen,
  cancelledFen: m.cancelledFen,
});

const toPlacementCounts = (p: PlacementCountsDto): PlacementCountsDto => ({
  proposed: p.proposed,
  confirmed: p.confirmed,
  declined: p.declined,
  graduates: p.graduates,
  employed: p.employed,
  employmentRate: p.employmentRate,
});

export function toCohortReportResponse(
  cohort: { id: number; name: string; intakeYear: number },
  generatedAt: string,
  figures: CohortReportFigures,
): CohortReportResponseDto {
  const { students, disbursements, placements } = figures;
  return {
    cohortId: cohort.id,
    cohortName: cohort.name,
    intakeYear: cohort.intakeYear,
    generatedAt,
    students: {
      total: students.total,
      byStatus: students.byStatus.map((s) => ({ status: s.status, students: s.students })),
      byMajor: students.byMajor.map((m) => ({
        majorCode: m.majorCode,
        majorName: m.majorName,
        capacity: m.capacity,
        students: m.students,
      })),
      byHomeCounty: students.byHomeCounty.map((c) => ({ homeProvince: c.homeProvince, homeCounty: c.homeCounty, students: c.students })),
    },
    disbursements: {
      byKind: disbursements.byKind.map((k) => ({ kind: k.kind, ...toMoneyTotals(k) })),
      total: toMoneyTotals(disbursements.total),
    },
    placements: {
      byMajor: placements.byMajor.map((m) => ({ majorCode: m.majorCode, majorName: m.majorName, ...toPlacementCounts(m) })),
      byEnterprise: placements.byEnterprise.map((e) => ({
        enterpriseId: e.enterpriseId,
        enterpriseName: e.enterpriseName,
        ...toPlacementCounts(e),
      })),
      total: toPlacementCounts(placements.total),
    },
  };
}
