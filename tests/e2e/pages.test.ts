import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';

/** Every page of the console, with the demo's data in it (a product, a subscription, a user). */
const PAGES = [
  '/',
  '/users',
  '/users?user=adele',
  '/users/deleted',
  '/billing/licenses',
  '/billing/licenses/ENTERPRISEPACK',
  '/billing/products',
  '/billing/products/o365-e3',
  '/billing/products/visio-self',
  '/billing/products/ems-prepaid',
  '/billing/bills',
  '/roles',
  '/conflicts',
  '/activity',
  '/sync',
  '/import',
  '/no-such-page',
];

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('every page is axe-clean (WCAG 2 A/AA) and never scrolls sideways', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/welcome');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create a tenant' }).click();
    await expectAccessible(page);
    expect(await sidewaysScroll(page), '/welcome').toBeLessThanOrEqual(0);

    await openDemo(page);
    for (const path of PAGES) {
      await visit(page, path);
      expect(await sidewaysScroll(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      await test.step(`axe on ${path}`, () => expectAccessible(page));
    }
  });
});

test('every page is axe-clean in Danish, where the words are longest', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemo(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('da');
  for (const path of PAGES) {
    await visit(page, path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'da');
    await test.step(`axe on ${path}`, () => expectAccessible(page));
  }
});

/** What the focused control shows: its own outline, or (a visually hidden input) its label's. */
function focusRing(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return null;
    const ringOf = (el: Element) => {
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0;
      return outline >= 2 || style.boxShadow !== 'none';
    };
    const label = active.closest('label');
    const box = active.getBoundingClientRect();
    return {
      what: `${active.tagName.toLowerCase()} ${active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40) ?? ''}`,
      ring: ringOf(active) || (label !== null && ringOf(label)),
      onScreen: box.width > 0 && box.height > 0,
    };
  });
}

test('keyboard only: Tab reaches each control of a page with a visible focus ring', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openDemo(page);
  for (const path of ['/', '/users', '/billing/products/o365-e3', '/billing/bills', '/sync']) {
    await visit(page, path);
    await page.locator('body').focus();
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await focusRing(page);
      if (!focused) break;
      expect(focused.ring, `${path}: ${focused.what} shows no focus ring`).toBe(true);
      seen.add(focused.what);
    }
    expect(seen.size, `${path}: Tab reached too few controls`).toBeGreaterThan(5);
  }
});

test('keyboard only: the skip link, the navigation and buying licenses under MOSA (LIC-1, MOSA-1)', async ({
  page,
}) => {
  await openDemo(page, 'MOSA');
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  // Into the navigation, down to Your products, and in.
  const products = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Your products' });
  for (
    let i = 0;
    i < 30 && !(await products.evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(products).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your products' })).toBeVisible();

  const e3 = page.locator('a[href="/billing/products/o365-e3"]');
  for (let i = 0; i < 40 && !(await e3.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect(page.getByText('5 of 30 licenses available')).toBeVisible();

  const buy = page.getByRole('button', { name: 'Buy licenses' });
  await buy.focus();
  await page.keyboard.press('Enter');
  const pane = page.getByRole('dialog', { name: 'Buy licenses' });
  const total = pane.getByRole('spinbutton', { name: 'Total licenses' });
  await expect(total).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(total).toHaveValue('32');
  await page.keyboard.press('Enter');
  await expect(pane).toBeHidden();
  await expect(page.getByText('7 of 32 licenses available')).toBeVisible();
  await expect(buy).toBeFocused();

  // Escape closes a pane without a change, and focus goes back where it was.
  await page.keyboard.press('Enter');
  await expect(pane).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pane).toBeHidden();
  await expect(buy).toBeFocused();
});
