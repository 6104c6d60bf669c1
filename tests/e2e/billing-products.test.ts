import { expect, test, type Page } from '@playwright/test';
import { actAs, expectAccessible, openDemo } from './fixtures';

/** Client-side navigation to Your products: a reload would reset who the demo acts as. */
async function yourProducts(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Your products' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your products' })).toBeVisible();
}

/** Opens a subscription from Your products by its id, shown under the product's name. */
async function openSubscription(page: Page, id: string): Promise<void> {
  await yourProducts(page);
  await page.locator(`a[href="/billing/products/${id}"]`).click();
  await expect(page.getByText(id, { exact: true })).toBeVisible();
}

const pane = (page: Page, name: string) => page.getByRole('dialog', { name });

async function setTotal(page: Page, title: string, total: string): Promise<void> {
  await pane(page, title).getByRole('spinbutton', { name: 'Total licenses' }).fill(total);
  await pane(page, title).getByRole('button', { name: 'Save' }).click();
}

test('Your products lists each subscription with channel and status; filters Self-service and Trial (SELF-2, LIC-6)', async ({
  page,
}) => {
  await openDemo(page);
  await yourProducts(page);
  const rows = page.getByRole('table', { name: 'Your products' }).locator('tbody tr');
  await expect(rows).toHaveCount(11);
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'Showing 11 of 11 subscriptions',
  );
  await expect(page.getByRole('row', { name: /business-premium/ })).toContainText('Reseller');
  await expect(page.getByRole('row', { name: /o365-e1-old/ })).toContainText('Expired');
  await expect(page.getByRole('row', { name: /business-basic-old/ })).toContainText('Disabled');
  await expectAccessible(page);

  const filter = page.getByRole('combobox', { name: 'Filter' });
  await filter.selectOption({ label: 'Self-service' });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Visio Plan 2');
  await filter.selectOption({ label: 'Trial' });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Office 365 E5');
  await filter.selectOption({ label: 'Prepaid' });
  await expect(rows).toHaveText([/Enterprise Mobility \+ Security E3/]);
  await filter.selectOption({ label: 'Cancelled' });
  await expect(page.getByText('No subscription matches this filter.')).toBeVisible();
});

test('under MOSA, Buy licenses sets the new total at once, with no Now / At renewal choice (LIC-1, MOSA-1)', async ({
  page,
}) => {
  await openDemo(page, 'MOSA');
  await openSubscription(page, 'o365-e3');
  await expect(page.getByText('5 of 30 licenses available')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Buy licenses' }).click();
  const buy = pane(page, 'Buy licenses');
  await expect(buy.getByRole('radio')).toHaveCount(0);
  await expect(buy.getByRole('spinbutton', { name: 'Total licenses' })).toHaveValue('30');
  await expectAccessible(page);
  await setTotal(page, 'Buy licenses', '32');
  await expect(buy).toBeHidden();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'The subscription now has 32 licenses.',
  );
  await expect(page.getByText('7 of 32 licenses available')).toBeVisible();
});

test('under MOSA, Remove licenses refuses a total below the assigned licenses or under 1, keeping what was typed (LIC-1, LIC-2, MOSA-1)', async ({
  page,
}) => {
  await openDemo(page, 'MOSA');
  await openSubscription(page, 'o365-e3');
  await page.getByRole('button', { name: 'Remove licenses' }).click();
  const remove = pane(page, 'Remove licenses');
  await setTotal(page, 'Remove licenses', '20');
  await expect(remove.getByRole('alert')).toHaveAttribute('data-code', 'BELOW_ASSIGNED');
  await expect(remove.getByRole('spinbutton', { name: 'Total licenses' })).toHaveValue('20');
  await setTotal(page, 'Remove licenses', '0');
  await expect(remove.getByRole('alert')).toHaveAttribute('data-code', 'INVALID_QUANTITY');
  await setTotal(page, 'Remove licenses', '');
  await expect(remove.getByRole('alert')).toHaveText('Enter the total number of licenses.');
  await setTotal(page, 'Remove licenses', '28');
  await expect(remove).toBeHidden();
  await expect(page.getByText('3 of 28 licenses available')).toBeVisible();
});

