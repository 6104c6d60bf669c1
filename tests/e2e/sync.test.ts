import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';
import { connect, TOKEN, useRelay } from './relay';

const relay = useRelay();

/** A device code as a new device shows it, for a key made here. */
async function newDeviceCode(id: string): Promise<string> {
  const { subtle } = globalThis.crypto;
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const { kty, crv, x, y } = await subtle.exportKey('jwk', pair.publicKey);
  return 'seats-device:' + btoa(JSON.stringify({ device: id, publicKey: { kty, crv, x, y } }));
}

/**
 * A new browser asks to join `tenantId` (through the relay at `relayUrl`, or
 * with no relay), and shows the code to add it by.
 */
async function deviceCodeOf(page: Page, tenantId: string, relayUrl?: string): Promise<string> {
  await page.goto('/welcome');
  await page.getByRole('button', { name: 'Add this device to a tenant' }).click();
  await page.getByLabel('Tenant ID').fill(tenantId);
  if (relayUrl) {
    await page.getByLabel('Relay address').fill(relayUrl);
    await page.getByLabel('Token').fill(TOKEN);
  }
  await page.getByRole('button', { name: 'Add this device', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await expect(page.getByText('has not been added to the tenant yet')).toBeVisible();
  return page.getByRole('textbox', { name: "This device's code" }).inputValue();
}

/** A Global Administrator on the Sync page adds a device by its code, for `person`. */
async function addByCode(page: Page, code: string, person: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Code of the device to add' }).fill(code);
  await page.getByRole('combobox', { name: 'Person', exact: true }).selectOption({ label: person });
  await page.getByRole('button', { name: 'Add a device' }).click();
  await expect(page.getByText('The device was added.')).toBeVisible();
}

test('a second device joins through the relay, is added by a Global Administrator and sees the same tenant (SYNC-1, SYNC-5)', async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage();
  await openDemo(first);
  await connect(first, relay.url);
  await expectAccessible(first);
  const tenantId = (await first.getByTestId('tenant-id').textContent())!.trim();

  const second = await (await browser.newContext()).newPage();
  const code = await deviceCodeOf(second, tenantId, relay.url);

  await addByCode(first, code, 'Adele Vance');

  await expect(second.getByText('Added, acting as Adele Vance.')).toBeVisible({ timeout: 10_000 });
  await expect(second.getByText('Contoso')).toBeVisible();
  await expectAccessible(second);
});

test('files only: a device added by its code reads the tenant from a sync file, which carries its key share (SYNC-5)', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const first = await (await browser.newContext()).newPage();
  await openDemo(first);
  await first.getByRole('link', { name: 'Sync' }).click();
  const tenantId = (await first.getByTestId('tenant-id').textContent())!.trim();

  // No relay: only the tenant id.
  const second = await (await browser.newContext()).newPage();
  const code = await deviceCodeOf(second, tenantId);
  const importInto = async (page: Page, file: string) => {
    await page.getByLabel('Import a sync file').setInputFiles({
      name: 'sync.seats.json',
      mimeType: 'application/json',
      buffer: readFileSync(file),
    });
  };
  const exportFrom = async (page: Page) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export a sync file' }).click(),
    ]);
    return download.path();
  };

  // A file from before the device was added holds nothing it can open: refused, with what to do.
  await importInto(second, await exportFrom(first));
  await expect(second.getByRole('alert')).toContainText('export a new sync file');

  await addByCode(first, code, 'Adele Vance');

  await importInto(second, await exportFrom(first));
  await expect(second.getByText(/^Imported: \d+ new changes\.$/)).toBeVisible();
  await expect(second.getByText('Added, acting as Adele Vance.')).toBeVisible();
  await expect(second.getByText('Contoso')).toBeVisible();
  await expectAccessible(second);
});

