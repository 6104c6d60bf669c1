import { expect, test, type Page } from '@playwright/test';
import { actAs, expectAccessible, openDemo } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

async function openUsers(page: Page): Promise<void> {
  await openDemo(page);
  await page.getByRole('link', { name: 'Active users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Active users' })).toBeVisible();
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Active users' });
const rowOf = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(text);
}

test('Active users: a virtualised grid, search by name, the Unlicensed users view (ASG-8)', async ({
  page,
}) => {
  await openUsers(page);
  const rowCount = Number(await grid(page).getAttribute('aria-rowcount'));
  expect(rowCount).toBeGreaterThan(55);
  // Only the rows in view (plus a few) are in the page.
  expect(await grid(page).getByRole('row').count()).toBeLessThan(rowCount);
  await expect(rowOf(page, 'Adele Vance')).toContainText('Microsoft 365 E5');
  await expectAccessible(page);

  await search(page, 'vance');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '2');
  await expect(rowOf(page, 'Adele Vance')).toContainText('adele');
  await search(page, '');

  await page.getByRole('combobox', { name: 'View' }).selectOption({ label: 'Unlicensed users' });
  await expect(rowOf(page, 'Megan Bowen')).toContainText('Unlicensed');
  await expect(rowOf(page, 'Adele Vance')).toHaveCount(0);
  // A room mailbox under its quota needs no license (ASG-9), so it is not "unlicensed".
  await expect(rowOf(page, 'Meeting room Aurora')).toHaveCount(0);
});

test('Active users: Tab enters the grid once, arrow keys move between rows and cells', async ({
  page,
}) => {
  await openUsers(page);
  await page.getByRole('searchbox', { name: 'Search by name' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: 'Select all' })).toBeFocused();
  await page.getByRole('checkbox', { name: 'Select Adele Vance' }).focus();
  await page.keyboard.press('ArrowDown');
  const next = page.locator(':focus');
  await expect(next).toHaveAttribute('aria-label', /^Select /);
  await expect(next).not.toHaveAttribute('aria-label', 'Select Adele Vance');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveAttribute('href', /\/users\?user=/);
  await page.keyboard.press('Control+End');
  await expect(page.locator(':focus')).toBeVisible();
  const last = await page.locator(':focus').textContent();
  expect(last?.trim().length).toBeGreaterThan(0);
  await page.keyboard.press('Control+Home');
  await expect(page.locator(':focus')).toHaveAttribute('href', /\/users\?user=/);
});

test('adding a user with licenses in one step (ASG-2); usage location required (ASG-11), nothing typed is lost', async ({
  page,
}) => {
  await openUsers(page);
  await page.getByRole('button', { name: 'Add a user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog.getByText('Display name is required.')).toBeVisible();
  await expect(dialog.getByLabel('Display name')).toBeFocused();

  await dialog.getByLabel('Display name').fill('Tove Test');
  await dialog.getByLabel('User name').fill('tove.test');
  await dialog.getByLabel('Department').fill('Sales');
  const e3 = dialog.getByRole('checkbox', { name: 'Office 365 E3' });
  await expect(e3).toHaveAccessibleDescription(/licenses available/);
  await e3.check();
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog.getByRole('alert')).toContainText('has no usage location');
  await expect(dialog.getByLabel('Display name')).toHaveValue('Tove Test');
  await expect(e3).toBeChecked();
  await expectAccessible(page);

  await dialog.getByLabel('Usage location').selectOption('SE');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('status').first()).toContainText(
    'Tove Test was added.',
  );
  await search(page, 'tove');
  await expect(rowOf(page, 'Tove Test')).toContainText('Office 365 E3');
  await expect(rowOf(page, 'Tove Test')).toContainText('SE');
});

