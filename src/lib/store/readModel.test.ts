import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../domain/catalogue/catalogue';
import { openDb, type SeatsDb } from './db';
import { changesBetween, readModelOf } from './readModel';
import { TenantSession } from './tenantSession';

const catalogue = await loadCatalogue();
let clockValue = Date.UTC(2026, 2, 2, 9);
const clock = () => (clockValue += 1000);

/** A tenant with people in two departments, a subscription, and licenses given and taken back. */
async function newTenant(dbName: string) {
  const db = openDb(dbName);
  const { session } = await TenantSession.create(
    db,
    {
      name: 'Contoso',
      billingAccountType: 'MOSA',
      creator: { id: 'ann', displayName: 'Ann Berg', usageLocation: 'SE' },
    },
    catalogue,
    clock,
  );
  const run = async (type: string, payload: unknown) =>
    expect((await session.execute({ type, payload }, 'ann')).ok).toBe(true);
  await run('buySubscription', {
    id: 'e3',
    product: 'ENTERPRISEPACK',
    total: 5,
    billingFrequency: 'monthly',
  });
  for (const [id, displayName, department] of [
    ['bo', 'Bo Madsen', 'Sales'],
    ['cy', 'Cy Andersen', 'Sales'],
    ['di', 'Di Nyberg', 'Finance'],
  ]) {
    await run('addUser', { id, displayName, department, usageLocation: 'DK' });
  }
  await run('assignLicenses', { subscription: 'e3', users: ['bo', 'cy', 'di'] });
  await run('unassignLicenses', { subscription: 'e3', users: ['cy'] });
  return { db, session };
}

const inTenant = (tenant: string) => [
  [tenant, Dexie.minKey],
  [tenant, Dexie.maxKey],
];

async function rowsOf(db: SeatsDb, tenant: string) {
  const [from, to] = inTenant(tenant);
  return {
    sales: (await db.users.where('[tenant+department]').equals([tenant, 'Sales']).toArray())
      .map((u) => u.id)
      .sort(),
    holders: (await db.assignments.where(':id').between(from, to).toArray()).map((a) => a.user),
    licensesOfBo: (await db.users.get([tenant, 'bo']))?.licenses,
    audit: (await db.audit.where(':id').between(from, to).toArray()).map((a) => [
      a.type,
      a.author,
      a.outcome,
    ]),
  };
}

describe('the read model in IndexedDB', () => {
  it('is written with the snapshot, in one transaction, and follows each change', async () => {
    const { db, session } = await newTenant('rm1');
    await session.save();
    const record = await db.snapshots.get(session.tenantId);
    expect(record?.readModel?.digest).toBe(record?.snapshot.digest);
    const rows = await rowsOf(db, session.tenantId);
    expect(rows.sales).toEqual(['bo', 'cy']);
    expect(rows.holders).toEqual(['bo', 'di']);
    expect(rows.licensesOfBo).toEqual(['e3']);
    expect(rows.audit).toHaveLength(session.replica.opCount);
    expect(rows.audit[0]).toEqual(['createTenant', null, null]);
    const named = db.users
      .where('[tenant+displayName]')
      .between([session.tenantId, 'C'], [session.tenantId, 'D\uffff']);
    expect((await named.toArray()).map((u) => u.id)).toEqual(['cy', 'di']);

    await session.execute(
      { type: 'unassignLicenses', payload: { subscription: 'e3', users: ['bo'] } },
      'ann',
    );
    await session.save();
    const after = await rowsOf(db, session.tenantId);
    expect(after.holders).toEqual(['di']);
    expect(after.licensesOfBo).toEqual([]);
    expect(after.audit).toHaveLength(session.replica.opCount);
    await session.close();
  });

  it('is kept on start when it reflects the snapshot the start used, and updated from there', async () => {
    const { db, session } = await newTenant('rm2');
    await session.close();
    const reopened = await TenantSession.open(db, session.tenantId, catalogue, clock);
    expect(reopened.restored).toBe(true);
    expect(reopened.readModelKept).toBe(true);
    // The first change after the start is written against the rows as stored.
    await reopened.execute(
      { type: 'unassignLicenses', payload: { subscription: 'e3', users: ['di'] } },
      'ann',
    );
    await reopened.save();
    const rows = await rowsOf(db, session.tenantId);
    expect(rows.holders).toEqual(['bo']);
    expect(rows.audit).toHaveLength(reopened.replica.opCount);
    const record = await db.snapshots.get(session.tenantId);
    expect(record?.readModel?.rows.assignments).toBe(1);
    await reopened.close();
  });

  it('is rebuilt from the log on start when it disagrees with the snapshot', async () => {
    const { db, session } = await newTenant('rm3');
    await session.close();
    const expected = await rowsOf(db, session.tenantId);
    // Rows lost (a crash, a cleared table) behind the stamp's back.
    await db.users.delete([session.tenantId, 'bo']);
    await db.assignments.clear();

    const reopened = await TenantSession.open(db, session.tenantId, catalogue, clock);
    expect(reopened.restored).toBe(true);
    expect(reopened.readModelKept).toBe(false);
    await reopened.save();
    expect(await rowsOf(db, session.tenantId)).toEqual(expected);
    await reopened.close();
  });

  it('is rebuilt when the snapshot no longer matches the op log', async () => {
    const { db, session } = await newTenant('rm4');
    await session.save();
    const stale = await db.snapshots.get(session.tenantId);
    await session.execute(
      { type: 'assignLicenses', payload: { subscription: 'e3', users: ['cy'] } },
      'ann',
    );
    const expected = session.replica.derivedState();
    await session.close();
    // A crash after the op was stored but before the snapshot and read model were.
    await db.snapshots.put(stale!);

    const reopened = await TenantSession.open(db, session.tenantId, catalogue, clock);
    expect(reopened.restored).toBe(false);
    expect(reopened.readModelKept).toBe(false);
    expect(reopened.replica.derivedState()).toBe(expected);
    await reopened.save();
    expect((await rowsOf(db, session.tenantId)).holders).toEqual(['bo', 'cy', 'di']);
    await reopened.close();
  });

  it('comes with an upgrade of a database made before it, which keeps what it held', async () => {
    const before = new Dexie('rm5');
    before.version(1).stores({
      tenants: 'id, openedAt',
      identities: 'tenant',
      snapshots: 'tenant',
      settings: 'key',
    });
    await before.table('settings').put({ key: 'language', value: 'sv' });
    before.close();
    const db = openDb('rm5');
    expect(await db.settings.get('language')).toEqual({ key: 'language', value: 'sv' });
    expect(await db.users.count()).toBe(0);
    db.close();
  });

  it('takes over unchanged rows and writes only what changed, down to an array changed in place', async () => {
    const { db, session } = await newTenant('rm6');
    const tenant = structuredClone(session.replica.tenant);
    const { conflicts } = session.replica;
    const model = () => readModelOf('t', tenant, conflicts, session.replica.activity(), before);
    let before: ReturnType<typeof readModelOf> | null = null;
    before = model();
    const after = model();
    expect(after.users.get('bo')).toBe(before.users.get('bo'));
    expect(Object.values(changesBetween(before, after)).every((c) => !c.put.length)).toBe(true);

    tenant.users['bo'].roles.push('UserAdministrator');
    delete (tenant.users['cy'] as { department?: string | null }).department;
    const changed = changesBetween(before, model());
    expect(changed.users.put.map((row) => (row as { id: string }).id).sort()).toEqual(['bo', 'cy']);
    expect(changed.assignments.put).toEqual([]);
    await session.close();
    db.close();
  });
});
