import * as iconv from 'iconv-lite';
import { expectedShare, guessCsvEncoding, SAMPLE_CHARS } from './csv-encoding';

/** The two readings of some bytes, as the reader makes them. */
function readings(bytes: Buffer): [string | null, () => string] {
  let asUtf8: string | null;
  try {
    asUtf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    asUtf8 = null;
  }
  return [asUtf8, () => new TextDecoder('gb18030').decode(bytes)];
}

const guess = (bytes: Buffer) => guessCsvEncoding(...readings(bytes));

describe('expectedShare', () => {
  it('counts Han characters, CJK and full-width punctuation, and letters of names among the non-ASCII characters', () => {
    expect(expectedShare('姓名,王芳；，阿依古丽·买买提,José')).toBe(1);
    expect(expectedShare('name,\u0661\u03b0')).toBe(0);
    expect(expectedShare('王\ufffd')).toBe(0.5);
  });

  it('counts a character beyond U+FFFF once: Han of the extension planes is expected, an emoji is not', () => {
    expect(expectedShare('𠀀𪚥')).toBe(1);
    expect(expectedShare('王😀')).toBe(0.5);
  });

  it('judges the first SAMPLE_CHARS characters only', () => {
    expect(expectedShare('a'.repeat(SAMPLE_CHARS - 1) + '王\u0661')).toBe(1);
  });

  it('is 1 for ASCII-only text, which reads the same either way', () => {
    expect(expectedShare('fullName,nationalId')).toBe(1);
  });
});

describe('guessCsvEncoding', () => {
  it('reads UTF-8 Chinese as UTF-8 without doubt', () => {
    expect(guess(Buffer.from('姓名,户籍县\n李小龙,织金县\n', 'utf8'))).toEqual({ encoding: 'utf-8', doubtful: false });
  });

  it('keeps UTF-8 for names with a middle dot, as minority names are written', () => {
    expect(guess(Buffer.from('姓名\n阿依古丽·买买提\n', 'utf8'))).toEqual({ encoding: 'utf-8', doubtful: false });
  });

  it('reads bytes that are not valid UTF-8 as GB18030 without doubt', () => {
    expect(guess(iconv.encode('姓名\n龙晓燕\n', 'gb18030'))).toEqual({ encoding: 'gb18030', doubtful: false });
  });

  it('reads GB18030 that is also valid UTF-8 (佟伟) as GB18030, and says the choice was a guess', () => {
    const bytes = iconv.encode('fullName,homeCounty\n佟伟,x\n', 'gb18030');
    expect(readings(bytes)[0]).not.toBeNull();
    expect(guess(bytes)).toEqual({ encoding: 'gb18030', doubtful: true });
  });

  it('does not read the file as GB18030 at all when its UTF-8 reading is clearly Chinese', () => {
    const unread = () => {
      throw new Error('read as GB18030');
    };
    expect(guessCsvEncoding('姓名,户籍县\n李小龙,织金县\n', unread)).toEqual({ encoding: 'utf-8', doubtful: false });
  });

  it('reads ASCII-only text as UTF-8 without doubt', () => {
    expect(guess(Buffer.from('fullName,nationalId\nLi,1\n'))).toEqual({ encoding: 'utf-8', doubtful: false });
  });

  it('keeps UTF-8 names with accented Latin letters, which GB18030 would read as Han', () => {
    expect(guess(Buffer.from('name\nJosé Müller\n', 'utf8'))).toEqual({ encoding: 'utf-8', doubtful: false });
  });

  it('keeps valid UTF-8 full of odd characters when GB18030 reads no better, but says the choice is doubtful', () => {
    expect(guessCsvEncoding('name\n\u0661\u03b0\n', () => 'name\n\ufffd\ufffd\n')).toEqual({ encoding: 'utf-8', doubtful: true });
  });
});
