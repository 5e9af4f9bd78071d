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
  'enterprise/placements/:id/confirm',
  'enterprise/placements/:id/decline',
  'enterprise/fares/:id/pay',
  'staff',
  'staff/cohorts/:id/approve-due',
  'staff/cohorts/:id',
  'staff/cohorts/:id/major-assignment',
  'staff/cohorts/:id/internships/propose',
  'staff/cohorts/:id/employment/propose',
  'staff/cohorts/:id/agreements',
  'staff/cohorts/:id/student-accounts',
  'staff/cohorts/:id/import',
  'staff/cohorts/:id/report',
  'staff/jobs/:id',
];

export const PAGE_PATHS: RouteInfo[] = PATHS.map((path) => ({ path, method: RequestMethod.ALL }));
