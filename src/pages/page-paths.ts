import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';

/**
 * Every page route, kept out of the /api prefix. None of them may share a path with an API route:
 * an excluded path loses the prefix whichever controller declares it.
 */
const PATHS = [
  '/',
  'login',
  'logout',
  'password',
  'student',
  'student/:id',
  'student/agreements/:id/pdf',
  'enterprise',
  'enterprise/placements',
  'enterprise/placements/decide',
  'enterprise/placements/:id/confirm',
  'enterprise/placements/:id/decline',
  'enterprise/fares',
  'enterprise/fares/pay',
  'enterprise/students',
  'staff',
  'staff/cohorts/:id/approve-due',
  'staff/cohorts/:id',
  'staff/cohorts/:id/major-assignment',
  'staff/cohorts/:id/internships/propose',
  'staff/cohorts/:id/employment/propose',
  'staff/cohorts/:id/agreements',
  'staff/cohorts/:id/agreements/bundle',
  'staff/cohorts/:id/student-accounts',
  'staff/cohorts/:id/import',
  'staff/cohorts/:id/report',
  'staff/cohorts/:id/students',
  'staff/cohorts/:id/status',
  'staff/cohorts/:id/enrol',
  'staff/cohorts/:id/placements',
  'staff/cohorts/:id/export',
  'staff/cohorts/:id/report/export',
  'staff/jobs/:id',
  'staff/setup',
  'staff/setup/programs',
  'staff/setup/cohorts',
  'staff/setup/enterprises',
  'staff/setup/cohorts/:id',
  'staff/setup/cohorts/:id/majors',
  'staff/setup/cohorts/:id/quotas',
  'staff/search',
  'staff/students/:id',
  'staff/students/:id/status',
  'staff/students/:id/major',
  'staff/students/:id/lines/:lineId/approve',
  'staff/students/:id/lines/:lineId/pay',
  'staff/students/:id/agreements',
  'staff/students/:id/account',
];

export const PAGE_PATHS: RouteInfo[] = PATHS.map((path) => ({ path, method: RequestMethod.ALL }));
