/**
 * npm run bench: builds a 10,000-user, 30-subscription tenant and a 50,000-op
 * log through real replicas, then measures Seats beside the raw layer under
 * it and prints the table (ARCHITECTURE.md, "Performance targets"). Progress
 * goes to stderr, the report to stdout. It reports, it doesn't gate: exit 0
 * whatever the verdicts. BENCH_OPS=5000 makes a quick, smaller run.
 */
import os from 'node:os';
import * as Y from 'yjs';
import { loadCatalogue } from '../src/lib/domain/catalogue/catalogue';
import type { Tenant } from '../src/lib/domain/types';
import { compareOps } from '../src/lib/replica/op';
import type { Replica } from '../src/lib/replica/replica';
import { AUTHORS, makeLog, OP_SPACING_MS } from './log';
import { measureCommand } from './measures/command';
import { measureFilter } from './measures/filter';
import { measureInitialJs } from './measures/initialJs';
import { measureLoad } from './measures/load';
import { measureMerge } from './measures/merge';
import { logBytes, measureLateOp, measureReplay, runOps } from './measures/replay';
import { openReplica } from './open';
import { formatValue, renderTable, type Row } from './table';
import { buildTenant, USER_COUNT } from './tenant';
import { collect, progress } from './timing';

const OPS = Number(process.env.BENCH_OPS ?? 50_000);
const MERGE_CHANGES = 2_000;
const SUBSCRIPTION = 'e3-main';

const began = performance.now();
const phases: [string, number][] = [];
let peakRss = 0;
async function phase<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  progress(`${name}…`);
  const start = performance.now();
  const result = await work();
  const seconds = (performance.now() - start) / 1000;
  phases.push([name, seconds]);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  progress(`${name}: ${seconds.toFixed(1)} s`);
  return result;
}

const initialJs = await phase('build the app, initial JavaScript', measureInitialJs);
const catalogue = await loadCatalogue();
const { tenant, subscriptionIds, userIds } = await phase('seed the tenant', () =>
  buildTenant(catalogue),
);
const seededAssignments = Object.values(tenant.assignments).reduce(
  (sum, byUser) => sum + Object.keys(byUser).length,
  0,
);

