import { expect, test, type Page } from '@playwright/test';
import { actAs, expectAccessible, openDemo } from './fixtures';

async function openRoles(page: Page, type: 'MCA' | 'MOSA' = 'MCA') {
  await openDemo(page, type);
  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
}

const card = (page: Page, role: string) =>
  page.locator('.role').filter({ has: page.getByRole('heading', { name: role, exact: true }) });

test('a Global Administrator assigns a role and removes it again (ROLE-1, ROLE-6)', async ({
  page,
}) => {
  await openRoles(page);
  await page
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Lidia Holloway' });
  await page
    .getByRole('combobox', { name: 'Role', exact: true })
    .selectOption({ label: 'User Administrator' });
  await page.getByRole('button', { name: 'Assign role' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'Lidia Holloway now has the role User Administrator.',
  );
  await expect(card(page, 'User Administrator')).toContainText('Lidia Holloway');
  // She keeps the role she had: a person may hold several (ROLE-1).
  await expect(card(page, 'Password Administrator')).toContainText('Lidia Holloway');

  await page.getByRole('button', { name: 'Remove User Administrator from Lidia Holloway' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'Lidia Holloway no longer has the role User Administrator.',
  );
  await expect(card(page, 'User Administrator')).not.toContainText('Lidia Holloway');
  await expectAccessible(page);
});

test('the last Global Administrator cannot lose the role (ROLE-6, LAST_GLOBAL_ADMIN)', async ({
  page,
}) => {
  await openRoles(page);
  await page.getByRole('button', { name: 'Remove Global Administrator from Adele Vance' }).click();
  await expect(card(page, 'Global Administrator')).not.toContainText('Adele Vance');
  await page.getByRole('button', { name: 'Remove Global Administrator from Megan Bowen' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toHaveAttribute('data-code', 'LAST_GLOBAL_ADMIN');
  await expect(refusal).toContainText('Megan Bowen is the only Global Administrator');
  await expect(refusal).toContainText('Make someone else Global Administrator first.');
  await expect(card(page, 'Global Administrator')).toContainText('Megan Bowen');
  await expectAccessible(page);
});

test('only a Global Administrator changes admin roles (ROLE-6)', async ({ page }) => {
  await openRoles(page);
  await actAs(page, 'Nestor Wilke');
  await expect(page.getByText("You can't change roles.")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Assign role' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0);
  await expect(card(page, 'License Administrator')).toContainText('Nestor Wilke');
  await expectAccessible(page);
});

test('billing account roles exist under MCA (ROLE-3)', async ({ page }) => {
  await openRoles(page, 'MCA');
  await expect(page.getByRole('heading', { name: 'Billing account roles' })).toBeVisible();
  await expect(card(page, 'Billing account owner')).toContainText('Megan Bowen');
  await expect(card(page, 'Billing profile owner')).toContainText('Pradeep Gupta');
});

test('under MOSA there are no billing account roles (ROLE-3)', async ({ page }) => {
  await openRoles(page, 'MOSA');
  await expect(page.getByRole('heading', { name: 'Admin roles' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Billing account roles' })).toHaveCount(0);
  const roles = page.getByRole('combobox', { name: 'Role', exact: true }).getByRole('option');
  await expect(roles).toHaveCount(7);
  await expect(roles.filter({ hasText: 'Billing account owner' })).toHaveCount(0);
  await expectAccessible(page);
});
