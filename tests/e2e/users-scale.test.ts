import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createCatalogue, parseCatalogueData } from '../../src/lib/domain/catalogue/catalogue';
import { emptyTenant } from '../../src/lib/domain/types';
import { createDeviceKeys } from '../../src/lib/replica/deviceKeys';
import { OpCipher } from '../../src/lib/replica/opCipher';
import { Replica } from '../../src/lib/replica/replica';
import type { TenantKey } from '../../src/lib/replica/sealing';
import { exportSyncFile, importSyncFile } from '../../src/lib/replica/syncFile';
import { writeDeviceCode } from '../../src/lib/ui/sync/deviceCode';

const PEOPLE = 10_000;
const DEPARTMENTS = ['Sales', 'Finance', 'IT', 'Support', 'Marketing', 'Legal'];
const LOCATIONS = ['SE', 'DK', 'NO', 'FI', 'DE', 'US'];

/** The catalogue as the app loads it; Playwright's loader takes no JSON modules. */
const catalogue = createCatalogue(
  parseCatalogueData(
    JSON.parse(
      readFileSync(
        new URL('../../src/lib/domain/catalogue/products.json', import.meta.url),
        'utf8',
      ),
    ),
  ),
);

/** 10,000 people as one import op (ARCHITECTURE.md: batch, not one op per user); half hold E3. */
function bigImport() {
  const users = Array.from({ length: PEOPLE }, (_, i) => ({
    id: `person${i}`,
    displayName: `Person ${String(i).padStart(5, '0')}`,
    department: DEPARTMENTS[i % DEPARTMENTS.length],
    usageLocation: LOCATIONS[i % LOCATIONS.length],
  }));
  return {
    users,
    subscriptions: [{ id: 'e3-all', product: 'ENTERPRISEPACK', total: PEOPLE }],
    assignments: users
      .filter((_, i) => i % 2 === 0)
      .map((u) => ({ user: u.id, subscription: 'e3-all' })),
  };
}

async function openSync(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
}

/**
 * The grid scrolled like a fast mouse wheel, two rows a frame, so rows enter and leave at every
 * step (the costly case). For each step: the page's own work (the scroll handler, rendering the
 * rows that come in, the layout that needs) measured on its own, then the frame it took on
 * screen, which on a shared machine also counts everyone else's work. Also the most rows ever in
 * the page, and the rows after a jump to the end.
 */
function scrollThrough(page: Page, steps: number) {
  return page.evaluate(async (steps) => {
    const viewport = document.querySelector<HTMLElement>('[role="grid"]')!.parentElement!;
    const rowHeight = 44;
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const work: number[] = [];
    const frames: number[] = [];
    let rendered = 0;
    let last = await frame();
    for (let i = 1; i <= steps; i++) {
      const start = performance.now();
      viewport.scrollTop = i * 2 * rowHeight;
      viewport.dispatchEvent(new Event('scroll'));
      await Promise.resolve(); // Svelte renders in the microtask the handler queued.
      void viewport.querySelector<HTMLElement>('[role="row"]:last-child')!.offsetTop;
      work.push(performance.now() - start);
      const now = await frame();
      frames.push(now - last);
      last = now;
      rendered = Math.max(rendered, viewport.querySelectorAll('[role="row"]').length);
    }
    viewport.scrollTop = viewport.scrollHeight;
    await frame();
    await frame();
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
    const rows = [...viewport.querySelectorAll('[role="row"]')];
    return {
      workMedian: median(work),
      workMax: Math.max(...work),
      frameMedian: median(frames),
      rendered,
      atBottom: rows.map((row) => row.textContent ?? '').join('\n'),
    };
  }, steps);
}

/** Time from a keystroke in the search box until the grid shows the answer, in the page. */
function searchTime(page: Page, text: string) {
  return page.evaluate(async (text) => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    const grid = document.querySelector('[role="grid"]')!;
    const before = grid.getAttribute('aria-rowcount');
    const start = performance.now();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    while (grid.getAttribute('aria-rowcount') === before) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return performance.now() - start;
  }, text);
}

/** Runs in the page: the tenant keys this browser keeps for a tenant (store/db.ts, identities). */
function tenantKeysIn({
  dbName,
  tenant,
}: {
  dbName: string;
  tenant: string;
}): Promise<TenantKey[]> {
  return new Promise((resolve, reject) => {
    const opened = indexedDB.open(dbName);
    opened.onerror = () => reject(new Error(String(opened.error)));
    opened.onsuccess = () => {
      const read = opened.result.transaction('identities').objectStore('identities').get(tenant);
      read.onerror = () => reject(new Error(String(read.error)));
      read.onsuccess = () => {
        opened.result.close();
        resolve((read.result as { tenantKeys?: TenantKey[] } | undefined)?.tenantKeys ?? []);
      };
    };
  });
}

