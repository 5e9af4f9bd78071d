import { Readable } from 'node:stream';
import { attachmentDisposition, toStreamableFile } from './attachment';

describe('attachmentDisposition', () => {
  it('gives an ASCII name in both forms', () => {
    expect(attachmentDisposition('cohort-12-students.csv')).toBe(
      `attachment; filename="cohort-12-students.csv"; filename*=UTF-8''cohort-12-students.csv`,
    );
  });

  it('replaces non-ASCII and quoting characters in the plain name and percent-encodes the extended one', () => {
    expect(attachmentDisposition('学生 "名单"(1).csv')).toBe(
      `attachment; filename="__ ____(1).csv"; filename*=UTF-8''%E5%AD%A6%E7%94%9F%20%22%E5%90%8D%E5%8D%95%22%281%29.csv`,
    );
  });
});

describe('toStreamableFile', () => {
  it('carries the media type and the disposition', () => {
    const file = toStreamableFile({ stream: Readable.from(['x']), contentType: 'text/csv; charset=utf-8', fileName: 'a.csv' });
    expect(file.getHeaders()).toMatchObject({ type: 'text/csv; charset=utf-8', disposition: expect.stringContaining('filename="a.csv"') });
  });
});
