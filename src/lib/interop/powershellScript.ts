import type { ChangePlan, PlannedAdd, UserLicenseChange } from './changePlan';

/**
 * A PowerShell single-quoted string. PowerShell takes the typographic single quotes
 * (U+2018–U+201B) as quotes too, so each is doubled like the ASCII one.
 */
export function psQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

/** Text for a `#` comment: a line break in a name must not end the comment and start code. */
function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F\u0085\u2028\u2029]+/g, ' ');
}

const list = (items: string[]) => `@(${items.join(', ')})`;

function addLicense(add: PlannedAdd): string {
  const plans = list(add.disabledPlans.map((p) => psQuote(p.id)));
  return `@{SkuId=${psQuote(add.skuId)}; DisabledPlans=${plans}}`;
}

function commandFor(change: UserLicenseChange): string {
  return [
    'Set-MgUserLicense',
    `-UserId ${psQuote(change.user)}`,
    `-AddLicenses ${list(change.add.map(addLicense))}`,
    `-RemoveLicenses ${list(change.remove.map((r) => psQuote(r.skuId)))}`,
  ].join(' ');
}

function summary(change: UserLicenseChange): string {
  const parts = [
    ...change.add.map((a) => {
      const off = a.disabledPlans.length
        ? `, with ${a.disabledPlans.map((p) => p.name).join(', ')} off`
        : '';
      return `add ${a.productName}${off}`;
    }),
    ...change.remove.map((r) => `remove ${r.productName}`),
  ];
  return `${change.displayName} (${change.user}): ${parts.join('; ')}`;
}

/**
 * The plan as a Microsoft Graph PowerShell script: a header that says what it does and what to
 * do first in the admin center, then one Set-MgUserLicense per user.
 */
export function powershellScript(plan: ChangePlan, title: string): string {
  const header = [
    `# ${title}`,
    '# Made by Seats. Applies the license changes made in Seats to the real tenant with',
    '# Microsoft Graph PowerShell (Install-Module Microsoft.Graph.Users).',
  ];
  if (plan.checklist.length) {
    header.push(
      '#',
      '# First, in the Microsoft 365 admin center (Graph cannot do these):',
      ...plan.checklist.map((item) => `#   - ${item.text}`),
    );
  }
  header.push(
    '#',
    plan.users.length
      ? `# This script changes the licenses of ${plan.users.length} user${plan.users.length > 1 ? 's' : ''}:`
      : '# There are no license changes to make.',
    ...plan.users.map((change) => `#   - ${summary(change)}`),
  );
  const lines = [
    ...header.map(commentText),
    '',
    "$ErrorActionPreference = 'Stop'",
    'Connect-MgGraph -Scopes User.ReadWrite.All',
    '',
    ...plan.users.map(commandFor),
  ];
  return lines.join('\r\n') + '\r\n';
}