test('when every license is assigned, Remove licenses gives way to the hint to unassign first (LIC-2)', async ({
  page,
}) => {
  await openDemo(page, 'MOSA');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Licenses' })
    .click();
  // Home links the same product: wait until the Licenses page has replaced it.
  await expect(page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
  await page.getByRole('link', { name: 'Microsoft 365 E5', exact: true }).click();
  await page.getByRole('button', { name: 'Assign licenses', exact: true }).click();
  const assign = pane(page, 'Assign licenses to users');
  await assign.getByRole('combobox', { name: 'Find people' }).fill('Mikkel Holm');
  await assign.getByRole('combobox', { name: 'Find people' }).press('Enter');
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByText('0 of 10 licenses available')).toBeVisible();

  await openSubscription(page, 'm365-e5');
  await expect(page.getByRole('button', { name: 'Buy licenses' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove licenses' })).toBeHidden();
  await expect(page.locator('[data-code="BELOW_ASSIGNED"]')).toContainText(
    'Unassign licenses from users first',
  );
});

test('under MCA, buying offers Now / At renewal, and licenses just bought can be removed now (MCA-1, MCA-2, MCA-4)', async ({
  page,
}) => {
  await openDemo(page);
  await openSubscription(page, 'o365-e3');
  await page.getByRole('button', { name: 'Buy licenses' }).click();
  const buy = pane(page, 'Buy licenses');
  await expect(buy.getByRole('radio', { name: 'Now' })).toBeChecked();
  await expect(buy.getByRole('radio', { name: 'At renewal' })).toBeEnabled();
  await expect(buy.getByText(/^Takes effect on /)).toBeVisible();
  await expectAccessible(page);
  await setTotal(page, 'Buy licenses', '32');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'The subscription now has 32 licenses.',
  );

  // Licenses bought in the middle of a period can be removed for 7 days (MCA-2).
  await page.getByRole('button', { name: 'Remove licenses' }).click();
  const remove = pane(page, 'Remove licenses');
  await expect(remove.getByRole('radio', { name: 'Now' })).toBeChecked();
  await expect(remove.getByText(/^Licenses can be removed until /)).toBeVisible();
  await setTotal(page, 'Remove licenses', '30');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'The subscription now has 30 licenses.',
  );
});

test('recurring billing on, then a reduction after the 7-day window is scheduled for renewal and shown with its date (MCA-3, MCA-4, MCA-5)', async ({
  page,
}) => {
  await openDemo(page);
  await openSubscription(page, 'm365-e5');
  const recurring = page.getByRole('switch', { name: 'Recurring billing' });
  await expect(recurring).not.toBeChecked();
  // With recurring billing off, removing is refused with its reason in place of the button.
  await expect(page.locator('[data-code="RECURRING_BILLING_OFF"]')).toContainText(
    'Remove licenses is unavailable',
  );
  await recurring.click();
  await expect(recurring).toBeChecked();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Recurring billing is on.');

  await page.getByRole('button', { name: 'Remove licenses' }).click();
  const remove = pane(page, 'Remove licenses');
  await expect(remove.getByRole('radio', { name: 'Now' })).toBeDisabled();
  await expect(remove.getByText(/can be removed only within 7 days/)).toBeVisible();
  await expect(remove.getByRole('radio', { name: 'At renewal' })).toBeChecked();
  const takesEffect = (await remove.getByText(/^Takes effect on /).textContent()) ?? '';
  const date = takesEffect.replace('Takes effect on ', '').replace(/\.$/, '');
  await setTotal(page, 'Remove licenses', '9');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    `The change to 9 licenses is scheduled for ${date}.`,
  );
  await expect(page.getByText(`Scheduled change: 9 licenses from ${date}.`)).toBeVisible();
  await expect(page.getByText('Now: 10 licenses, 9 assigned.')).toBeVisible();
});

