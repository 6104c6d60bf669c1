import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { exportSyncFile, importSyncFile } from './syncFile';
import { testDevices } from './testDevices';

const CARD = '4111 1111 1111 1111';
const DIGITS = '4111111111111111';
const CODE = '987';

const addCard = (overrides: Record<string, unknown> = {}) => ({
  type: 'addPaymentMethod',
  payload: {
    id: 'visa',
    cardNumber: CARD,
    securityCode: CODE,
    expiry: '12/2028',
    nameOnCard: 'Bo Holm',
    address: 'Storgatan 1, 111 22 Stockholm',
    ...overrides,
  },
});

/** Everything this replica would write, send or export, as text. */
function logText(doc: Y.Doc): string {
  return JSON.stringify([...doc.getMap<string>('ops').values()]);
}

function expectNoCardSecrets(text: string) {
  expect(text).not.toContain(DIGITS);
  expect(text).not.toContain(CARD);
  expect(text).not.toContain(CODE);
  expect(text).not.toContain('securityCode');
  expect(text).not.toContain('cardNumber');
}

describe('payment methods in the op log (BILL-3: the security code is never stored)', () => {
  it('records a card without its security code or full number, and replays it on another replica', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const added = await laptop.execute(addCard(), 'bo', start + 1000);
    expect(added.ok).toBe(true);
    expect(added.op!.payload).toEqual({
      id: 'visa',
      expiry: '12/2028',
      nameOnCard: 'Bo Holm',
      address: 'Storgatan 1, 111 22 Stockholm',
      last4: '1111',
      cardChecked: true,
    });
    const edited = await laptop.execute(
      {
        type: 'updatePaymentMethod',
        payload: { id: 'visa', securityCode: CODE, expiry: '01/2029' },
      },
      'bo',
      start + 2000,
    );
    expect(edited.ok).toBe(true);
    expect(edited.op!.payload).toEqual({ id: 'visa', expiry: '01/2029', cardChecked: true });

    // Neither the document (what y-indexeddb stores and the relay passes on) nor a sync file holds them.
    expectNoCardSecrets(logText(laptop.doc));
    expectNoCardSecrets(JSON.stringify(laptop.activity()));
    const file = await exportSyncFile(laptop, { tenant: 'contoso', now: start + 3000 });
    expectNoCardSecrets(new TextDecoder().decode(file));

    // The other replica decides the recorded form at its position and reaches the same state.
    expect(await importSyncFile(phone, file, { tenant: 'contoso', now: start + 3000 })).toEqual({
      ok: true,
      added: 2,
    });
    expect(phone.conflicts).toEqual([]);
    expect(phone.derivedState()).toBe(laptop.derivedState());
    expect(phone.query('paymentMethods', {}, start + 3000)).toMatchObject({
      ok: true,
      value: [{ id: 'visa', last4: '1111', expiry: '01/2029', nameOnCard: 'Bo Holm' }],
    });
  });

  it('refuses a bad security code on the device, with nothing recorded', async () => {
    const { devices, start } = await testDevices(['laptop']);
    const laptop = devices.get('laptop')!;
    const refused = await laptop.execute(addCard({ securityCode: '12' }), 'bo', start + 1000);
    expect(refused.ok ? 'ok' : refused.refusal.code).toBe('INVALID_PAYMENT_METHOD');
    expect(refused.ok ? null : refused.refusal.params).toEqual({ field: 'securityCode' });
    expect('op' in refused).toBe(false);
    const badNumber = await laptop.execute(
      addCard({ cardNumber: '4111111111111112' }),
      'bo',
      start + 2000,
    );
    expect(badNumber.ok ? 'ok' : badNumber.refusal.code).toBe('INVALID_PAYMENT_METHOD');
    expect(laptop.opMap.size).toBe(0);
    expect(laptop.tenant.paymentMethods).toEqual({});
  });

  it('keeps the locally decided card as the replay of its recorded op would', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(addCard(), 'bo', start + 1000);
    // The phone takes in the raw document, as over the relay.
    Y.applyUpdate(phone.doc, Y.encodeStateAsUpdate(laptop.doc));
    await phone.refresh(start + 2000);
    expect(phone.derivedState()).toBe(laptop.derivedState());
    expect(phone.tenant.paymentMethods['visa']).toMatchObject({ last4: '1111', addedBy: 'bo' });
  });
});
