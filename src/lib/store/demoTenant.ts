import type { Catalogue } from '../domain/catalogue/catalogue';
import { DEMO_CREATOR, DEMO_NAME, demoImport } from '../domain/demo';
import type { BillingAccountType } from '../domain/types';
import type { SeatsDb } from './db';
import { TenantSession, type Clock } from './tenantSession';

/** Makes the demo tenant in this browser: a createTenant op, then the demo's import op. */
export async function createDemoTenant(
  db: SeatsDb,
  type: BillingAccountType,
  catalogue: Catalogue,
  clock: Clock = Date.now,
): Promise<TenantSession> {
  const { session, outcome } = await TenantSession.create(
    db,
    { name: DEMO_NAME, billingAccountType: type, creator: DEMO_CREATOR },
    catalogue,
    clock,
    'demo',
  );
  const imported = outcome.ok
    ? await session.execute(
        { type: 'importTenant', payload: demoImport(type, clock()) },
        DEMO_CREATOR.id,
      )
    : outcome;
  if (!imported.ok) {
    await session.close();
    throw new Error(`The demo tenant could not be made: ${imported.refusal.message}`);
  }
  return session;
}
