/** The rules engine's public face: commands, queries, the starting tenant, the catalogue. */
export { decide, execute, type Command, type Outcome } from './engine';
export { query, type Answered, type QueryName } from './queries';
export { COMMANDS, AUTHORLESS, type CommandType } from './commands';
export type { Context } from './context';
export { ERROR_CODES, type ErrorCode, type Refusal } from './refusal';
export { seedTenant, SeedError, type Given } from './seed';
export { advance } from './advance';
export * from './types';
export { parseInstant, toDate, toIsoInstant, type Instant } from './time';
export {
  createCatalogue,
  loadCatalogue,
  type Catalogue,
  type Product,
} from './catalogue/catalogue';
