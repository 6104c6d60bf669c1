import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';

test('with every change taken effect the conflict inbox says so (SYNC-3)', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('link', { name: 'Conflicts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conflicts' })).toBeVisible();
  await expect(page.getByText('No conflicts: every change took effect.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Show dismissed/ })).toHaveCount(0);
  await expectAccessible(page);
});

/** Each tab works like a device with no network: without the channel between tabs. */
async function unplugTabs(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    class Unplugged {
      onmessage = null;
      postMessage() {}
      close() {}
      addEventListener() {}
      removeEventListener() {}
    }
    Object.defineProperty(window, 'BroadcastChannel', { value: Unplugged });
  });
}

async function removeGlobalAdmin(page: Page, name: string) {
  await page.getByRole('button', { name: `Remove Global Administrator from ${name}` }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    `${name} no longer has the role Global Administrator.`,
  );
}

test('two tabs working offline each remove a Global Administrator: the later removal shows as a conflict, and dismissing it hides it (SYNC-3, SYNC-4, ROLE-6)', async ({
  context,
}) => {
  await unplugTabs(context);
  const first = await context.newPage();
  await openDemo(first);
  await first.getByRole('link', { name: 'Roles' }).click();
  const second = await context.newPage();
  await second.goto('/roles');
  await expect(second.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();

  await removeGlobalAdmin(first, 'Adele Vance');
  // Here Adele is still Global Administrator, so Megan may step down.
  await removeGlobalAdmin(second, 'Megan Bowen');

  // Reopening reads both tabs' changes from storage: merged, Megan's removal no longer fits.
  await first.goto('/');
  const attention = first.getByRole('region', { name: 'Needs your attention' });
  await expect(attention).toContainText('1 change did not take effect after a merge.');
  await attention.getByRole('link', { name: 'Review conflicts' }).click();

  const conflict = first.getByRole('article');
  await expect(conflict.getByRole('heading')).toHaveText(
    'Remove role Megan Bowen · Global Administrator',
  );
  await expect(conflict).toContainText('Megan Bowen');
  await expect(conflict).toContainText('(this device)');
  await expect(conflict.getByRole('alert')).toHaveAttribute('data-code', 'LAST_GLOBAL_ADMIN');
  await expect(conflict.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await expectAccessible(first);

  // Retrying asks the engine again, which still says no: nothing changes.
  await conflict.getByRole('button', { name: 'Retry now' }).click();
  await expect(conflict.getByRole('alert').last()).toContainText(
    'Megan Bowen is the only Global Administrator',
  );

  await conflict.getByRole('button', { name: 'Dismiss' }).click();
  await expect(first.getByRole('main').getByRole('status')).toHaveText(
    'The conflict was dismissed for every admin.',
  );
  await expect(first.getByRole('article')).toHaveCount(0);
  await expect(first.getByText('Every conflict has been dismissed.')).toBeVisible();
  await first.getByRole('checkbox', { name: 'Show dismissed (1)' }).check();
  await expect(first.getByRole('article')).toContainText('Dismissed');
  await expect(first.getByRole('article').getByRole('button')).toHaveCount(0);

  await first.goto('/activity');
  await first.getByRole('combobox', { name: 'Outcome', exact: true }).selectOption({
    label: 'Did not take effect',
  });
  const refused = first.getByRole('row').filter({ has: first.getByRole('cell') });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('Did not take effect (LAST_GLOBAL_ADMIN)');
});

async function assignLastE5(page: Page, person: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Licenses' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
  await page.getByRole('link', { name: 'Microsoft 365 E5', exact: true }).click();
  await expect(page.getByText('1 of 10 licenses available')).toBeVisible();
  await page.getByRole('button', { name: 'Assign licenses', exact: true }).click();
  const pane = page.getByRole('dialog', { name: 'Assign licenses to users' });
  await pane.getByRole('combobox', { name: 'Find people' }).fill(person);
  await pane.getByRole('combobox', { name: 'Find people' }).press('Enter');
  await pane.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByText('0 of 10 licenses available')).toBeVisible();
}

test('two tabs offline each take the last license: the conflict offers Unassign someone first, and Buy one more license then Retry now makes it take effect (SYNC-3, ASG-6, LIC-4)', async ({
  context,
}) => {
  await unplugTabs(context);
  const first = await context.newPage();
  await openDemo(first);
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await assignLastE5(first, 'Åsa Lindqvist');
  await assignLastE5(second, 'Søren Kjær');

  // Reopened, the tab reads both changes from storage: one of them no longer fits.
  await first.goto('/conflicts');
  const conflict = first.getByRole('article');
  await expect(conflict.getByRole('alert')).toHaveAttribute('data-code', 'COUNT_VIOLATION');
  const title = (await conflict.getByRole('heading').textContent()) ?? '';
  const loser = title.includes('Åsa Lindqvist') ? 'Åsa Lindqvist' : 'Søren Kjær';
  await expectAccessible(first);

  await conflict.getByRole('link', { name: 'Unassign someone first' }).click();
  await expect(first.getByRole('heading', { level: 1, name: 'Microsoft 365 E5' })).toBeVisible();
  await expect(first.getByText('0 of 10 licenses available')).toBeVisible();
  await first.goBack();

  await conflict.getByRole('button', { name: 'Buy one more license' }).click();
  await expect(first.getByRole('main').getByRole('status')).toHaveText(
    'The subscription now has 11 licenses. Retry the change.',
  );
  await conflict.getByRole('button', { name: 'Retry now' }).click();
  await expect(first.getByRole('article')).toHaveCount(0);
  await expect(first.getByText('Every conflict has been dismissed.')).toBeVisible();

  await assignedE5(first, loser);
});

/** The person now holds Microsoft 365 E5, and every license of it is used. */
async function assignedE5(page: Page, person: string): Promise<void> {
  await page.goto('/billing/licenses/SPE_E5');
  await expect(page.getByText('0 of 11 licenses available')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(person) })).toBeVisible();
}
