import { EntityManager } from 'typeorm';
import { AuditRecord } from '../audit/audit.service';
import { AuthUser } from '../common/auth/auth-user';
import { bindMarkers } from '../common/sql';
import { AgreementEntity } from './agreement.entity';

/** The stored PDF bytes of the agreements, in the order of `ids`. */
export async function agreementContents(manager: EntityManager, ids: number[]): Promise<Buffer[]> {
  const rows: { id: number; content: Buffer | Uint8Array }[] = await manager.query(
    `SELECT "id", "content" FROM "agreement" WHERE "id" IN (${bindMarkers(manager, ids.length)})`,
    ids,
  );
  const byId = new Map(rows.map((row) => [Number(row.id), Buffer.from(row.content)]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * A download of a copy that names the student in full (who and when): the same entry for one PDF and for
 * each agreement in a cohort's bundle, which says which cohort's bundle it was.
 */
export const downloaded = (
  actor: AuthUser,
  agreement: Pick<AgreementEntity, 'id' | 'studentId' | 'kind' | 'version'>,
  bundleOfCohort: number | null,
): AuditRecord => ({
  actor,
  action: 'agreement.downloaded',
  entityType: 'agreement',
  entityId: agreement.id,
  after: { studentId: agreement.studentId, kind: agreement.kind, version: agreement.version, bundleOfCohort },
});
