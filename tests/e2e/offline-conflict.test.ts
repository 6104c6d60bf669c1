import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';
import { connect, relayStatus, TOKEN, useRelay, workOffline } from './relay';

const relay = useRelay();

const PRODUCT = 'Microsoft 365 E5';
/** Neither holds Microsoft 365 E5 in the demo, and both have a usage location. */
const PEOPLE = ['Åsa Lindqvist', 'Søren Kjær'] as const;

async function openConflicts(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Conflicts' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conflicts' })).toBeVisible();
}

/** Client-side navigation, so the page keeps its state (and stays offline). */
async function openProduct(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Licenses' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
  await page.getByRole('link', { name: PRODUCT, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: PRODUCT })).toBeVisible();
}

async function assignLast(page: Page, person: string): Promise<void> {
  await openProduct(page);
  await expect(page.getByText('1 of 10 licenses available')).toBeVisible();
  await page.getByRole('button', { name: 'Assign licenses', exact: true }).click();
  const pane = page.getByRole('dialog', { name: 'Assign licenses to users' });
  const search = pane.getByRole('combobox', { name: 'Find people' });
  await search.fill(person);
  await search.press('Enter');
  await expect(pane.getByRole('button', { name: `Remove ${person}` })).toBeVisible();
  await pane.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(pane).toBeHidden();
  // Taken here at once, with no network (SYNC-1).
  await expect(page.getByText('0 of 10 licenses available')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(person) })).toBeVisible();
}

/** Who holds the product, as this device's product page lists it. */
async function holders(page: Page): Promise<string[]> {
  await openProduct(page);
  const held: string[] = [];
  for (const person of PEOPLE) {
    if (await page.getByRole('row', { name: new RegExp(person) }).isVisible()) held.push(person);
  }
  return held;
}

test('both admins offline take the last Microsoft 365 E5 license: after reconnecting both devices agree on one holder and list the other assignment as a conflict with its reason and author (SYNC-1, SYNC-2, SYNC-3, SYNC-4, ASG-6)', async ({
  browser,
}) => {
  // About 15–20 s alone; two devices' worth of work can take well over twice that when two of
  // these run side by side on a busy 2-core machine.
  test.setTimeout(90_000);
  // Two browser contexts: two devices with their own storage, linked only by the relay.
  const megan = await (await browser.newContext()).newPage();
  await openDemo(megan);
  await connect(megan, relay.url);
  const tenantId = (await megan.getByTestId('tenant-id').textContent())!.trim();

  const adele = await (await browser.newContext()).newPage();
  await adele.goto('/welcome');
  await adele.getByRole('button', { name: 'Add this device to a tenant' }).click();
  await adele.getByLabel('Tenant ID').fill(tenantId);
  await adele.getByLabel('Relay address').fill(relay.url);
  await adele.getByLabel('Token').fill(TOKEN);
  await adele.getByRole('button', { name: 'Add this device', exact: true }).click();
  await expect(adele.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  const code = await adele.getByRole('textbox', { name: "This device's code" }).inputValue();

  await megan.getByRole('textbox', { name: 'Code of the device to add' }).fill(code);
  await megan
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Adele Vance' });
  await megan.getByRole('button', { name: 'Add a device' }).click();
  await expect(megan.getByText('The device was added.')).toBeVisible();
  await expect(adele.getByText('Added, acting as Adele Vance.')).toBeVisible({ timeout: 10_000 });
  await expect(relayStatus(megan)).toContainText('Every local change has reached the relay.');

  // Both go offline, then each takes the last license for someone else. Adele is first, so
  // Megan's own assignment is the one that most likely has to be undone on her open page.
  await workOffline(megan);
  await workOffline(adele);
  await assignLast(adele, PEOPLE[1]);
  await assignLast(megan, PEOPLE[0]);

  // Megan reconnects first and watches her Conflicts page: nothing to see yet.
  await connect(megan, relay.url);
  await expect(relayStatus(megan)).toContainText('Every local change has reached the relay.');
  await openConflicts(megan);
  await expect(megan.getByText('No conflicts: every change took effect.')).toBeVisible();

  // Adele reconnects: each device takes in the other's change, and the open page follows.
  await connect(adele, relay.url);
  await expect(relayStatus(adele)).toContainText('Every local change has reached the relay.');
  await expect(megan.getByRole('article')).toHaveCount(1, { timeout: 10_000 });
  await openConflicts(adele);
  await expect(adele.getByRole('article')).toHaveCount(1, { timeout: 10_000 });

  // One holder, the same on both devices; the license is still fully used.
  const held = await holders(megan);
  expect(held).toHaveLength(1);
  expect(await holders(adele)).toEqual(held);
  for (const page of [megan, adele]) {
    await expect(page.getByText('0 of 10 licenses available')).toBeVisible();
  }
  const [loser] = PEOPLE.filter((p) => p !== held[0]);
  const loserAuthor = loser === PEOPLE[0] ? 'Megan Bowen' : 'Adele Vance';

  for (const page of [megan, adele]) {
    // Home counts the one change that did not take effect...
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Home' })
      .click();
    const attention = page.getByRole('region', { name: 'Needs your attention' });
    await expect(attention).toContainText('1 change did not take effect after a merge.');
    // ...and the Conflicts page says what it was, who made it and why it did not fit.
    await attention.getByRole('link', { name: 'Review conflicts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Conflicts' })).toBeVisible();
    const conflict = page.getByRole('article');
    await expect(conflict).toHaveCount(1);
    const title = conflict.getByRole('heading');
    await expect(title).toContainText('Assign licenses');
    await expect(title).toContainText(loser);
    await expect(title).toContainText(PRODUCT);
    await expect(conflict.getByRole('definition').first()).toHaveText(loserAuthor);
    const reason = conflict.getByRole('alert');
    await expect(reason).toHaveAttribute('data-code', 'COUNT_VIOLATION');
    await expect(reason).toContainText('Not enough licenses: 1 needed, 0 available.');
    await expect(conflict.getByRole('button', { name: 'Buy one more license' })).toBeVisible();
    await expectAccessible(page);
  }

  // Activity lists the refused change too, and on its author's device it is tentative: the other
  // device's latest change there sorts before it, so that device has not been seen past it yet.
  const author = loser === PEOPLE[0] ? megan : adele;
  await author
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Activity' })
    .click();
  await author
    .getByRole('combobox', { name: 'Outcome', exact: true })
    .selectOption({ label: 'Did not take effect' });
  const refused = author.getByRole('row').filter({ has: author.getByRole('cell') });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText(loserAuthor);
  await expect(refused).toContainText('(this device)');
  await expect(refused).toContainText('Did not take effect (COUNT_VIOLATION)');
  await expect(refused).toContainText('Tentative');
});
