import { DICTIONARY, LANGS, TEXT_PARTS, translate } from './i18n';

describe('the pages dictionary', () => {
  it('has a non-empty text in every language for every key', () => {
    for (const [key, texts] of Object.entries(DICTIONARY)) {
      for (const lang of LANGS)
        expect({ key, lang, text: (texts as Record<string, string>)[lang]?.trim() || null }).toEqual({
          key,
          lang,
          text: expect.any(String),
        });
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, texts] of Object.entries(DICTIONARY))
      expect({ key, en: placeholders(texts.en) }).toEqual({ key, en: placeholders(texts.zh) });
  });

  it('has no key defined by two parts (core and texts/*.ts), and every part is in the dictionary', () => {
    const owners = new Map<string, string[]>();
    for (const [part, texts] of Object.entries(TEXT_PARTS))
      for (const key of Object.keys(texts)) owners.set(key, [...(owners.get(key) ?? []), part]);
    expect([...owners].filter(([, parts]) => parts.length > 1)).toEqual([]);
    expect(Object.keys(DICTIONARY).sort()).toEqual([...owners.keys()].sort());
  });

  it('fills placeholders and shows an unknown key as itself', () => {
    expect(translate('en', 'staff.approved', { count: 3 })).toBe('3 lines approved.');
    expect(translate('zh', 'staff.approved', { count: 3 })).toBe('已审批 3 笔。');
    expect(translate('zh', 'no.such.key')).toBe('no.such.key');
  });
});
