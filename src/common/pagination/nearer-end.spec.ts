import fc from 'fast-check';
import { nearerEndWindow } from './nearer-end';

/** The ids a window reads from a list 0..total-1, in list order. */
function read(total: number, skip: number, take: number): number[] {
  const seek = nearerEndWindow(total, skip, take);
  if (seek.empty) return [];
  const ascending = Array.from({ length: total }, (_, i) => i);
  if (!seek.descending) return ascending.slice(seek.skip, seek.skip + seek.take);
  return [...ascending]
    .reverse()
    .slice(seek.skip, seek.skip + seek.take)
    .reverse();
}

describe('nearerEndWindow', () => {
  it('reads the first page from the front', () => {
    expect(nearerEndWindow(100_000, 0, 50)).toEqual({ empty: false, descending: false, skip: 0, take: 50 });
  });

  it('reads the last page from the back with no offset, even when it is short', () => {
    expect(nearerEndWindow(100_010, 100_000, 50)).toEqual({ empty: false, descending: true, skip: 0, take: 10 });
  });

  it('has nothing past the end', () => {
    expect(nearerEndWindow(10, 10, 50)).toEqual({ empty: true });
    expect(nearerEndWindow(0, 0, 50)).toEqual({ empty: true });
  });

  it('always reads exactly the rows of the page, skipping at most half the list', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(600), fc.integer({ min: 1, max: 60 }), (total, skip, take) => {
        const expected = Array.from({ length: total }, (_, i) => i).slice(skip, skip + take);
        expect(read(total, skip, take)).toEqual(expected);
        const seek = nearerEndWindow(total, skip, take);
        if (!seek.empty) expect(seek.skip).toBeLessThanOrEqual(total / 2);
      }),
    );
  });
});
