/**
 * The benchmark's tenant: 10,000 users and 30 subscriptions of real catalogue
 * products, most users licensed, built with the same `seedTenant` a scenario's
 * `given` goes through. Deterministic: the same seed gives the same tenant.
 */
import type { Catalogue } from '../src/lib/domain/catalogue/catalogue';
import { seedTenant, type GivenAssignment, type GivenUser } from '../src/lib/domain/seed';
import type { Role, Tenant } from '../src/lib/domain/types';
import { Random } from './random';

export const USER_COUNT = 10_000;
export const START = Date.UTC(2026, 2, 2, 8);

/** The admins who make the ops, and the devices they use. */
export const ADMINS: { id: string; displayName: string; roles: Role[] }[] = [
  { id: 'admin-ann', displayName: 'Ann Lindqvist', roles: ['GlobalAdministrator'] },
  { id: 'admin-bo', displayName: 'Bo Madsen', roles: ['BillingAdministrator'] },
  { id: 'admin-cy', displayName: 'Cy Andersen', roles: ['LicenseAdministrator'] },
  { id: 'admin-di', displayName: 'Di Nyberg', roles: ['LicenseAdministrator'] },
  { id: 'admin-ed', displayName: 'Ed Holm', roles: ['UserAdministrator'] },
];

/** Base licenses (each user holds at most one family) and add-ons, with totals. */
const BASE: [id: string, product: string, total: number][] = [
  ['e3-main', 'ENTERPRISEPACK', 2600],
  ['e3-sales', 'ENTERPRISEPACK', 900],
  ['m365-e3', 'SPE_E3', 2200],
  ['m365-e3-eu', 'SPE_E3', 800],
  ['m365-e5', 'SPE_E5', 500],
  ['o365-e5', 'ENTERPRISEPREMIUM', 250],
  ['o365-e1', 'STANDARDPACK', 1100],
  ['bp-retail', 'SPB', 300], // Business Premium: at its cap of 300
  ['bstd-studio', 'O365_BUSINESS_PREMIUM', 220],
  ['bbasic-temps', 'O365_BUSINESS_ESSENTIALS', 280],
  ['m365-f3', 'SPE_F1', 1100],
  ['o365-f3', 'DESKLESSPACK', 400],
];

const ADD_ONS: [id: string, product: string, total: number][] = [
  ['exo-p1', 'EXCHANGESTANDARD', 600],
  ['exo-p2', 'EXCHANGEENTERPRISE', 150],
  ['pbi-pro', 'POWER_BI_PRO', 1800],
  ['pbi-ppu', 'PBI_PREMIUM_PER_USER', 120],
  ['visio-p2', 'VISIOCLIENT', 350],
  ['visio-p1', 'VISIO_PLAN1_DEPT', 150],
  ['project-p3', 'PROJECTPROFESSIONAL', 260],
  ['project-p1', 'PROJECT_P1', 180],
  ['ems-e3', 'EMS', 1400],
  ['ems-e5', 'EMSPREMIUM', 450],
  ['entra-p2', 'AAD_PREMIUM_P2', 260],
  ['teams-phone', 'MCOEV', 1000],
  ['audio-conf', 'MCOMEETADV', 700],
  ['copilot', 'Microsoft_365_Copilot', 220],
  ['powerapps', 'POWERAPPS_PER_USER', 140],
  ['mdo-p1', 'ATP_ENTERPRISE', 900],
  ['mde', 'WIN_DEF_ATP', 650],
  ['rooms-pro', 'Microsoft_Teams_Rooms_Pro', 25],
];

/** Seeded fill: the share of each subscription assigned at the start. */
const FILL = 0.86;

const FIRST = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Sofia',
  'Anders',
  'Emma',
  'Per',
  'Ingrid',
  'Nils',
  'Elin',
  'Mikael',
  'Sara',
  'Jonas',
  'Linnea',
  'Oskar',
  'Ida',
  'Henrik',
  'Freja',
  'Mads',
  'Aino',
  'Mikko',
  'Sigrid',
  'Ola',
  'Hanna',
  'Jens',
  'Astrid',
  'Tove',
  'Priya',
  'Ahmed',
  'Chen',
  'Fatima',
  'Diego',
  'Yuki',
  'Olu',
  'Zofia',
  'Luca',
  'Amara',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Jensen',
  'Nielsen',
  'Hansen',
  'Pedersen',
  'Madsen',
  'Virtanen',
  'Korhonen',
  'Haugen',
  'Berg',
  'Lund',
  'Holm',
  'Dahl',
  'Sandberg',
  'Lindgren',
  'Ek',
  'Patel',
  'Khan',
  'Wang',
  'Garcia',
  'Tanaka',
  'Okafor',
  'Nowak',
  'Rossi',
  'Mensah',
  'Silva',
];
const DEPARTMENTS = [
  'Sales',
  'Finance',
  'Engineering',
  'Support',
  'Marketing',
  'HR',
  'Ops',
  'Legal',
];
const LOCATIONS = ['SE', 'SE', 'SE', 'DK', 'DK', 'NO', 'FI', 'DE', 'GB', 'US'];

export interface BenchTenant {
  tenant: Tenant;
  subscriptionIds: string[];
  userIds: string[];
}

export function buildTenant(catalogue: Catalogue, seed = 42): BenchTenant {
  const random = new Random(seed);
  const users: GivenUser[] = ADMINS.map((a) => ({
    ...a,
    usageLocation: 'SE',
    department: 'IT',
  }));
  for (let i = users.length; i < USER_COUNT; i++) {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    const mailbox = i % 97 === 0;
    users.push({
      id: `u${String(i).padStart(5, '0')}`,
      displayName: mailbox ? `${random.pick(DEPARTMENTS)} shared ${i}` : `${first} ${last}`,
      // A few people have no usage location yet (ASG-11), as in real tenants.
      usageLocation: i % 211 === 0 ? null : random.pick(LOCATIONS),
      department: random.pick(DEPARTMENTS),
      kind: mailbox ? 'sharedMailbox' : 'person',
      ...(i % 331 === 0 ? { deletedAt: START - 5 * 86_400_000 } : {}),
    });
  }
  const assignable = users.filter((u) => u.usageLocation && u.deletedAt === undefined);

  const subscriptions = [...BASE, ...ADD_ONS].map(([id, product, total]) => ({
    id,
    product,
    total,
    purchasedAt: START - 20 * 86_400_000,
  }));

  const assignments: GivenAssignment[] = [];
  // Base licenses: one per user, in runs, so ~90% of people are licensed.
  const order = random.shuffle([...assignable]);
  let next = 0;
  for (const [id, , total] of BASE) {
    const count = Math.floor(total * FILL);
    for (let k = 0; k < count && next < order.length; k++) {
      assignments.push({ user: order[next++].id, subscription: id });
    }
  }
  // Add-ons: a random sample of licensed people each.
  for (const [id, , total] of ADD_ONS) {
    const count = Math.floor(total * FILL);
    for (const user of random.sample(order.slice(0, next), count)) {
      assignments.push({ user: user.id, subscription: id });
    }
  }

  const tenant = seedTenant(
    {
      name: 'Contoso Nordic',
      billingAccountType: 'MOSA',
      start: START,
      users,
      subscriptions,
      assignments,
    },
    catalogue,
  );
  return {
    tenant,
    subscriptionIds: subscriptions.map((s) => s.id),
    userIds: users.map((u) => u.id),
  };
}
