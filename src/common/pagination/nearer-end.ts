import { SelectQueryBuilder } from 'typeorm';

export type SeekWindow = { empty: true } | { empty: false; descending: boolean; skip: number; take: number };

/**
 * Where to read page rows `[skip, skip + take)` of a list of `total` rows sorted ascending: from the
 * front, or, when the page lies in the back half, from the back in reverse order with the smaller
 * offset. A database walks every skipped row, so the last page then costs what the first one does.
 */
export function nearerEndWindow(total: number, skip: number, take: number): SeekWindow {
  const end = Math.min(skip + take, total);
  if (end <= skip) return { empty: true };
  const fromBack = total - end;
  if (fromBack < skip) return { empty: false, descending: true, skip: fromBack, take: end - skip };
  return { empty: false, descending: false, skip, take: end - skip };
}

/**
 * One page of `qb` in `direction` of `idColumn` (e.g. 's.id'), with the total. Counts first, then
 * reads the page from whichever end of the list is nearer; the rows come back in `direction`.
 */
export async function pageFromNearerEnd<T extends object>(
  qb: SelectQueryBuilder<T>,
  idColumn: string,
  direction: 'ASC' | 'DESC',
  window: { skip: number; take: number },
): Promise<[T[], number]> {
  // COUNT(*), not getCount's COUNT(DISTINCT id): no joins here, and PostgreSQL hashes every id for DISTINCT.
  const counted = await qb.clone().select('COUNT(*)', 'n').orderBy().getRawOne<{ n: number | string }>();
  const total = Number(counted?.n ?? 0);
  const seek = nearerEndWindow(total, window.skip, window.take);
  if (seek.empty) return [[], total];
  const flip = (d: 'ASC' | 'DESC'): 'ASC' | 'DESC' => (d === 'ASC' ? 'DESC' : 'ASC');
  const rows = await qb
    .orderBy(idColumn, seek.descending ? flip(direction) : direction)
    .offset(seek.skip)
    .limit(seek.take)
    .getMany();
  return [seek.descending ? rows.reverse() : rows, total];
}
