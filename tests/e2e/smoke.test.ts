import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the built app loads, shows the Seats heading and has no WCAG 2 A/AA violations', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Seats' })).toBeVisible();

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.passes.length).toBeGreaterThan(0); // axe really ran against the page
  expect(results.violations).toEqual([]);
});

test('a deep link is answered with the app, not a 404', async ({ page }) => {
  const response = await page.goto('/some/deep/link');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
