import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './fixtures';

async function fillCreateForm(page: Page, location: string) {
  await page.goto('/welcome');
  await page.getByRole('button', { name: 'Create a tenant' }).click();
  const form = page.getByRole('region', { name: 'Create a tenant' });
  await form.getByLabel('Organisation name').fill('Fabrikam');
  await form.getByRole('radio', { name: 'Microsoft Customer Agreement (MCA)' }).check();
  await form.getByLabel('Your name').fill('Kim Akers');
  await form.getByLabel('Your user name').fill('kim');
  await form.getByLabel('Usage location').fill(location);
}

test('creating a tenant makes its creator Global Administrator and, under MCA, Billing account owner (ROLE-4)', async ({
  page,
}) => {
  await fillCreateForm(page, 'se');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create tenant' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByText('Fabrikam')).toBeVisible();
  await page.getByRole('link', { name: 'Roles' }).click();
  const card = (role: string) =>
    page.locator('.role').filter({ has: page.getByRole('heading', { name: role, exact: true }) });
  await expect(card('Global Administrator')).toContainText('Kim Akers');
  await expect(card('Billing account owner')).toContainText('Kim Akers');

  // The new tenant is kept on this device.
  await page.reload();
  await expect(page.getByText('Fabrikam')).toBeVisible();
  await expect(card('Global Administrator')).toContainText('Kim Akers');
});

test('a usage location that is not a country code is refused and the form keeps what was typed', async ({
  page,
}) => {
  await fillCreateForm(page, 'X1');
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(page.getByRole('alert')).toContainText('two-letter country code');
  await expect(page.getByLabel('Organisation name')).toHaveValue('Fabrikam');
  await expect(page.getByLabel('Your name')).toHaveValue('Kim Akers');
  await expect(page).toHaveURL(/\/welcome$/);
  await expectAccessible(page);
});
