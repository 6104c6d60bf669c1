import { m } from '$lib/paraglide/messages';

export interface NavItem {
  href: string;
  label: () => string;
  children?: NavItem[];
}

/** The admin center's navigation, as far as licenses go. */
export const NAV: NavItem[] = [
  { href: '/', label: m.nav_home },
  {
    href: '/users',
    label: m.nav_users,
    children: [
      { href: '/users', label: m.nav_active_users },
      { href: '/users/deleted', label: m.nav_deleted_users },
    ],
  },
  {
    href: '/billing',
    label: m.nav_billing,
    children: [
      { href: '/billing/licenses', label: m.nav_licenses },
      { href: '/billing/products', label: m.nav_your_products },
      { href: '/billing/bills', label: m.nav_bills },
    ],
  },
  { href: '/roles', label: m.nav_roles },
  { href: '/conflicts', label: m.nav_conflicts },
  { href: '/activity', label: m.nav_activity },
  { href: '/import', label: m.nav_interop },
  { href: '/sync', label: m.nav_sync },
];