test('a change in one tab shows in the other, and a reload keeps it (SYNC-1)', async ({
  context,
}) => {
  const first = await context.newPage();
  await openDemo(first);
  await first.getByRole('link', { name: 'Sync' }).click();
  const second = await context.newPage();
  await second.goto('/sync');
  await expect(second.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();

  await first
    .getByRole('textbox', { name: 'Code of the device to add' })
    .fill(await newDeviceCode('device-tablet'));
  await first
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Lee Gu' });
  await first.getByRole('button', { name: 'Add a device' }).click();

  const row = (page: Page) => page.getByRole('row', { name: /device-tablet/ });
  await expect(row(second)).toContainText('Lee Gu', { timeout: 2_000 });
  await second.reload();
  await expect(row(second)).toContainText('Lee Gu');
});

/** A Global Administrator adds a device for Lee Gu from its code, on the Sync page. */
async function addDevice(page: Page, id: string): Promise<void> {
  await page.getByRole('link', { name: 'Sync' }).click();
  await page
    .getByRole('textbox', { name: 'Code of the device to add' })
    .fill(await newDeviceCode(id));
  await page
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Lee Gu' });
  await page.getByRole('button', { name: 'Add a device' }).click();
  await expect(page.getByRole('row', { name: new RegExp(id) })).toContainText('Active');
}

test('a Global Administrator revokes a device from the device list, and it shows as revoked (SYNC-5)', async ({
  page,
}) => {
  await openDemo(page);
  await addDevice(page, 'device-lost-phone');
  const row = page.getByRole('row', { name: /device-lost-phone/ });

  await page.getByRole('button', { name: 'Revoke device-lost-phone' }).click();
  await expect(page.getByText('The device was revoked')).toBeVisible();
  await expect(row).toContainText('Revoked');
  await expect(page.getByRole('button', { name: 'Revoke device-lost-phone' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row', { name: /device-lost-phone/ })).toContainText('Revoked');
  await expectAccessible(page);
});

test('a change not yet seen by every device is marked Tentative on its person and product (SYNC-3)', async ({
  page,
}) => {
  await openDemo(page);
  await addDevice(page, 'device-field-laptop');

  await page.getByRole('link', { name: 'Active users' }).click();
  const row = page.getByRole('row', { name: /Adele Vance/ });
  await expect(row).not.toContainText('Tentative');
  await row.getByRole('link', { name: 'Adele Vance' }).click();
  const panel = page.getByRole('dialog', { name: 'Adele Vance' });
  await panel.getByRole('button', { name: 'Apps for Microsoft 365 E5' }).click();
  await panel
    .getByRole('group', { name: 'Apps for Microsoft 365 E5' })
    .getByRole('checkbox', { name: /^Exchange Online \(Plan 2\)/ })
    .uncheck();
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();
  // The new laptop has not seen it yet: a merge could still refuse it.
  await expect(row).toContainText('Tentative');
  await expect(page.getByRole('row', { name: /Alex Wilber/ })).not.toContainText('Tentative');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Your products' }).click();
  await expect(page.getByRole('row', { name: /Microsoft 365 E5/ }).first()).toContainText(
    'Tentative',
  );
  await expectAccessible(page);
});

test('a damaged sync file is refused with a clear message and changes nothing', async ({
  page,
}) => {
  await openDemo(page);
  await page.getByRole('link', { name: 'Sync' }).click();
  await page.getByLabel('Import a sync file').setInputFiles({
    name: 'broken.seats.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"header":{"format":"seats-sync"'),
  });
  await expect(page.getByRole('alert')).toContainText('This file was not imported');
  await expectAccessible(page);
});

test('the Sync page asks for persistent storage and shows the answer and the space used', async ({
  page,
}) => {
  await openDemo(page);
  await page.getByRole('link', { name: 'Sync' }).click();
  const storage = page.getByRole('region', { name: 'Storage on this device' });
  const answer = storage.locator('[data-persistent]');
  await expect(answer).toHaveText(/^Storage is (not )?persistent/);
  const granted = await page.evaluate(() => navigator.storage.persisted());
  await expect(answer).toHaveAttribute('data-persistent', String(granted));
  await expect(storage.getByText(/^[\d.,]+ MB used of [\d.,]+ MB available\.$/)).toBeVisible();
});
