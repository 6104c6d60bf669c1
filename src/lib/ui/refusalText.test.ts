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

  it('word why Buy / Remove licenses are unavailable as the seeds’ tables do (LIC-5)', () => {
    const say = (code: Parameters<typeof refuse>[0], locale: 'sv' | 'da') => {
      const { message, remedy } = refusalText(refuse(code, 'x', 'y'), locale);
      return `${message} ${remedy}`;
    };
    expect(say('CREDIT_CHECK_PENDING', 'sv')).toContain('upp till två arbetsdagar');
    expect(say('CREDIT_CHECK_PENDING', 'da')).toContain('op til to arbejdsdage');
    expect(say('PREPAID', 'sv')).toContain('”Förbetald” i kolumnen Inköpskanal');
    expect(say('PREPAID', 'da')).toContain('»Forudbetalt« i kolonnen Køb kanal');
    expect(say('RESELLER', 'sv')).toContain('din partner för molnlösningar');
    expect(say('RESELLER', 'da')).toContain('din CSP-partner');
    expect(say('TRIAL', 'sv')).toContain('Först köper du utvärderingsprenumerationen');
    expect(say('TRIAL', 'da')).toContain('Først skal du købe dit prøveabonnement');
    expect(say('END_OF_SALE', 'da')).toContain('ikke længere tilgængeligt at købe');
    // The same codes refuse other changes too, where the table's remedy would not fit.
    const managed = refuse('RESELLER', 'x', 'y', { remedyCase: 'managed' });
    expect(refusalText(managed, 'sv').remedy).toBe('Kontakta din partner för att ändra den.');
  });

  it('translate sync file errors too', () => {
    const text = syncFileErrorText({ code: 'TAMPERED', message: 'x', remedy: 'y' }, 'da');
    expect(text.message).toContain('forfalsket');
  });
});