// The late op lands 1,000 ops before the end.
const LATE_POSITION = OPS - 1_000;
const ROUND = { laptopRun: 2_500, desktopRun: 2_500 };
// The state at the start of the round the late op falls in, for its baseline.
const captured: { before?: { index: number; tenant: Tenant } } = {};
const log = await phase(`make ${OPS.toLocaleString('en')} ops on 2 devices`, () =>
  makeLog(tenant, catalogue, subscriptionIds, userIds, {
    ops: OPS,
    ...ROUND,
    seed: 7,
    onRound: (index, state) => {
      if (index <= LATE_POSITION && LATE_POSITION - index < ROUND.laptopRun + ROUND.desktopRun) {
        captured.before = { index, tenant: structuredClone(state) };
      }
    },
    progress: (done, total) =>
      progress(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} ops`),
  }),
);
const end = log.end;
const device = (name: string) => log.devices.get(name)!;

const { bytes, stored, ops } = await phase('encode the log and snapshot', async () => ({
  bytes: Y.encodeStateAsUpdate(log.laptop.doc),
  stored: structuredClone(await log.laptop.snapshot()),
  ops: [...log.laptop.opMap.values()].map((text) => log.laptop.readStored(text)!).sort(compareOps),
}));
const conflictsInLog = log.laptop.conflicts.length;

// 3–6 on the laptop and the desktop, both opened on the stored state.
const open = (name: string) => openReplica(device(name), bytes, structuredClone(stored), end);
log.laptop = null as unknown as Replica;
collect();
let laptop: Replica | null = null;
const merge = await phase('merge', async () => {
  laptop = await open('laptop');
  return measureMerge(
    [
      { replica: laptop, picker: log.pickers.get('laptop')!, authors: AUTHORS.laptop },
      {
        replica: await open('desktop'),
        picker: log.pickers.get('desktop')!,
        authors: AUTHORS.desktop,
      },
    ],
    MERGE_CHANGES,
    end + OP_SPACING_MS,
    OP_SPACING_MS,
  );
});
const afterMerge = end + (2 * MERGE_CHANGES + 1) * OP_SPACING_MS;
const command = await phase('one command, update size', () =>
  measureCommand(
    laptop!,
    log.pickers.get('laptop')!,
    AUTHORS.laptop,
    catalogue,
    afterMerge,
    OP_SPACING_MS,
  ),
);
const filter = await phase('user search', () => measureFilter(laptop!.tenant));
laptop = null;
collect();

// 1–2 from the stored bytes, as a restart would.
const load = await phase('load from snapshot', () =>
  measureLoad(device('laptop'), bytes, stored, end, SUBSCRIPTION),
);
const warmTexts = new Map(
  ops.slice(0, 2_000).map((op): [string, string] => [op.id, JSON.stringify(op)]),
);
const replay = await phase('replay from scratch', () =>
  measureReplay(device('laptop'), bytes, logBytes(warmTexts), end, SUBSCRIPTION),
);

const before = captured.before;
if (!before) throw new Error('the state before the late op was not captured');
const base = device('tablet').base;
const holder = Object.keys(base.assignments[SUBSCRIPTION])[0];
const plan = catalogue
  .product(base.subscriptions[SUBSCRIPTION].product)!
  .servicePlans.map((p) => p.name)
  .find((name) => !name.startsWith('EXCHANGE_S_FOUNDATION'))!;
const lateInput = {
  tablet: device('tablet'),
  command: {
    type: 'setServicePlans',
    payload: { user: holder, subscription: SUBSCRIPTION, disabledPlans: [plan] },
  },
  author: 'admin-cy',
  ops,
  position: LATE_POSITION,
  catalogue,
  now: end,
};
const late = await phase('late op', () =>
  measureLateOp({
    ...lateInput,
    replica: replay.replica,
    // The state where it lands: the captured one, brought forward by the engine.
    from: {
      index: LATE_POSITION,
      tenant: runOps(
        structuredClone(before.tenant),
        ops.slice(before.index, LATE_POSITION),
        catalogue,
      ),
    },
    label: `${OPS - LATE_POSITION} ops before the end`,
  }),
);
const { checkpoint } = stored;
const lateAfterStart = await phase('late op after a start', async () =>
  measureLateOp({
    ...lateInput,
    replica: await openReplica(device('laptop'), bytes, structuredClone(stored), end),
    from: checkpoint
      ? {
          index: checkpoint.index,
          tenant: (JSON.parse(checkpoint.state) as { tenant: Tenant }).tenant,
        }
      : { index: 0, tenant: base },
    label: `the same, after a start from the snapshot`,
  }),
);

const rows: Row[] = [
  load.row,
  replay.row,
  late,
  lateAfterStart,
  merge.row,
  merge.bothRow,
  command.command,
  command.wire,
  filter,
  ...initialJs,
];
const totalSeconds = (performance.now() - began) / 1000;
const cpus = os.cpus();
const out = [
  '',
  'Seats benchmark',
  `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${os.platform()}`,
  'Runs in Node (V8, OpenSSL WebCrypto), not in a browser: engines, GC and WebCrypto differ by',
  'browser, and IndexedDB reads, rendering and a page’s main-thread contention are not measured.',
  `Tenant: ${USER_COUNT.toLocaleString('en')} users, ${subscriptionIds.length} subscriptions, ${seededAssignments.toLocaleString('en')} seeded assignments (MOSA).`,
  `Log: ${ops.length.toLocaleString('en')} signed ops by 2 devices (laptop ${AUTHORS.laptop.assign.join('/')}/${AUTHORS.laptop.buy.join('/')}, desktop ${AUTHORS.desktop.assign.join('/')}),`,
  `  ${log.rounds} rounds, ${conflictsInLog.toLocaleString('en')} ops refused at replay (conflicts), ${log.refusedLocally} commands refused locally; ${(bytes.length / 1e6).toFixed(1)} MB as Yjs bytes.`,
  '',
  renderTable(rows),
  '',
  'Notes:',
  `  load: runs ${load.runs.map((t) => formatValue(t)).join(', ')} (after 1 warm-up); includes a structuredClone of the stored snapshot (IndexedDB's read).`,
  `  merge: both replicas ${merge.converged ? 'converged' : 'DID NOT CONVERGE'}; ${merge.conflictsAdded} conflicts from the merge; an offline command took ${formatValue(merge.offlineCommandMs)} on average.`,
  `  one command: p95 ${formatValue(command.p95)}, slowest ${formatValue(command.maxMs)}.`,
  '',
  'Time taken:',
  ...phases.map(([name, s]) => `  ${name.padEnd(40)} ${s.toFixed(1).padStart(6)} s`),
  `  ${'total'.padEnd(40)} ${totalSeconds.toFixed(1).padStart(6)} s   (peak RSS ${(peakRss / 2 ** 30).toFixed(1)} GB)`,
  `  of the log: reopening each round from snapshot took ${(log.laptopOpenMs / 1000).toFixed(1)} s on the laptop, ${(log.desktopOpenMs / 1000).toFixed(1)} s on the desktop (its own thread); the laptop waited ${(log.waitMs / 1000).toFixed(1)} s for the desktop.`,
  '',
];
console.log(out.join('\n'));
process.exit(0);
