import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { BUILD_DIR, serve } from '../../scripts/serve.js';
import { freePort } from '../relay/relayProcess';
import { expectAccessible, openDemo } from './fixtures';

test('the app is installable: manifest fields and an activated service worker', async ({
  page,
}) => {
  await page.goto('/welcome');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (await page.request.get(href!)).json()) as {
    name: string;
    short_name: string;
    display: string;
    theme_color: string;
    start_url: string;
    icons: { src: string; sizes: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ short_name: 'Seats', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#/);
  expect(manifest.icons.map((i) => i.sizes)).toEqual(
    expect.arrayContaining(['192x192', '512x512']),
  );
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  for (const icon of manifest.icons) {
    expect((await page.request.get(icon.src)).ok()).toBe(true);
  }
  // `ready` resolves once a worker is active, which may still be "activating".
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
    .toBe('activated');
});

test('after one visit the app works offline, and offline changes survive a reload (SYNC-1)', async ({
  page,
  context,
}) => {
  await openDemo(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await page.getByRole('link', { name: 'Sync' }).click();
  const { subtle } = globalThis.crypto;
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const { kty, crv, x, y } = await subtle.exportKey('jwk', pair.publicKey);
  const code = btoa(JSON.stringify({ device: 'device-offline', publicKey: { kty, crv, x, y } }));
  await page
    .getByRole('textbox', { name: 'Code of the device to add' })
    .fill(`seats-device:${code}`);
  await page
    .getByRole('combobox', { name: 'Person', exact: true })
    .selectOption({ label: 'Lee Gu' });
  await page.getByRole('button', { name: 'Add a device' }).click();
  await expect(page.getByText('The device was added.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('row', { name: /device-offline/ })).toContainText('Lee Gu');
});

test('the language is chosen from the Language menu and remembered', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('sv');
  await expect(page.getByRole('heading', { level: 1, name: 'Start' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Aktiva användare' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Språk' })).toHaveValue('sv');
  await page.getByRole('combobox', { name: 'Språk' }).selectOption('da');
  await expect(page.getByRole('link', { name: 'Aktive brugere' })).toBeVisible();
  await expectAccessible(page);
});

test.describe('in a browser set to Danish', () => {
  test.use({ locale: 'da-DK' });

  test('the app starts in Danish, and numbers, dates and money are written the Danish way', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Velkommen til Seats' }),
    ).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'da');
    await expect(page.getByRole('combobox', { name: 'Sprog' })).toHaveValue('da');
    await page.getByRole('button', { name: 'Åbn demolejeren' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hjem' })).toBeVisible();
    await page.goto('/billing/products/o365-e3');
    const details = page.getByRole('region', { name: 'Abonnementsoplysninger' });
    // "9. feb. 2026", "20,00 US$ pr. måned": the day first, a decimal comma, the currency after.
    await expect(details.getByRole('definition').nth(3)).toHaveText(/^\d{1,2}\. \p{L}+\.? \d{4}$/u);
    await expect(details.getByRole('definition').nth(5)).toHaveText(/^\d+,\d{2}\sUS\$ pr\. måned$/);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the menu opens the navigation and the page does not scroll sideways', async ({ page }) => {
    await openDemo(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(nav).toBeVisible();
    await nav.getByRole('link', { name: 'Sync' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
    await expect(nav).toBeHidden();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });
});

test('a new version is offered with Reload, and Reload starts it', async ({ page }) => {
  // A deployment of its own, so the next one can replace it without touching the other tests'.
  const dir = mkdtempSync(path.join(tmpdir(), 'seats-e2e-deploy-'));
  cpSync(BUILD_DIR, dir, { recursive: true });
  const port = await freePort();
  const deploy = () => serve({ dir, port });
  let server = await deploy();
  try {
    await page.goto(`http://127.0.0.1:${port}/welcome`);
    // Installing precaches the whole app: on two busy cores that can take longer than 5 s.
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), {
        timeout: 30_000,
      })
      .toBe('activated');
    // The admin comes back: this visit is served by the installed worker.
    await page.reload();
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    // The next deployment: the same service worker with different bytes.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    appendFileSync(path.join(dir, 'sw.js'), '\n// the next version\n');
    server = await deploy();
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());

    const prompt = page.getByRole('status').filter({ hasText: 'A new version is available' });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    await expectAccessible(page);
    // The old page also shows the first screen: wait for the reload itself before asking it.
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Seats' })).toBeVisible();
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const registration = await navigator.serviceWorker.getRegistration();
            return !registration?.waiting && registration?.active?.state === 'activated';
          }),
        { timeout: 30_000 },
      )
      .toBe(true);
    await expect(prompt).toBeHidden();
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
