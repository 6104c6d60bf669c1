import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';

test('with every change taken effect the conflict inbox says so (SYNC-3)', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('link', { name: 'Conflicts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conflicts' })).toBeVisible();
  await expect(page.getByText('No conflicts: every change took effect.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Show dismissed/ })).toHaveCount(0);
  await expectAccessible(page);
});

async function removeGlobalAdmin(page: Page, name: string) {
  await page.getByRole('button', { name: `Remove Global Administrator from ${name}` }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    `${name} no longer has the role Global Administrator.`,
  );
}

test('two tabs working offline each remove a Global Administrator: the later removal shows as a conflict, and dismissing it hides it (SYNC-3, SYNC-4, ROLE-6)', async ({
  context,
}) => {
  // Without the channel between tabs, each tab works like a device with no network.
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
