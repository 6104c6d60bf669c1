import { expect, test } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';

test('a fresh browser lands on the first screen, which is accessible, and can open an invitation', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Seats' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Join with an invitation' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Join with an invitation' }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'Invitation link' }).fill('https://example.com/join#abc');
  await page.getByRole('button', { name: 'Read invitation' }).click();
  await expect(page.getByRole('alert')).toContainText('This invitation is incomplete or damaged');
  await expectAccessible(page);
});

test('the demo tenant opens at once and survives a reload', async ({ page }) => {
  await openDemo(page);
  await expect(page.getByRole('combobox', { name: 'Acting as' })).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
});

test('a deep link is answered with the app, not a 404', async ({ page }) => {
  const response = await page.goto('/some/deep/link');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
