import { expect, test } from '@playwright/test';
import { actAs, expectAccessible, openDemo } from './fixtures';

test('Home shows licenses per product and what needs attention: subscriptions ending, unused licenses and their cost (LIC-3, LIC-6, DATA-4)', async ({
  page,
}) => {
  await openDemo(page);

  const attention = page.getByRole('region', { name: 'Needs your attention' });
  const ending = attention.getByRole('listitem').filter({ hasText: /ends on|expired/ });
  await expect(ending.filter({ hasText: 'Microsoft 365 E5: ends on' })).toHaveCount(1);
  await expect(ending.filter({ hasText: 'Office 365 E5: the trial ends on' })).toHaveCount(1);
  await expect(
    ending.filter({ hasText: 'Office 365 E1: expired; its users lose access on' }),
  ).toHaveCount(1);

  await expect(
    attention.getByText('Remove unused licenses so you stop paying for them.'),
  ).toBeVisible();
  await expect(
    attention
      .getByRole('listitem')
      .filter({ hasText: /Office 365 E3:\s+\d+ unused licenses, US\$[\d,.]+ a month/ }),
  ).toHaveCount(1);
  await expect(
    attention.getByText(/^In all, unused licenses cost US\$[\d,.]+ a month\.$/),
  ).toBeVisible();
  // The demo has no conflicts and breaks no rule.
  await expect(attention.getByRole('link', { name: 'Review conflicts' })).toHaveCount(0);
  await expect(attention.getByRole('alert')).toHaveCount(0);

  const licenses = page.getByRole('region', { name: 'Licenses' });
  await expect(
    licenses
      .getByRole('row', { name: /Microsoft 365 E5/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1 of 10 licenses available');
  await expect(page.getByText('Not connected to a relay.')).toBeVisible();
  await expectAccessible(page);
});

test('a plain user sees no admin data on Home, only the way to their own products (ROLE-5)', async ({
  page,
}) => {
  await openDemo(page);
  await actAs(page, 'Åsa');
  await expect(page.getByText('Only admins see this page.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Licenses' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Your products' }).last()).toBeVisible();
  await expectAccessible(page);
});