test('turning recurring billing off leaves only Now, and removing needs it on (MCA-3, MCA-4)', async ({
  page,
}) => {
  await openDemo(page);
  await openSubscription(page, 'o365-e3');
  await page.getByRole('switch', { name: 'Recurring billing' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(
    'Recurring billing is off',
  );
  await expect(page.getByRole('button', { name: 'Remove licenses' })).toBeHidden();
  await expect(page.locator('[data-code="RECURRING_BILLING_OFF"]')).toContainText(
    'Turn recurring billing on first.',
  );
  await page.getByRole('button', { name: 'Buy licenses' }).click();
  await expect(pane(page, 'Buy licenses').getByRole('radio')).toHaveCount(0);
});

/** Each LIC-5 reason with words of its remedy, in English and as the seeds' tables put it. */
const UNAVAILABLE = [
  {
    id: 'business-premium',
    code: 'RESELLER',
    en: 'Contact your Cloud Solution Provider partner',
    sv: 'kontaktar du din partner för molnlösningar',
    da: 'skal du kontakte din CSP-partner',
  },
  {
    id: 'm365-e3-rep',
    code: 'MICROSOFT_REPRESENTATIVE',
    en: 'Contact your Microsoft representative',
    sv: 'Kontakta din Microsoft-representant',
    da: 'Kontakt din Microsoft-repræsentant',
  },
  {
    id: 'ems-prepaid',
    code: 'PREPAID',
    en: 'Add licenses with another product key',
    sv: 'Lägg till fler licenser med en annan produktnyckel',
    da: 'Tilføj flere licenser ved hjælp af en anden produktnøgle',
  },
  {
    id: 'o365-e5-trial',
    code: 'TRIAL',
    en: 'Buy the trial subscription first',
    sv: 'Först köper du utvärderingsprenumerationen',
    da: 'Først skal du købe dit prøveabonnement',
  },
  {
    id: 'exchange-p2',
    code: 'CREDIT_CHECK_PENDING',
    en: 'up to two business days',
    sv: 'upp till två arbetsdagar',
    da: 'op til to arbejdsdage',
  },
  {
    id: 'teams-exploratory',
    code: 'END_OF_SALE',
    en: 'no longer available to buy',
    sv: 'inte längre tillgänglig att köpa',
    da: 'ikke længere tilgængeligt at købe',
  },
] as const;

const BOTH_UNAVAILABLE = {
  en: 'Buy licenses and Remove licenses are unavailable',
  sv: 'Köp licenser och Ta bort licenser är inte tillgängliga',
  da: 'Køb licenser og Fjern licenser er ikke tilgængelige',
} as const;

test('each reason Buy / Remove licenses are unavailable stands in their place, with its remedy (LIC-5, KEY-4)', async ({
  page,
}) => {
  await openDemo(page);
  for (const { id, code, en } of UNAVAILABLE) {
    await openSubscription(page, id);
    await expect(page.getByRole('button', { name: 'Buy licenses' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Remove licenses' })).toBeHidden();
    const reason = page.locator(`[data-code="${code}"]`);
    await expect(reason).toContainText(BOTH_UNAVAILABLE.en);
    await expect(reason).toContainText(en);
  }
  await expectAccessible(page);
});

test('in Swedish and Danish each unavailable reason and remedy follows the seeds’ table (LIC-5)', async ({
  page,
}) => {
  await openDemo(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('sv');
  for (const locale of ['sv', 'da'] as const) {
    if (locale === 'da') await page.getByRole('combobox', { name: 'Språk' }).selectOption('da');
    for (const row of UNAVAILABLE) {
      // By address, not by name: the names are in the language being checked.
      await page.locator('nav a[href="/billing/products"]').click();
      await page.locator(`a[href="/billing/products/${row.id}"]`).click();
      const reason = page.locator(`[data-code="${row.code}"]`);
      await expect(reason).toContainText(BOTH_UNAVAILABLE[locale]);
      await expect(reason).toContainText(row[locale]);
    }
  }
  await expectAccessible(page);
});

test('without a billing role the buttons are refused: License admin, Global admin under MCA; a plain user sees none of it (ROLE-2, ROLE-3, ROLE-5)', async ({
  page,
}) => {
  await openDemo(page);
  await actAs(page, 'Nestor Wilke');
  await openSubscription(page, 'o365-e3');
  await expect(page.locator('[data-code="NOT_AUTHORIZED"]')).toContainText(
    'Buy licenses and Remove licenses are unavailable',
  );
  await actAs(page, 'Adele Vance');
  await expect(page.locator('[data-code="NOT_AUTHORIZED"]')).toContainText('billing account');
  await actAs(page, 'Åsa Lindqvist');
  await expect(page.getByText("This subscription isn't among your products.")).toBeVisible();
  await yourProducts(page);
  await expect(page.getByText('You have no products.')).toBeVisible();
});

test('the purchaser of a self-service subscription buys more licenses; admins only get a read-only view (SELF-2, SELF-3)', async ({
  page,
}) => {
  await openDemo(page);
  await openSubscription(page, 'visio-self');
  const view = page.getByRole('region', { name: 'Self-service purchase' });
  await expect(view).toContainText('Sofie Madsen');
  // SELF-3: product, purchaser, quantity, expiry date, purchase price and assigned users.
  await expect(view.getByRole('term')).toHaveText([
    'Product',
    'Purchaser',
    'Quantity',
    'Renews or expires on',
    'Purchase price',
    'Assigned users',
  ]);
  await expect(view.getByRole('definition').nth(0)).toHaveText('Visio Plan 2');
  await expect(view.getByRole('definition').nth(4)).toHaveText(/US\$/);
  await expect(view.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Buy licenses' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cancel subscription' })).toBeHidden();
  await expectAccessible(page);

  await actAs(page, 'Sofie Madsen');
  await yourProducts(page);
  await expect(page.getByRole('table', { name: 'Your products' }).locator('tbody tr')).toHaveText([
    /Visio Plan 2/,
  ]);
  await openSubscription(page, 'visio-self');
  await page.getByRole('button', { name: 'Buy licenses' }).click();
  await setTotal(page, 'Buy licenses', '4');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'The subscription now has 4 licenses.',
  );
});

test('redeeming product keys: a malformed key is refused and every typed key kept, the valid one adds licenses once (KEY-1, KEY-2, KEY-3)', async ({
  page,
}) => {
  await openDemo(page);
  await openSubscription(page, 'ems-prepaid');
  await page.getByRole('button', { name: 'Add licenses with a product key' }).click();
  const keys = pane(page, 'Add licenses with a product key');
  await keys.getByRole('textbox', { name: 'Product key 1' }).fill('ABCDE-12345');
  await keys.getByRole('button', { name: 'Add another product key' }).click();
  await expect(keys.getByRole('textbox', { name: 'Product key 2' })).toBeFocused();
  await keys.getByRole('textbox', { name: 'Product key 2' }).fill('KJ4N7-QX2PD-8WRTM-3HBVC-6YFGL');
  await expectAccessible(page);
  await keys.getByRole('button', { name: 'Next' }).click();
  await expect(keys.getByRole('heading', { name: 'Review your order' })).toBeVisible();
  await expect(keys.getByRole('listitem')).toHaveText([
    'ABCDE-12345',
    'KJ4N7-QX2PD-8WRTM-3HBVC-6YFGL',
  ]);
  await keys.getByRole('button', { name: 'Redeem' }).click();

  await expect(keys.getByRole('alert')).toHaveAttribute('data-code', 'INVALID_PRODUCT_KEY');
  await expect(keys.getByRole('textbox', { name: 'Product key 1' })).toHaveValue('ABCDE-12345');
  await expect(keys.getByRole('textbox', { name: 'Product key 1' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(keys.getByRole('textbox', { name: 'Product key 2' })).toHaveValue(
    'KJ4N7-QX2PD-8WRTM-3HBVC-6YFGL',
  );
  await keys.getByRole('button', { name: 'Remove product key 1' }).click();
  await keys.getByRole('button', { name: 'Next' }).click();
  await keys.getByRole('button', { name: 'Redeem' }).click();
  await expect(keys).toBeHidden();
  await expect(page.getByRole('main').getByRole('status')).toContainText(
    'Product keys redeemed. The subscription has 20 licenses',
  );

  await page.getByRole('button', { name: 'Add licenses with a product key' }).click();
  await keys.getByRole('textbox', { name: 'Product key 1' }).fill('KJ4N7-QX2PD-8WRTM-3HBVC-6YFGL');
  await keys.getByRole('button', { name: 'Next' }).click();
  await keys.getByRole('button', { name: 'Redeem' }).click();
  await expect(keys.getByRole('alert')).toHaveAttribute('data-code', 'PRODUCT_KEY_USED');
});

test('cancelling takes a reason from a list and optional feedback; over 25 licenses under MOSA it is refused (BILL-5, BILL-6)', async ({
  page,
}) => {
  await openDemo(page, 'MOSA');
  await openSubscription(page, 'o365-e3');
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  const cancel = pane(page, 'Cancel subscription');
  await cancel.getByRole('button', { name: 'Save' }).click();
  await expect(cancel.getByRole('alert')).toHaveText('Choose a reason.');
  await cancel.getByRole('combobox', { name: 'Reason for cancelling' }).selectOption({
    label: "It's too expensive",
  });
  await cancel.getByRole('textbox', { name: 'Feedback (optional)' }).fill('Moving teams to E5.');
  await expectAccessible(page);
  await cancel.getByRole('button', { name: 'Save' }).click();
  await expect(cancel.getByRole('alert')).toHaveAttribute(
    'data-code',
    'TOO_MANY_LICENSES_TO_CANCEL',
  );
  await expect(cancel.getByRole('textbox', { name: 'Feedback (optional)' })).toHaveValue(
    'Moving teams to E5.',
  );
  await cancel.getByRole('button', { name: 'Close' }).click();

  await openSubscription(page, 'm365-e5');
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  await cancel
    .getByRole('combobox', { name: 'Reason for cancelling' })
    .selectOption({ label: 'I no longer need it' });
  await cancel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'The subscription is cancelled.',
  );
  await expect(page.getByRole('definition').filter({ hasText: 'Cancelled' })).toBeVisible();
});

test('on a phone the billing pages fit the screen; tables scroll in their own box', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openDemo(page);
  for (const path of ['/billing/products', '/billing/products/o365-e3', '/billing/licenses']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto('/billing/products/o365-e3');
  await page.getByRole('button', { name: 'Buy licenses' }).click();
  await expect(pane(page, 'Buy licenses').getByRole('button', { name: 'Save' })).toBeInViewport();
});

test('buying the trial makes it a paid subscription, and then licenses can be bought (LIC-5)', async ({
  page,
}) => {
  await openDemo(page);
  await openSubscription(page, 'o365-e5-trial');
  await expect(page.locator('[data-code="TRIAL"]')).toBeVisible();
  await page.getByRole('button', { name: 'Buy the subscription' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'The trial is now a paid subscription.',
  );
  await expect(page.getByRole('button', { name: 'Buy licenses' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Active' })).toBeVisible();
});

test('a plain user buys a self-service product for themselves, not other products (SELF-1, ROLE-5)', async ({
  page,
}) => {
  await openDemo(page);
  await actAs(page, 'Åsa Lindqvist');
  await yourProducts(page);
  await page.getByRole('button', { name: 'Buy a subscription' }).click();
  const buy = pane(page, 'Buy a subscription');
  await buy.getByRole('button', { name: 'Buy', exact: true }).click();
  await expect(buy.getByRole('alert')).toHaveText('Choose a product.');
  await buy.getByRole('searchbox', { name: 'Search products' }).fill('Office 365 E3');
  await buy.getByRole('radio', { name: 'Office 365 E3 (ENTERPRISEPACK)' }).check();
  await expectAccessible(page);
  await buy.getByRole('button', { name: 'Buy', exact: true }).click();
  await expect(buy.getByRole('alert')).toHaveAttribute('data-code', 'NOT_AUTHORIZED');

  await buy.getByRole('searchbox', { name: 'Search products' }).fill('visio');
  await buy.getByRole('radio', { name: 'Visio Plan 2 (VISIOCLIENT)' }).check();
  await buy.getByRole('spinbutton', { name: 'Total licenses' }).fill('2');
  await buy.getByRole('button', { name: 'Buy', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Visio Plan 2' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Self-service' })).toBeVisible();
  await expect(page.getByText('Now: 2 licenses, 0 assigned.')).toBeVisible();
});

test('in Swedish and Danish the buttons and the total field use the admin center wording (LIC-1)', async ({
  page,
}) => {
  await openDemo(page);
  await openSubscription(page, 'o365-e3');
  const language = page.getByRole('combobox', { name: 'Language' });
  await language.selectOption({ label: 'Svenska' });
  await expect(page.getByRole('button', { name: 'Ta bort licenser' })).toBeVisible();
  // LIC-3 as seed 002 words it: "24 licenser av 25 tillgängliga".
  await expect(page.getByText('5 licenser av 30 tillgängliga')).toBeVisible();
  await page.getByRole('button', { name: 'Köp licenser' }).click();
  const sv = pane(page, 'Köp licenser');
  await expect(sv.getByRole('spinbutton', { name: 'Totalt antal licenser' })).toBeVisible();
  await expect(sv.getByRole('radio', { name: 'Vid förnyelse' })).toBeVisible();
  await expect(sv.getByRole('button', { name: 'Spara' })).toBeVisible();
  await expectAccessible(page);
  await sv.getByRole('button', { name: 'Stäng' }).click();

  await page.getByRole('combobox', { name: 'Språk' }).selectOption({ label: 'Dansk' });
  await expect(page.getByRole('button', { name: 'Fjern licenser' })).toBeVisible();
  await page.getByRole('button', { name: 'Køb licenser' }).click();
  const da = pane(page, 'Køb licenser');
  await expect(da.getByRole('spinbutton', { name: 'Antal licenser i alt' })).toBeVisible();
  await expect(da.getByRole('button', { name: 'Gem' })).toBeVisible();
});
