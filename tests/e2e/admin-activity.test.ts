import { expect, test } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';

test('Activity lists every change with who, device, when and whether it took effect, filterable (SYNC-4)', async ({
  page,
}) => {
  await openDemo(page);
  // A change of our own, next to the demo's creation.
  await page.getByRole('link', { name: 'Roles' }).click();
  await page
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Isaiah Langer' });
  await page
    .getByRole('combobox', { name: 'Role', exact: true })
    .selectOption({ label: 'License Administrator' });
  await page.getByRole('button', { name: 'Assign role' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(
    'Isaiah Langer now has the role',
  );

  await page.getByRole('link', { name: 'Activity' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
  const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Showing 3 of 3 changes');
  // Newest first: our change, then the demo's import and the tenant's creation.
  await expect(rows.nth(0)).toContainText('Assign role');
  await expect(rows.nth(0)).toContainText('Isaiah Langer · License Administrator');
  await expect(rows.nth(0)).toContainText('Megan Bowen');
  await expect(rows.nth(0)).toContainText('(this device)');
  await expect(rows.nth(0)).toContainText('Took effect');
  await expect(rows.nth(1)).toContainText('Import');
  await expect(rows.nth(2)).toContainText('Create tenant');
  await expect(rows.nth(2)).toContainText('System (sign-up, credit checks)');

  await page
    .getByRole('combobox', { name: 'Change', exact: true })
    .selectOption({ label: 'Assign role' });
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Showing 1 of 1 changes');
  await page
    .getByRole('combobox', { name: 'Change', exact: true })
    .selectOption({ label: 'All changes' });
  await page
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Megan Bowen' });
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Showing 2 of 2 changes');
  await page
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Everyone' });
  await page
    .getByRole('combobox', { name: 'Outcome', exact: true })
    .selectOption({ label: 'Did not take effect' });
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Showing 0 of 0 changes');
  await expect(rows).toHaveCount(0);
  await page
    .getByRole('combobox', { name: 'Outcome', exact: true })
    .selectOption({ label: 'Took effect' });
  await expect(rows).toHaveCount(3);
  await expectAccessible(page);
});
