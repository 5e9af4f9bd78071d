import { bearer, TestApp } from '../utils/test-app';
import { cohortBody, enterpriseBody, majorBody, programBody } from './bodies';

// Reference data created through the HTTP API, for the tests of those endpoints themselves.
interface Created {
  id: number;
}

export async function createProgram(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<Created> {
  return (await t.http().post('/api/programs').set(bearer(token)).send(programBody(overrides)).expect(201)).body;
}

/** A cohort of a new programme unless programId is given. */
export async function createCohort(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<Created> {
  const programId = (overrides.programId as number | undefined) ?? (await createProgram(t, token)).id;
  return (await t.http().post('/api/cohorts').set(bearer(token)).send(cohortBody(programId, overrides)).expect(201)).body;
}

export async function createMajor(t: TestApp, token: string, cohortId: number, overrides: Record<string, unknown> = {}): Promise<Created> {
  return (await t.http().post(`/api/cohorts/${cohortId}/majors`).set(bearer(token)).send(majorBody(overrides)).expect(201)).body;
}

export async function createEnterprise(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<Created> {
  return (await t.http().post('/api/enterprises').set(bearer(token)).send(enterpriseBody(overrides)).expect(201)).body;
}
