import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';

const FIXTURES = fileURLToPath(new URL('../fixtures/interop/', import.meta.url));
const GRAPH = [`${FIXTURES}graph-subscribedSkus.json`, `${FIXTURES}graph-users-pages.json`];
const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';

async function openInterop(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Import & export' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import & export' })).toBeVisible();
}

const count = (page: Page, label: string) =>
  page
    .locator('dl div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd');

test('a real tenant comes in from Graph files: preview, apply, nothing to change the second time; over-assigned counts are flagged (LIC-2, ASG-6)', async ({
  page,
}) => {
  await openDemo(page);
  await openInterop(page);
  await expectAccessible(page);

  await page.getByLabel('Choose files').setInputFiles(GRAPH);
  await expect(page.getByRole('heading', { name: /^Preview of / })).toBeVisible();
  await expect(count(page, 'People')).toHaveText('8');
  await expect(count(page, 'Subscriptions')).toHaveText('4');
  await expect(count(page, 'License assignments')).toHaveText('8');
  const problems = page.getByRole('table', { name: /^Left out: 5 problems/ });
  await expect(
    problems.getByRole('row', { name: /graph-users-pages\.json page 2 value\[3\]/ }),
  ).toContainText('not a user: it has no userPrincipalName');
  const unknown = page.getByRole('table', { name: /1 product not in the catalogue/ });
  await expect(unknown.getByRole('row', { name: /FABRIKAM_LAB_ADDON/ })).toContainText(
    '0c0ffee0-1234-4abc-9def-0123456789ab',
  );
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Apply the import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported. People: 8' })).toBeVisible();

  // The same files again: the engine finds nothing the tenant lacks.
  await page.getByLabel('Choose files').setInputFiles(GRAPH);
  await expect(
    page.getByText('Nothing to change: this tenant already has everything in these files.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Apply the import' })).toHaveCount(0);

  const flagged = 'Microsoft 365 E3 (spe_e3): 3 licenses assigned, but only 2 bought.';
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: flagged })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Conflicts' })
    .click();
  await expect(page.getByRole('alert').getByRole('link', { name: flagged })).toBeVisible();
  await expectAccessible(page);

  // The product the catalogue lacks is kept, read-only, with its GUID and holder.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Licenses' })
    .click();
  const kept = page.getByRole('table', { name: 'Products not in the catalogue' });
  await expect(kept.getByRole('row', { name: /FABRIKAM_LAB_ADDON/ })).toContainText(
    '0c0ffee0-1234-4abc-9def-0123456789ab',
  );
  await expectAccessible(page);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Active users' })
    .click();
  await page.getByRole('searchbox', { name: 'Search by name' }).fill('Ødegård');
  await expect(
    page.getByRole('grid', { name: 'Active users' }).getByRole('link', { name: 'Åsa Ødegård' }),
  ).toBeVisible();
});

test('the change plan since the import holds exactly the change made after it; a broken file changes nothing', async ({
  page,
}) => {
  await openDemo(page);
  await openInterop(page);
  await page.getByLabel('Choose files').setInputFiles(GRAPH);
  await page.getByRole('button', { name: 'Apply the import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported. People: 8' })).toBeVisible();

  // One change: Mikkel, imported without a license, gets Office 365 E3.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Licenses' })
    .click();
  await page.getByRole('link', { name: 'Office 365 E3', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Office 365 E3' })).toBeVisible();
  await page.getByRole('button', { name: 'Assign licenses', exact: true }).click();
  const search = page.getByRole('combobox', { name: 'Find people' });
  await search.fill("Mikkel O'Brien");
  await search.press('Enter');
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(
    page.getByRole('main').getByRole('status').filter({ hasText: 'assigned to 1' }),
  ).toBeVisible();

  await openInterop(page);
  await expect(page.getByRole('radio', { name: /^The last import/ })).toBeChecked();
  await page.getByRole('button', { name: 'Prepare the plan' }).click();
  await expect(page.getByText("1 user's licenses change.")).toBeVisible();
  await expectAccessible(page);

  const [script] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the PowerShell script' }).click(),
  ]);
  expect(script.suggestedFilename()).toMatch(/^contoso-license-plan-\d{4}-\d{2}-\d{2}\.ps1$/);
  const text = await readFile(await script.path(), 'utf8');
  expect(text.split('\r\n').filter((line) => line.startsWith('Set-MgUserLicense'))).toEqual([
    `Set-MgUserLicense -UserId 'mikkel.obrien@fabrikam.example' -AddLicenses @(@{SkuId='${E3}'; DisabledPlans=@()}) -RemoveLicenses @()`,
  ]);

  const [batch] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the $batch bodies (JSON)' }).click(),
  ]);
  expect(JSON.parse(await readFile(await batch.path(), 'utf8'))).toMatchObject([
    {
      requests: [{ method: 'POST', url: '/users/mikkel.obrien%40fabrikam.example/assignLicense' }],
    },
  ]);

  const broken = (await readFile(GRAPH[1], 'utf8')).replace('"DK",', '"DK"');
  const json = (name: string, text: string) => ({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await page
    .getByLabel('Choose files')
    .setInputFiles([
      json('skus.json', await readFile(GRAPH[0], 'utf8')),
      json('users.json', broken),
    ]);
  const alert = page.getByRole('alert').filter({ hasText: 'could not be imported' });
  await expect(alert).toContainText('users.json is not valid JSON.');
  await expect(alert).toContainText('broken JSON at line 25');
  await expect(page.getByRole('button', { name: 'Apply the import' })).toHaveCount(0);
  await expectAccessible(page);
  // Still exactly the one change: the broken file took nothing in.
  await page.getByRole('button', { name: 'Prepare the plan' }).click();
  await expect(page.getByText("1 user's licenses change.")).toBeVisible();
});

test('the admin center CSV previews with its line numbers; Users CSV and licenses report download; the page reads in Swedish', async ({
  page,
}) => {
  await openDemo(page);
  await openInterop(page);
  await page.getByLabel('Choose files').setInputFiles(`${FIXTURES}admin-center-users.csv`);
  await expect(count(page, 'People')).toHaveText('7');
  await expect(
    page
      .getByRole('table', { name: /^Left out: 4 problems/ })
      .getByRole('row', { name: /admin-center-users\.csv line 9/ }),
  ).toContainText('a quote inside a field must be doubled');

  const [users] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the Users CSV' }).click(),
  ]);
  const csv = await readFile(await users.path(), 'utf8');
  expect(csv.startsWith('\uFEFFBlock credential,City,')).toBe(true);
  expect(csv).toContain('Adele Vance');

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Svenska' });
  await expect(page.getByRole('heading', { level: 1, name: 'Import och export' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Förbered planen' })).toBeVisible();
});
