import { DAY, toIsoInstant, type Instant } from './time';
import type { BillingAccountType, Role } from './types';

/**
 * The demo tenant: about 60 people and a subscription for every purchase
 * channel and state, so a newcomer sees each rule in action. It is built as
 * ops (createTenant, then one importTenant), dated relative to when it is
 * opened, so "deleted 10 days ago" and "expires in 20 days" stay true.
 */
export const DEMO_NAME = 'Contoso';

export const DEMO_CREATOR = { id: 'megan', displayName: 'Megan Bowen', usageLocation: 'SE' };

interface DemoPerson {
  id: string;
  displayName: string;
  department: string;
  usageLocation: string | null;
  roles?: Role[];
}

const ADMINS: DemoPerson[] = [
  {
    id: 'adele',
    displayName: 'Adele Vance',
    department: 'IT',
    usageLocation: 'SE',
    roles: ['GlobalAdministrator'],
  },
  {
    id: 'alex',
    displayName: 'Alex Wilber',
    department: 'Finance',
    usageLocation: 'DK',
    roles: ['BillingAdministrator'],
  },
  {
    id: 'lee',
    displayName: 'Lee Gu',
    department: 'IT',
    usageLocation: 'US',
    roles: ['UserAdministrator'],
  },
  {
    id: 'nestor',
    displayName: 'Nestor Wilke',
    department: 'IT',
    usageLocation: 'DE',
    roles: ['LicenseAdministrator'],
  },
  {
    id: 'isaiah',
    displayName: 'Isaiah Langer',
    department: 'Support',
    usageLocation: 'GB',
    roles: ['ServiceSupportAdministrator'],
  },
  {
    id: 'lidia',
    displayName: 'Lidia Holloway',
    department: 'Support',
    usageLocation: 'US',
    roles: ['PasswordAdministrator'],
  },
];

/** MCA only: the billing account and billing profile roles (MCA-1). */
const BILLING_PEOPLE: DemoPerson[] = [
  {
    id: 'patti',
    displayName: 'Patti Fernandez',
    department: 'Finance',
    usageLocation: 'SE',
    roles: ['BillingAccountContributor'],
  },
  {
    id: 'pradeep',
    displayName: 'Pradeep Gupta',
    department: 'Finance',
    usageLocation: 'DK',
    roles: ['BillingProfileOwner'],
  },
  {
    id: 'johanna',
    displayName: 'Johanna Lorenz',
    department: 'Finance',
    usageLocation: 'DE',
    roles: ['BillingProfileContributor'],
  },
];

const FIRST = [
  'Åsa',
  'Søren',
  'Ingrid',
  'Mikkel',
  'Linnea',
  'Freja',
  'Oskar',
  'Mette',
  'Elias',
  'Karin',
  'Jonas',
  'Sofie',
  'Henrik',
  'Maja',
  'Anders',
  'Ida',
  'Lars',
  'Emma',
  'Nils',
  'Astrid',
  'Rasmus',
  'Clara',
  'Viktor',
  'Julie',
  'Erik',
  'Signe',
  'Gustav',
  'Laura',
  'Magnus',
  'Nora',
  'Emil',
  'Ellen',
  'Frederik',
  'Alma',
  'Tobias',
  'Wilma',
  'Mads',
  'Agnes',
  'Hugo',
  'Liv',
  'Axel',
  'Ebba',
  'Kasper',
  'Stina',
  'Oliver',
  'Thea',
  'Isak',
  'Ronja',
];
const LAST = [
  'Lindqvist',
  'Østergaard',
  'Berg',
  'Nielsen',
  'Sjöberg',
  'Holm',
  'Lund',
  'Kjær',
  'Ekström',
  'Dahl',
  'Jensen',
  'Åberg',
  'Bergström',
  'Madsen',
  'Nyström',
  'Møller',
];
const DEPARTMENTS = ['Sales', 'Marketing', 'Operations', 'Engineering', 'Field services', 'HR'];
const LOCATIONS = ['SE', 'DK', 'NO', 'FI', 'DE', 'GB', 'US'];

/** 48 staff: the same names on every device, so two devices' demos agree. */
function staff(): DemoPerson[] {
  return FIRST.map((first, i) => {
    const last = LAST[(i * 7) % LAST.length];
    return {
      id: `${first}.${last}`
        .toLowerCase()
        .replace(/ø/g, 'o')
        .replace(/æ/g, 'ae')
        .normalize('NFD')
        .replace(/[^a-z.]/g, ''),
      displayName: `${first} ${last}`,
      department: DEPARTMENTS[i % DEPARTMENTS.length],
      // Every eleventh person has no usage location yet: they cannot be licensed (LIC-4).
      usageLocation: i % 11 === 10 ? null : LOCATIONS[i % LOCATIONS.length],
    };
  });
}

