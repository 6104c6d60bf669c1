import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { loadCatalogue } from '../domain/catalogue/catalogue';
import { DEMO_CREATOR } from '../domain/demo';
import { openDb } from './db';
import { createDemoTenant } from './demoTenant';
import { TenantSession } from './tenantSession';

const catalogue = await loadCatalogue();
const clock = () => Date.UTC(2026, 10, 22, 9);

it('makes the demo tenant as ops, so reopening replays to the same people', async () => {
  const db = openDb('demo');
  const session = await createDemoTenant(db, 'MCA', catalogue, clock);
  expect(session.replica.opCount).toBe(2);
  const people = Object.keys(session.tenant.users).length;
  expect(people).toBeGreaterThan(50);
  expect((await db.tenants.get(session.tenantId))?.kind).toBe('demo');
  expect((await db.tenants.get(session.tenantId))?.person).toBe(DEMO_CREATOR.id);
  await session.close();

  const reopened = await TenantSession.open(db, session.tenantId, catalogue, clock);
  expect(Object.keys(reopened.tenant.users)).toHaveLength(people);
  await reopened.close();
});