test('Active users stays smooth at 10,000 people: a few dozen rows in the page, scrolling and search within a frame budget (ASG-8)', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A tenant of our own, then a second device (this test, in Node) that is enrolled by its admin.
  await page.goto('/welcome');
  await page.getByRole('button', { name: 'Create a tenant' }).click();
  const form = page.getByRole('region', { name: 'Create a tenant' });
  await form.getByLabel('Organisation name').fill('Northwind');
  await form.getByRole('radio', { name: /\(MOSA\)/ }).check();
  await form.getByLabel('Your name').fill('Kim Akers');
  await form.getByLabel('Your user name').fill('kim');
  await form.getByLabel('Usage location').fill('SE');
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();

  const device = 'device-import';
  const keys = await createDeviceKeys();
  await openSync(page);
  const tenant = (await page.getByTestId('tenant-id').textContent())!.trim();
  await page
    .getByRole('textbox', { name: 'Code of the device to add' })
    .fill(writeDeviceCode({ device, publicKey: keys.publicJwk }));
  await page
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Kim Akers' });
  await page.getByRole('button', { name: 'Add a device' }).click();
  await expect(page.getByText('The device was added.')).toBeVisible();

  // Everything this browser has, out as a sync file; in Node, the 10,000 people go in on top.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export a sync file' }).click();
  const exported = readFileSync(await (await download).path());
  // The file is sealed: the Node device holds the tenant key, as an invitation would give it.
  const tenantKeys = await page.evaluate(tenantKeysIn, { dbName: 'seats', tenant });
  const replica = new Replica({
    device,
    keys,
    base: emptyTenant('MOSA'),
    catalogue,
    sealing: new OpCipher(tenantKeys),
  });
  expect(await importSyncFile(replica, exported, { tenant, now: Date.now() })).toMatchObject({
    ok: true,
  });
  const imported = await replica.execute(
    { type: 'importTenant', payload: bigImport() },
    'kim',
    Date.now(),
  );
  expect(imported.ok, JSON.stringify(imported)).toBe(true);
  const file = await exportSyncFile(replica, { tenant, now: Date.now() });

  await page.getByLabel('Import a sync file').setInputFiles({
    name: 'northwind.seats.json',
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
  await expect(page.getByText(/^Imported: \d+ new changes\.$/)).toBeVisible({ timeout: 60_000 });

  const opened = Date.now();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Active users' })
    .click();
  const grid = page.getByRole('grid', { name: 'Active users' });
  // The header row, Kim and the 10,000.
  await expect(grid).toHaveAttribute('aria-rowcount', String(PEOPLE + 2));
  const openMs = Date.now() - opened;

  const scrolled = await scrollThrough(page, 120);
  const search = [];
  for (const text of ['Person 0', 'Person 04', 'Person 042', 'Person 0424', 'Person 04242']) {
    search.push(await searchTime(page, text));
  }
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await expect(grid.getByRole('link', { name: 'Person 04242' })).toBeVisible();

  const figures = {
    openMs,
    scrollStepWorkMedianMs: Math.round(scrolled.workMedian * 10) / 10,
    scrollStepWorkMaxMs: Math.round(scrolled.workMax),
    frameMedianMs: Math.round(scrolled.frameMedian * 10) / 10,
    rowsInPage: scrolled.rendered,
    searchMs: search.map(Math.round),
  };
  test.info().annotations.push({ type: '10,000 users', description: JSON.stringify(figures) });
  console.log('Active users at 10,000:', figures);

  // Only the rows in view and a few either side are in the page, whatever the size.
  expect(scrolled.rendered).toBeLessThan(60);
  expect(scrolled.atBottom).toContain('Person 09999');
  // A scroll step's work fits a 60 Hz frame (16.7 ms) on a quiet machine; the figures above are
  // recorded for that. The bound here is three frames, which an unvirtualised grid (hundreds of
  // ms) breaks and two busy shared cores do not (32 ms seen beside a parallel build).
  expect(scrolled.workMedian).toBeLessThan(50);
  // A keystroke's answer within a few frames (the median: one slow keystroke on a busy machine
  // says more about the machine).
  expect([...search].sort((a, b) => a - b)[search.length >> 1]).toBeLessThan(100);
});
