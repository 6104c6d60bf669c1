import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';
import { connect, openSync, useRelay, workOffline } from './relay';

const relay = useRelay();

const invitePanel = (page: Page) => page.getByRole('region', { name: 'Invite a person' });

/** A Global Administrator invites `person` from the Sync page; the link is what they would send. */
async function invite(page: Page, person: string): Promise<string> {
  await openSync(page);
  const panel = invitePanel(page);
  await panel.getByRole('combobox', { name: 'Person to invite' }).selectOption({ label: person });
  await expect(panel.getByRole('spinbutton', { name: 'Valid for (hours)' })).toHaveValue('48');
  await panel.getByRole('button', { name: 'Create invitation' }).click();
  await expect(panel.getByText(`Invitation for ${person}, valid until`)).toBeVisible();
  await expect(panel.getByRole('img', { name: 'QR code of the invitation link' })).toBeVisible();
  return panel.getByRole('textbox', { name: 'Invitation link' }).inputValue();
}

const newPage = async (browser: Browser) => (await browser.newContext()).newPage();

const devicesTable = (page: Page) =>
  page.getByRole('region', { name: 'Devices' }).getByRole('table');

test('a person enrols their device by an invitation link through the relay, works offline, and both devices merge (SYNC-5)', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const admin = await newPage(browser);
  await openDemo(admin);
  await connect(admin, relay.url);
  const link = await invite(admin, 'Lee Gu');
  expect(link).toMatch(/\/join#[A-Za-z0-9_-]+$/);
  await expectAccessible(admin);

  // Lee opens the link on a browser profile of their own.
  const lee = await newPage(browser);
  await lee.goto(link);
  await expect(lee.getByText(/^You are invited to Contoso as Lee Gu\./)).toBeVisible();
  // The secret leaves the address bar as soon as the page has read it.
  await expect(lee).toHaveURL(/\/join$/);
  await expectAccessible(lee);
  await lee.getByRole('button', { name: 'Join Contoso' }).click();
  await expect(lee.getByText('This device is enrolled: you act as Lee Gu.')).toBeVisible({
    timeout: 30_000,
  });
  await expectAccessible(lee);
  await lee.getByRole('button', { name: 'Open Contoso' }).click();
  await expect(lee.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(devicesTable(admin).getByRole('row').filter({ hasText: 'Lee Gu' })).toContainText(
    'Active',
    { timeout: 10_000 },
  );

  // Offline, Lee (User Administrator) deletes someone; the admin changes someone else's licenses.
  await workOffline(lee);
  await lee.getByRole('link', { name: 'Active users' }).click();
  await lee.getByRole('link', { name: 'Åsa Lindqvist', exact: true }).click();
  const panel = lee.getByRole('dialog', { name: 'Åsa Lindqvist' });
  await panel.getByRole('button', { name: 'Delete user' }).click();
  await panel.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(lee.getByRole('main').getByRole('status').first()).toContainText(
    'Åsa Lindqvist was deleted.',
  );
  await connect(lee, relay.url);

  await admin.getByRole('link', { name: 'Deleted users' }).click();
  await expect(admin.getByRole('row', { name: /Åsa Lindqvist/ })).toBeVisible({ timeout: 10_000 });
  await expectAccessible(admin);
});

test('files only: an invitation file carries the tenant, and the sync file it gives back enrols the device everywhere (SYNC-5)', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const laptop = await newPage(browser);
  await openDemo(laptop);
  await invite(laptop, 'Adele Vance');
  const panel = invitePanel(laptop);
  await expect(panel).toContainText('No relay is set');
  const [invitationFile] = await Promise.all([
    laptop.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download invitation file' }).click(),
  ]);
  expect(invitationFile.suggestedFilename()).toMatch(
    /^contoso-invitation-adele-\d{4}-\d{2}-\d{2}\.json$/,
  );
  await panel.getByRole('button', { name: 'Done, hide the invitation' }).click();
  await expect(panel.getByRole('textbox', { name: 'Invitation link' })).toHaveCount(0);

  // Adele's second device, at a site with no network.
  const phone = await newPage(browser);
  await phone.goto('/welcome');
  await phone.getByRole('link', { name: 'Join with an invitation' }).click();
  await phone.getByLabel('Open an invitation file').setInputFiles({
    name: 'invitation.json',
    mimeType: 'application/json',
    buffer: readFileSync(await invitationFile.path()),
  });
  await expect(phone.getByText(/^You are invited to Contoso as Adele Vance\./)).toBeVisible();
  await expect(phone.getByText('no network is needed')).toBeVisible();
  await phone.getByRole('button', { name: 'Join Contoso' }).click();
  await expect(phone.getByText('This device is enrolled: you act as Adele Vance.')).toBeVisible();
  const [giveBack] = await Promise.all([
    phone.waitForEvent('download'),
    phone.getByRole('button', { name: 'Export a sync file' }).click(),
  ]);
  await expectAccessible(phone);

  const devicesBefore = await devicesTable(laptop).getByRole('row').count();
  await laptop.getByLabel('Import a sync file').setInputFiles({
    name: 'from-phone.seats.json',
    mimeType: 'application/json',
    buffer: readFileSync(await giveBack.path()),
  });
  await expect(laptop.getByText(/^Imported: \d+ new changes\.$/)).toBeVisible();
  await expect(devicesTable(laptop).getByRole('row')).toHaveCount(devicesBefore + 1);
  await expect(devicesTable(laptop).getByRole('row').last()).toContainText('Adele Vance');
});
