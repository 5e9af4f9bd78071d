import fc from 'fast-check';
import { neutraliseCell, startsLikeFormula } from './spreadsheet-cell';

describe('neutraliseCell', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['=HYPERLINK("http://evil.example","点我")', '\'=HYPERLINK("http://evil.example","点我")'],
    ['+86 138 0000 1234', "'+86 138 0000 1234"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('puts an apostrophe before %j', (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it.each([[''], ['张小燕'], ['13800001234'], ['520524********1234'], ['M01;M02'], ["'=already quoted"], [' =leading space']])(
    'leaves %j unchanged',
    (value) => {
      expect(neutraliseCell(value)).toBe(value);
    },
  );

  it('never returns text that starts like a formula', () => {
    fc.assert(fc.property(fc.string(), (value) => !startsLikeFormula(neutraliseCell(value))));
  });

  it('changes nothing that does not start like a formula', () => {
    fc.assert(
      fc.property(
        fc.string().filter((value) => !startsLikeFormula(value)),
        (value) => neutraliseCell(value) === value,
      ),
    );
  });

  it('keeps the original text after the apostrophe', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('=', '+', '-', '@', '\t', '\r'),
        fc.string(),
        (first, rest) => neutraliseCell(first + rest) === `'${first}${rest}`,
      ),
    );
  });
});
