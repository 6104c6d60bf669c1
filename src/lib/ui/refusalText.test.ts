import { describe, expect, it } from 'vitest';
import { ERROR_CODES, refuse } from '$lib/domain/refusal';
import { refusalText, syncFileErrorText } from './refusalText';

describe('refusals in the person’s language', () => {
  it('keep the engine’s specific English wording in English', () => {
    const refusal = refuse('COUNT_VIOLATION', 'Only 0 of 10 are left.', 'Buy 1 more.');
    expect(refusalText(refusal, 'en')).toEqual({
      message: 'Only 0 of 10 are left.',
      remedy: 'Buy 1 more.',
    });
  });

  it('have Swedish and Danish wording for every error code', () => {
    for (const locale of ['sv', 'da'] as const) {
      for (const code of ERROR_CODES) {
        const text = refusalText(refuse(code, 'english', 'english'), locale);
        expect(text.message, `${locale} ${code}`).not.toBe('english');
        expect(text.remedy, `${locale} ${code}`).toBeTruthy();
      }
    }
  });

  it('translate sync file errors too', () => {
    const text = syncFileErrorText({ code: 'TAMPERED', message: 'x', remedy: 'y' }, 'da');
    expect(text.message).toContain('forfalsket');
  });
});
