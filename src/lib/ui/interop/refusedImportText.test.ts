import { describe, expect, it } from 'vitest';
import type { ImportRefusalCode } from '$lib/interop/importPreview';
import { refusedImportText } from './refusedImportText';

const CODES: ImportRefusalCode[] = [
  'TOO_BIG',
  'UTF16_READ_AS_UTF8',
  'UTF16_WITHOUT_BOM',
  'NOT_UTF8',
  'BROKEN_JSON',
  'CUT_SHORT',
  'EMPTY',
  'NOT_GRAPH',
  'NOT_ACTIVE_USERS',
  'WHICH_FILES',
];

describe('a refused import in the person’s language', () => {
  it('has its own wording for every code in every language, naming the file', () => {
    for (const locale of ['en', 'sv', 'da'] as const) {
      const messages = CODES.map(
        (code) => refusedImportText({ file: 'users.json', code, why: 'x' }, locale).message,
      );
      expect(new Set(messages).size, locale).toBe(CODES.length);
      for (const message of messages) expect(message, locale).toContain('users.json');
    }
  });

  it('keeps the reader’s specifics, such as the line of broken JSON', () => {
    const text = refusedImportText(
      { file: 'u.json', code: 'BROKEN_JSON', why: 'broken JSON at line 25: Expected ","' },
      'sv',
    );
    expect(text).toEqual({
      message: 'u.json är inte giltig JSON. Spara Graph-svaret igen, oförändrat.',
      detail: 'u.json: broken JSON at line 25: Expected ","',
    });
  });
});
