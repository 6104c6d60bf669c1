import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startRelayProcess, stopRelayProcess, type RelayProcess } from '../relay/relayProcess';

export const TOKEN = 'field-site-token';

/** A real relay process for the tests of this file: started before them, stopped after. */
export function useRelay(): { readonly url: string } {
  let relay: RelayProcess;
  let dir: string;
  test.beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'seats-e2e-relay-'));
    // Open tenants: the first device to present a token for a tenant registers it.
    relay = await startRelayProcess({
      db: path.join(dir, 'relay.sqlite'),
      tokens: {},
      env: { RELAY_OPEN_TENANTS: '1' },
    });
  });
  test.afterAll(async () => {
    await stopRelayProcess(relay);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get url() {
      return relay.url;
    },
  };
}

export const relayStatus = (page: Page) => page.getByRole('status', { name: 'Relay status' });

/** Client-side navigation, so the page keeps its state (and stays offline). */
export async function openSync(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
}

/** Connects the open tenant to the relay from the Sync page. */
export async function connect(page: Page, url: string): Promise<void> {
  await openSync(page);
  await page.getByLabel('Relay address').fill(url);
  await page.getByLabel('Token').fill(TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(relayStatus(page)).toContainText('Connected');
}

export async function workOffline(page: Page): Promise<void> {
  await openSync(page);
  await page.getByRole('button', { name: 'Work offline' }).click();
  await expect(relayStatus(page)).toContainText('Not connected to a relay');
}
