import { expect, test, type Page } from '@playwright/test';
import { actAs, expectAccessible, openDemo } from './fixtures';

/** Client-side navigation: a reload would reset who the demo acts as. */
async function openProduct(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Licenses' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Types each name into the Assign licenses pane and picks the one match with Enter. */
async function pick(page: Page, names: string[]): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Find people' });
  for (const name of names) {
    await search.fill(name);
    await search.press('Enter');
  }
  for (const name of names) {
    await expect(page.getByRole('button', { name: `Remove ${name}` })).toBeVisible();
  }
}

test('Licenses shows valid, expired and assigned licenses per product, "N of M available" (LIC-3)', async ({
  page,
}) => {
  await openDemo(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Licenses' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
  const e3 = page.getByRole('row', { name: /^Office 365 E3 / });
  await expect(e3.getByRole('cell')).toHaveText(['30', '0', '25', '5 of 30 licenses available']);
  // An expired subscription's licenses count as expired, not valid (LIC-6).
  const e1 = page.getByRole('row', { name: /^Office 365 E1 / });
  await expect(e1.getByRole('cell')).toHaveText(['0', '5', '0', '0 of 0 licenses available']);
  await expectAccessible(page);
});

test('assigning several people at once from a product page, typed and picked (ASG-4, LIC-3)', async ({
  page,
}) => {
  await openDemo(page);
  await openProduct(page, 'Office 365 E3');
  await expect(page.getByText('5 of 30 licenses available')).toBeVisible();
  await page.getByRole('button', { name: 'Assign licenses', exact: true }).click();
  const pane = page.getByRole('dialog', { name: 'Assign licenses to users' });
  await expect(pane).toBeVisible();
  await expect(pane.getByRole('combobox', { name: 'Find people' })).toBeFocused();

  // Keyboard alone: type, arrow down to the result, Enter.
  const search = pane.getByRole('combobox', { name: 'Find people' });
  await search.fill('erik ek');
  await search.press('ArrowDown');
  await expect(pane.getByRole('option', { name: /Erik Ekström/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await search.press('Enter');
  await pick(page, ['Signe Møller', 'Gustav Lund']);
  await expect(pane.getByText('Chosen: 3')).toBeVisible();
  await expectAccessible(page);

  await pane.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(pane).toBeHidden();
  await expect(
    page.getByRole('main').getByRole('status').filter({ hasText: 'assigned to 3 people' }),
  ).toBeVisible();
  await expect(page.getByText('2 of 30 licenses available')).toBeVisible();
  await expect(page.getByRole('row', { name: /Signe Møller/ })).toBeVisible();
  // Focus goes back to the button that opened the pane.
  await expect(page.getByRole('button', { name: 'Assign licenses', exact: true })).toBeFocused();
});

test('a 21st person is refused: up to 20 users at a time (ASG-4)', async ({ page }) => {
  await openDemo(page);
  await openProduct(page, 'Office 365 E5');
  await page.getByRole('button', { name: 'Assign licenses', exact: true }).click();
  const pane = page.getByRole('dialog', { name: 'Assign licenses to users' });
  const twenty = [
    'Åsa Lindqvist',
    'Søren Kjær',
    'Ingrid Nyström',
    'Mikkel Holm',
    'Linnea Bergström',
    'Freja Nielsen',
    'Oskar Jensen',
    'Mette Østergaard',
    'Elias Ekström',
    'Karin Møller',
    'Sofie Madsen',
    'Henrik Sjöberg',
    'Maja Åberg',
    'Anders Berg',
    'Ida Dahl',
    'Lars Lindqvist',
    'Emma Kjær',
    'Nils Nyström',
    'Astrid Holm',
    'Rasmus Bergström',
  ];
  await pick(page, [...twenty, 'Viktor Jensen']);
  await expect(pane.getByText('Chosen: 21')).toBeVisible();
  await pane.getByRole('button', { name: 'Assign', exact: true }).click();
  const refusal = pane.getByRole('alert');
  await expect(refusal).toHaveAttribute('data-code', 'TOO_MANY_USERS');
  await expect(refusal).toContainText('up to 20 users at a time; you chose 21');
  // Nothing typed is lost: take one off and assign the twenty.
  await expect(pane.getByText('Chosen: 21')).toBeVisible();
  await pane.getByRole('button', { name: 'Remove Viktor Jensen' }).click();
  await pane.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(pane).toBeHidden();
  await expect(
    page.getByRole('main').getByRole('status').filter({ hasText: 'assigned to 20 people' }),
  ).toBeVisible();
  await expect(page.getByText('5 of 25 licenses available')).toBeVisible();
});

test('unassigning selected users warns that their data is kept 30 days (ASG-4, DATA-1)', async ({
  page,
}) => {
  await openDemo(page);
  await openProduct(page, 'Microsoft 365 E5');
  await expect(page.getByText('1 of 10 licenses available')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unassign licenses' })).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Select Adele Vance' }).check();
  await page.getByRole('checkbox', { name: 'Select Alex Wilber' }).check();
  await page.getByRole('button', { name: 'Unassign licenses' }).click();
  const pane = page.getByRole('dialog', { name: 'Unassign licenses' });
  await expect(pane).toContainText('Unassign Microsoft 365 E5 licenses from 2 users?');
  await expect(pane).toContainText('kept for 30 days');
  await expectAccessible(page);
  await pane.getByRole('button', { name: 'Unassign', exact: true }).click();
  await expect(pane).toBeHidden();
  await expect(
    page.getByRole('main').getByRole('status').filter({ hasText: 'unassigned from 2 users' }),
  ).toContainText('Their data is kept until');
  await expect(page.getByText('3 of 10 licenses available')).toBeVisible();
  await expect(page.getByRole('row', { name: /Adele Vance/ })).toBeHidden();
});

test('a Billing administrator may not assign licenses: the engine says why (ROLE-2)', async ({
  page,
}) => {
  await openDemo(page, 'MOSA');
  await actAs(page, 'Alex Wilber');
  await openProduct(page, 'Office 365 E3');
  await page.getByRole('button', { name: 'Assign licenses', exact: true }).click();
  const pane = page.getByRole('dialog', { name: 'Assign licenses to users' });
  await pick(page, ['Lee Gu']);
  await pane.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(pane.getByRole('alert')).toHaveAttribute('data-code', 'NOT_AUTHORIZED');
  await expect(pane.getByText('Chosen: 1')).toBeVisible();
});