const at = (t: Instant) => toIsoInstant(t);

/** The importTenant payload of the demo, as of `now`. */
export function demoImport(type: BillingAccountType, now: Instant) {
  const team = staff();
  // A plain user (no admin role) who bought Visio for their team (SELF-1).
  const purchaser = team[11].id;
  const people = [...ADMINS, ...(type === 'MCA' ? BILLING_PEOPLE : []), ...team];
  const ids = people.map((p) => p.id);
  const licensed = (from: number, count: number) => ids.slice(from, from + count);

  const users = [
    ...people,
    {
      id: 'sales-mailbox',
      displayName: 'Sales (shared mailbox)',
      department: 'Sales',
      usageLocation: 'SE',
      kind: 'sharedMailbox',
      mailboxSizeGB: 12,
    },
    {
      id: 'room-aurora',
      displayName: 'Meeting room Aurora',
      department: 'Operations',
      usageLocation: 'SE',
      kind: 'roomMailbox',
    },
    {
      id: 'diego',
      displayName: 'Diego Siciliani',
      department: 'Sales',
      usageLocation: 'DK',
      deletedAt: at(now - 10 * DAY),
    },
  ];

  const subscriptions = [
    {
      id: 'o365-e3',
      product: 'ENTERPRISEPACK',
      total: 30,
      channel: 'Direct',
      purchasedAt: at(now - 200 * DAY),
    },
    // Annual, not renewing, bought so that it ends within 30 days: Home lists it.
    {
      id: 'm365-e5',
      product: 'SPE_E5',
      total: 10,
      billingFrequency: 'annual',
      channel: 'Direct',
      recurringBilling: false,
      purchasedAt: at(now - 345 * DAY),
    },
    {
      id: 'business-premium',
      product: 'SPB',
      total: 15,
      channel: 'Reseller',
      purchasedAt: at(now - 90 * DAY),
    },
    {
      id: 'ems-prepaid',
      product: 'EMS',
      total: 10,
      channel: 'Prepaid',
      billingFrequency: 'annual',
      purchasedAt: at(now - 100 * DAY),
    },
    {
      id: 'm365-e3-rep',
      product: 'SPE_E3',
      total: 20,
      channel: 'MicrosoftRepresentative',
      billingFrequency: 'annual',
      purchasedAt: at(now - 60 * DAY),
    },
    {
      id: 'o365-e5-trial',
      product: 'ENTERPRISEPREMIUM',
      total: 25,
      channel: 'Direct',
      status: 'Trial',
      purchasedAt: at(now - 12 * DAY),
    },
    {
      id: 'exchange-p2',
      product: 'EXCHANGEENTERPRISE',
      total: 5,
      channel: 'Direct',
      creditCheck: 'pending',
      purchasedAt: at(now - 2 * DAY),
    },
    {
      id: 'teams-exploratory',
      product: 'TEAMS_EXPLORATORY',
      total: 10,
      channel: 'Direct',
      endOfSale: true,
      purchasedAt: at(now - 300 * DAY),
    },
    {
      id: 'visio-self',
      product: 'VISIOCLIENT',
      total: 3,
      channel: 'SelfService',
      purchaser,
      purchasedAt: at(now - 40 * DAY),
    },
    {
      id: 'o365-e1-old',
      product: 'STANDARDPACK',
      total: 5,
      channel: 'Direct',
      status: 'Expired',
      purchasedAt: at(now - 400 * DAY),
    },
    {
      id: 'business-basic-old',
      product: 'O365_BUSINESS_ESSENTIALS',
      total: 5,
      channel: 'Direct',
      status: 'Disabled',
      purchasedAt: at(now - 500 * DAY),
    },
  ];

  const withLocation = (id: string) => people.find((p) => p.id === id)?.usageLocation !== null;
  const grant = (subscription: string, users: string[], disabledPlans?: string[]) =>
    users
      .filter(withLocation)
      .map((user) => ({ user, subscription, ...(disabledPlans ? { disabledPlans } : {}) }));

  const assignments = [
    ...grant('o365-e3', licensed(6, 26)),
    ...grant('m365-e5', licensed(0, 9)),
    ...grant('business-premium', licensed(32, 8), ['YAMMER_ENTERPRISE']),
    ...grant('ems-prepaid', licensed(0, 8)),
    ...grant('m365-e3-rep', licensed(40, 6)),
    ...grant('teams-exploratory', licensed(10, 4)),
    ...grant('visio-self', [purchaser, team[3].id]),
    { user: 'sales-mailbox', subscription: 'o365-e3' },
  ];

  const productKeys = [
    { key: 'KJ4N7-QX2PD-8WRTM-3HBVC-6YFGL', product: 'EMS', licenses: 10, extendsMonths: 12 },
  ];

  return { users, subscriptions, assignments, productKeys };
}
