import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Opens the demo tenant from the first screen (a fresh browser context holds none). */
export async function openDemo(page: Page, type: 'MCA' | 'MOSA' = 'MCA'): Promise<void> {
  await page.goto('/welcome');
  await page.getByRole('radio', { name: type === 'MCA' ? /\(MCA\)/ : /\(MOSA\)/ }).check();
  await page.getByRole('button', { name: 'Open the demo tenant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
}

/** Switches who the demo acts as (the demo's Acting as combobox). */
export async function actAs(page: Page, name: string): Promise<void> {
  const select = page.getByRole('combobox', { name: 'Acting as' });
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  await select.selectOption(value ?? name);
}

/** axe with WCAG 2 A and AA rules: no violations, and proof that it ran. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.passes.length).toBeGreaterThan(0);
  expect(results.violations).toEqual([]);
}
