import type { Context, Decision } from '../context';
import type { Payload } from '../payload';
import type { Tenant } from '../types';
import {
  decideAssignLicenses,
  decideSetServicePlans,
  decideSetUserLicenses,
  decideUnassignLicenses,
} from './assignments';
import { decideDismissConflict } from './conflicts';
import { decideCreateTenant } from './createTenant';
import { decideEnrolDevice, decideRevokeDevice } from './devices';
import { decideImportTenant } from './importTenant';
import { decideCreateInvitation, decideJoinWithInvitation } from './invitations';
import { decideAddPaymentMethod, decideUpdatePaymentMethod } from './paymentMethods';
import { decideRedeemProductKeys } from './productKeys';
import { decideAssignRole, decideRemoveRole } from './roles';
import { decideSetTotalLicenses } from './setTotalLicenses';
import {
  decideBuySubscription,
  decideBuyTrial,
  decideCancelSubscription,
  decideCompleteCreditCheck,
  decideSetRecurringBilling,
} from './subscriptions';
import { decideAddUser, decideDeleteUser, decideRestoreUser } from './users';

type Decide = (tenant: Tenant, payload: Payload, ctx: Context) => Decision;

/** Every command of SCENARIOS.md, plus payment methods (BILL-3) and dismissing conflicts (SYNC-3). */
export const COMMANDS = {
  createTenant: decideCreateTenant,
  addUser: decideAddUser,
  deleteUser: decideDeleteUser,
  restoreUser: decideRestoreUser,
  assignRole: decideAssignRole,
  removeRole: decideRemoveRole,
  buySubscription: decideBuySubscription,
  buyTrial: decideBuyTrial,
  setTotalLicenses: decideSetTotalLicenses,
  redeemProductKeys: decideRedeemProductKeys,
  setRecurringBilling: decideSetRecurringBilling,
  cancelSubscription: decideCancelSubscription,
  assignLicenses: decideAssignLicenses,
  unassignLicenses: decideUnassignLicenses,
  setUserLicenses: decideSetUserLicenses,
  setServicePlans: decideSetServicePlans,
  completeCreditCheck: decideCompleteCreditCheck,
  addPaymentMethod: decideAddPaymentMethod,
  updatePaymentMethod: decideUpdatePaymentMethod,
  enrolDevice: decideEnrolDevice,
  revokeDevice: decideRevokeDevice,
  createInvitation: decideCreateInvitation,
  joinWithInvitation: decideJoinWithInvitation,
  importTenant: decideImportTenant,
  dismissConflict: decideDismissConflict,
} satisfies Record<string, Decide>;

export type CommandType = keyof typeof COMMANDS;

/** Commands the outside world runs, with no acting person. */
export const AUTHORLESS: readonly CommandType[] = ['createTenant', 'completeCreditCheck'];

export function isCommandType(type: string): type is CommandType {
  return Object.hasOwn(COMMANDS, type);
}
