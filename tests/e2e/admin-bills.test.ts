import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openDemo } from './fixtures';

async function openBills(page: Page, type: 'MCA' | 'MOSA' = 'MCA') {
  await openDemo(page, type);
  await page.getByRole('link', { name: 'Bills & payments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bills & payments' })).toBeVisible();
}

test('invoices: the past 3 months by default, or the past 6 months, or a date range (BILL-4, BILL-1)', async ({
  page,
}) => {
  await openBills(page);
  const invoices = page.getByRole('region', { name: 'Invoices' });
  const period = invoices.getByRole('combobox', { name: 'Period' });
  const rows = invoices.getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(period).toHaveValue('past3months');
  const count = async () =>
    Number((await invoices.getByRole('status').textContent())!.match(/\d+/)![0]);
  await expect(invoices.getByRole('status')).toHaveText(/^\d+ invoices$/);
  const threeMonths = await count();
  expect(threeMonths).toBeGreaterThan(0);
  await expect(rows).toHaveCount(threeMonths);

  // Each invoice shows what it charges for.
  await rows
    .first()
    .getByText(/Show \d+ lines?/)
    .click();
  await expect(
    rows
      .first()
      .getByText(/^\d+ licenses, .+ to .+$/)
      .first(),
  ).toBeVisible();

  await period.selectOption({ label: 'Past 6 months' });
  await expect.poll(count).toBeGreaterThan(threeMonths);

  await period.selectOption({ label: 'Specify a date range' });
  await expect(
    invoices.getByText('Enter both dates to see the invoices between them.'),
  ).toBeVisible();
  await invoices.getByLabel('From').fill('2026-02-01');
  await invoices.getByLabel('To').fill('2026-01-01');
  await expect(invoices.getByRole('alert')).toContainText(
    'Enter a date range with a start before its end.',
  );
  await invoices.getByLabel('From').fill('2020-01-01');
  await invoices.getByLabel('To').fill('2020-01-31');
  await expect(invoices.getByText(/^No invoices in this period/)).toBeVisible();
  await expectAccessible(page);
});

test('add a card, then edit it: the security code is checked and never kept (BILL-3)', async ({
  page,
}) => {
  await openBills(page);
  const methods = page.getByRole('region', { name: 'Payment methods' });
  await expect(methods.getByText('No payment methods yet.')).toBeVisible();

  await methods.getByRole('button', { name: 'Add a payment method' }).click();
  const pane = page.getByRole('dialog', { name: 'Add a payment method' });
  await pane.getByLabel('Card number').fill('4111 1111 1111 1111');
  await pane.getByLabel('Security code').fill('12');
  await pane.getByLabel('Expiration date').fill('12/2030');
  await pane.getByLabel('Name on card').fill('Megan Bowen');
  await pane.getByLabel('Address').fill('Storgatan 1, Stockholm');
  await expectAccessible(page);
  await pane.getByRole('button', { name: 'Add', exact: true }).click();
  // The engine checks the code; nothing typed is lost.
  await expect(pane.getByRole('alert')).toContainText(
    'The security code must be the 3 or 4 digits',
  );
  await expect(pane.getByLabel('Card number')).toHaveValue('4111 1111 1111 1111');
  await pane.getByLabel('Security code').fill('123');
  await pane.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(pane).toBeHidden();
  await expect(methods.getByRole('status')).toHaveText('The payment method was added.');
  const row = methods.getByRole('row', { name: /Card ending in 1111/ });
  await expect(row).toContainText('Megan Bowen');
  await expect(row).toContainText('12/2030');
  await expect(row).not.toContainText('123');

  await methods.getByRole('button', { name: 'Edit the card ending in 1111' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit payment method' });
  await expect(edit.getByLabel('Security code')).toHaveValue('');
  await expect(edit.getByLabel('Name on card')).toHaveValue('Megan Bowen');
  await edit.getByLabel('Name on card').fill('M. Bowen');
  await edit.getByLabel('Expiration date').fill('01/2031');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText('Security code is required.')).toBeVisible();
  await edit.getByLabel('Security code').fill('456');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(methods.getByRole('status')).toHaveText('The payment method was saved.');
  await expect(row).toContainText('M. Bowen');
  await expect(row).toContainText('01/2031');

  await methods.getByRole('button', { name: 'Edit the card ending in 1111' }).click();
  await expect(edit.getByLabel('Security code')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(edit).toBeHidden();
  await expect(methods.getByRole('button', { name: 'Edit the card ending in 1111' })).toBeFocused();
});

test('replacing a card puts the new one in its place (BILL-3)', async ({ page }) => {
  await openBills(page);
  const methods = page.getByRole('region', { name: 'Payment methods' });
  const add = async (dialog: string, card: string) => {
    const pane = page.getByRole('dialog', { name: dialog });
    await pane.getByLabel('Card number').fill(card);
    await pane.getByLabel('Security code').fill('321');
    await pane.getByLabel('Expiration date').fill('06/2031');
    await pane.getByLabel('Name on card').fill('Alex Wilber');
    await pane.getByLabel('Address').fill('Vesterbrogade 2, København');
    await pane.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(pane).toBeHidden();
  };
  await methods.getByRole('button', { name: 'Add a payment method' }).click();
  await add('Add a payment method', '4111111111111111');
  await methods.getByRole('button', { name: 'Replace the card ending in 1111' }).click();
  await add('Replace payment method', '5555555555554444');
  await expect(methods.getByRole('status')).toHaveText('The payment method was replaced.');
  await expect(methods.getByRole('row', { name: /Card ending in 4444/ })).toBeVisible();
  await expect(methods.getByRole('row', { name: /Card ending in 1111/ })).toHaveCount(0);
});

test('under MCA the billing account and profile show who holds their roles; MOSA has none (ROLE-3)', async ({
  page,
}) => {
  await openBills(page, 'MCA');
  const profiles = page.getByRole('region', { name: 'Billing profiles' });
  await expect(profiles.getByRole('heading', { name: 'Billing account: Contoso' })).toBeVisible();
  await expect(profiles).toContainText('Megan Bowen');
  await expect(profiles).toContainText('Patti Fernandez');
  await expect(profiles).toContainText('Pradeep Gupta');
  await expect(profiles).toContainText('Johanna Lorenz');
  await expectAccessible(page);
});

test('under MOSA there are no billing profiles to show (ROLE-3)', async ({ page }) => {
  await openBills(page, 'MOSA');
  await expect(page.getByRole('region', { name: 'Invoices' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Billing profiles' })).toHaveCount(0);
});
