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

  it('follow the case the engine names, so the remedy can be followed', () => {
    const expired = refuse('SUBSCRIPTION_NOT_ACTIVE', 'x', 'y', { remedyCase: 'buyNew' });
    expect(refusalText(expired, 'sv').remedy).toContain('köp en ny prenumeration');
    const prepaid = refuse('SUBSCRIPTION_NOT_ACTIVE', 'x', 'y', { remedyCase: 'redeemKey' });
    expect(refusalText(prepaid, 'da').remedy).toContain('produktnøgle');
    const billingOff = refuse('REMOVAL_WINDOW_CLOSED', 'x', 'y', {
      remedyCase: 'turnOnRecurringBilling',
    });
    expect(refusalText(billingOff, 'sv').remedy).toContain('Aktivera återkommande fakturering');
    const unknown = refuse('COUNT_VIOLATION', 'x', 'y', { remedyCase: 'nothing-known' });
    expect(refusalText(unknown, 'da').remedy).toBe(
      refusalText(refuse('COUNT_VIOLATION', 'x'), 'da').remedy,
    );
  });

  it('translate sync file errors too', () => {
    const text = syncFileErrorText({ code: 'TAMPERED', message: 'x', remedy: 'y' }, 'da');
    expect(text.message).toContain('forfalsket');
  });
});