test('a License Administrator may not add users: the refusal says whom to ask (ROLE-2)', async ({
  page,
}) => {
  await openUsers(page);
  await actAs(page, 'Nestor Wilke');
  await page.getByRole('button', { name: 'Add a user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await dialog.getByLabel('Display name').fill('Nora New');
  await dialog.getByLabel('User name').fill('nora.new');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Ask a Global or User Administrator');
  await expect(dialog.getByLabel('User name')).toHaveValue('nora.new');
});

test("a user's Licenses and apps: availability (LIC-3), app toggles keep the license (ASG-3), services (ASG-7)", async ({
  page,
}) => {
  await openUsers(page);
  const link = rowOf(page, 'Adele Vance').getByRole('link', { name: 'Adele Vance' });
  await link.click();
  await expect(page).toHaveURL(/\/users\?user=adele$/);
  const panel = page.getByRole('dialog', { name: 'Adele Vance' });
  await expect(panel.getByRole('heading', { name: 'Licenses and apps' })).toBeVisible();
  const e5 = panel.getByRole('checkbox', { name: 'Microsoft 365 E5', exact: true });
  await expect(e5).toBeChecked();
  await expect(e5).toHaveAccessibleDescription('1 of 10 licenses available');
  await expect(
    panel.getByText('Mailbox (Exchange Online)').locator('xpath=following-sibling::dd[1]'),
  ).toHaveText('Yes');

  await panel.getByRole('button', { name: 'Apps for Microsoft 365 E5' }).click();
  const apps = panel.getByRole('group', { name: 'Apps for Microsoft 365 E5' });
  const exchange = apps.getByRole('checkbox', { name: /^Exchange Online \(Plan 2\)/ });
  await expect(exchange).toBeChecked();
  await exchange.uncheck();
  await expectAccessible(page);
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();
  await expect(e5).toBeChecked();
  await expect(exchange).not.toBeChecked();

  // Closing the panel gives focus back to the name that opened it.
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page).toHaveURL(/\/users$/);
  await expect(link).toBeFocused();
});

test('removing a license warns that its data is kept 30 days, then says until when; only a product with a mailbox speaks of one (DATA-1, DATA-2)', async ({
  page,
}) => {
  await openDemo(page);
  await page.goto('/users?user=adele');
  const panel = page.getByRole('dialog', { name: 'Adele Vance' });
  const e5 = panel.getByRole('checkbox', { name: 'Microsoft 365 E5', exact: true });
  await e5.uncheck();
  await panel
    .getByRole('checkbox', { name: 'Enterprise Mobility + Security E3', exact: true })
    .uncheck();
  await expect(panel.getByText('You are removing these licenses:')).toBeVisible();
  await expect(panel.getByText(/kept for 30 days/).first()).toBeVisible();
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();
  const kept = panel.getByRole('region', { name: 'Data kept after licenses were removed' });
  const e5Kept = kept
    .getByRole('listitem')
    .filter({ hasText: 'Microsoft 365 E5: data kept until' });
  await expect(e5Kept).toContainText("The mailbox can't be searched with eDiscovery.");
  await expect(e5Kept).toContainText('It can be kept as an inactive mailbox.');
  const emsKept = kept
    .getByRole('listitem')
    .filter({ hasText: 'Enterprise Mobility + Security E3: data kept until' });
  await expect(emsKept).toBeVisible();
  await expect(emsKept).not.toContainText('mailbox');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(rowOf(page, 'Adele Vance')).not.toContainText('Microsoft 365 E5');
});

test('assigning within availability: never more assigned than purchased (ASG-6, LIC-2), an answer per user', async ({
  page,
}) => {
  await openUsers(page);
  await page.getByRole('combobox', { name: 'View' }).selectOption({ label: 'Unlicensed users' });
  await page.getByRole('checkbox', { name: 'Select Megan Bowen' }).check();
  const second = grid(page)
    .getByRole('checkbox', { name: /^Select / })
    .nth(1);
  await second.check();
  await expect(page.getByRole('main').getByRole('status').first()).toContainText('Selected: 2.');
  await page.getByRole('button', { name: 'Manage product licenses' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage product licenses' });
  await dialog.getByRole('radio', { name: 'Assign more' }).check();
  const e5 = dialog.getByRole('checkbox', { name: 'Microsoft 365 E5' });
  await expect(e5).toHaveAccessibleDescription('1 of 10 licenses available');
  await e5.check();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Assign more' }).click();
  await expect(dialog.getByRole('status')).toContainText('Done: 1. Refused: 1.');
  await expect(dialog.getByRole('alert')).toContainText(
    'Not enough licenses: 1 needed, 0 available.',
  );
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toHaveCount(0);
});

test('Manage product licenses: Assign more adds, Replace replaces, and "Remove all product licenses" empties (ASG-5)', async ({
  page,
}) => {
  await openUsers(page);
  await search(page, 'Adele');
  const adele = rowOf(page, 'Adele Vance');
  await expect(adele).toContainText('Enterprise Mobility + Security E3');
  await expect(adele).toContainText('Microsoft 365 E5');

  const manage = async (
    mode: 'Assign more' | 'Replace',
    pick: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
  ) => {
    await page.getByRole('checkbox', { name: 'Select Adele Vance' }).check();
    await page.getByRole('button', { name: 'Manage product licenses' }).click();
    const dialog = page.getByRole('dialog', { name: 'Manage product licenses' });
    await dialog.getByRole('radio', { name: mode }).check();
    await pick(dialog);
    await dialog.getByRole('button', { name: mode, exact: true }).last().click();
    await expect(dialog.getByRole('status')).toContainText('Done: 1. Refused: 0.');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
  };

  await manage('Assign more', (d) => d.getByRole('checkbox', { name: 'Office 365 E3' }).check());
  await expect(adele).toContainText('Office 365 E3');
  await expect(adele).toContainText('Microsoft 365 E5');

  await manage('Replace', (d) => d.getByRole('checkbox', { name: 'Office 365 E5' }).check());
  await expect(adele).toContainText('Office 365 E5');
  await expect(adele).not.toContainText('Office 365 E3');
  await expect(adele).not.toContainText('Microsoft 365 E5');

  await manage('Replace', async (d) => {
    await d
      .getByRole('checkbox', { name: 'Remove all product licenses from the selected users' })
      .check();
    await expect(d.getByRole('checkbox', { name: 'Office 365 E5' })).toBeDisabled();
  });
  await expect(adele).toContainText('Unlicensed');
  await page.getByRole('combobox', { name: 'View' }).selectOption({ label: 'Unlicensed users' });
  await expect(adele).toBeVisible();
});

test('delete a user, then restore within 30 days (DATA-3)', async ({ page }) => {
  await openUsers(page);
  await rowOf(page, 'Adele Vance').getByRole('link', { name: 'Adele Vance' }).click();
  const panel = page.getByRole('dialog', { name: 'Adele Vance' });
  await panel.getByRole('button', { name: 'Delete user' }).click();
  await expect(panel.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
  await panel.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('status').first()).toContainText(
    'Adele Vance was deleted.',
  );
  await expect(rowOf(page, 'Adele Vance')).toHaveCount(0);

  await page.getByRole('link', { name: 'Deleted users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deleted users' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Diego Siciliani/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Restore Adele Vance' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(
    'Adele Vance was restored.',
  );
  await expect(page.getByRole('row', { name: /Adele Vance/ })).toHaveCount(0);

  await page.getByRole('link', { name: 'Active users' }).click();
  await expect(rowOf(page, 'Adele Vance')).toContainText('Unlicensed');
});

test('a user deleted more than 30 days ago cannot be restored: RESTORE_WINDOW_CLOSED (DATA-3)', async ({
  page,
}) => {
  await page.clock.install();
  await openDemo(page);
  await page.getByRole('link', { name: 'Deleted users' }).click();
  await expect(page.getByRole('row', { name: /Diego Siciliani/ })).toBeVisible();
  // Diego was deleted 10 days ago; the page stays open 21 more days.
  await page.clock.setSystemTime(Date.now() + 21 * DAY);
  await page.getByRole('button', { name: 'Restore Diego Siciliani' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-code', 'RESTORE_WINDOW_CLOSED');
  await expect(alert).toContainText('deleted more than 30 days ago');
  await expect(alert).toContainText('Add them as a new user.');
});

test("Active users speaks Swedish and Danish in the admin center's words", async ({ page }) => {
  await openUsers(page);
  const language = page.getByRole('combobox', { name: 'Language' });
  await language.selectOption('sv');
  await expect(page.getByRole('heading', { level: 1, name: 'Aktiva användare' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lägg till en användare' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Välj en vy' }).selectOption({
    label: 'Ej licensierade användare',
  });
  await page.getByRole('checkbox', { name: 'Markera Megan Bowen' }).check();
  await page.getByRole('button', { name: 'Hantera produktlicenser' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hantera produktlicenser' });
  await dialog.getByRole('radio', { name: 'Ersätt' }).check();
  await expect(
    dialog.getByRole('checkbox', {
      name: 'Ta bort alla produktlicenser från de markerade användarna',
    }),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Avbryt' }).click();

  await page.getByRole('combobox', { name: 'Språk' }).selectOption('da');
  await expect(page.getByRole('heading', { level: 1, name: 'Aktive brugere' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tilføj en bruger' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Vælg en visning' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Søg efter navn' })).toBeVisible();
});

test('Active users works on a phone: the page never scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDemo(page);
  await page.goto('/users');
  await expect(grid(page)).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.goto('/users?user=adele');
  await expect(page.getByRole('dialog', { name: 'Adele Vance' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
});
