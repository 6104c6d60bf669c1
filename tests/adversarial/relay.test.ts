// Attacks on the relay. Each mounts one against a real relay process (defaults as shipped)
// that holds a real tenant's signed ops, and ends with the honest state intact on every
// replica and in the relay's database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayClients } from '../relay/relayClients';
import { startRelayProcess, stopRelayProcess, type RelayProcess } from '../relay/relayProcess';
import { countLines, waitFor, waitForLine } from '../relay/waitFor';
import { honestTenant, TENANT, TOKEN, type HonestTenant } from './honestTenant';
import {
  authFrame,
  isDocumentContent,
  isPermissionDenied,
  syncStep1Frame,
  updateFrame,
} from './hocuspocusFrames';
import { rawClient } from './rawClient';

const ATTACK_MS = 30_000;

let dir: string;
let relay: RelayProcess;
let honest: HonestTenant;
const attackers = new RelayClients(() => relay);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seats-attack-'));
  const db = path.join(dir, 'relay.sqlite');
  relay = await startRelayProcess({ db, tokens: { [TENANT]: TOKEN } });
  honest = await honestTenant(relay, db);
}, ATTACK_MS);

afterEach(async () => {
  attackers.destroyAll();
  if (relay) await stopRelayProcess(relay);
  await rm(dir, { recursive: true, force: true });
});

describe('attacks on the relay', () => {
  it(
    'relay client without the token is refused',
    async () => {
      const providers = [
        attackers.connect(TENANT, 'not-the-token'),
        attackers.connect(TENANT, null),
        // The right token, for a tenant the relay does not serve.
        attackers.connect('fabrikam', TOKEN),
      ];
      // A hand-made client that skips authentication: it pushes a deletion of every op and
      // asks for the document, then guesses a token.
      const bare = await rawClient(relay.url);
      const log = honest.copyOfLog();
      const ops = log.getMap('ops');
      const deletion = captureUpdate(log, () => [...ops.keys()].forEach((id) => ops.delete(id)));
      bare.send(updateFrame(TENANT, deletion));
      bare.send(syncStep1Frame(TENANT, Y.encodeStateVector(new Y.Doc())));
      bare.send(authFrame(TENANT, 'guess'));

      await waitFor(
        relay,
        () => providers.every((p) => p.authFailed) && bare.received.length > 0,
        'every client to be refused',
      );
      for (const provider of providers) {
        expect(provider.synced).toBe(false);
        expect(provider.ops.size).toBe(0);
      }
      // Its only answer is the refusal: nothing of the document, before or after.
      expect(bare.received.map(isPermissionDenied)).toEqual([true]);
      expect(relay.output.join('\n')).not.toMatch(/not-the-token|guess/);
      bare.close();
      attackers.destroyAll();
      await honest.expectIntact();
    },
    ATTACK_MS,
  );

  it(
    'client deleting ops through the relay is refused',
    async () => {
      // Holding the token (a rogue admin's device, or a stolen token) gives no right to erase.
      const insider = await attackers.connected(TENANT, TOKEN);
      const refused = /refused an update to tenant "contoso".*deletes 2 op\(s\)/;
      const before = countLines(relay, refused);
      insider.doc.transact(() => [...honest.ops.keys()].forEach((id) => insider.ops.delete(id)));
      await waitForLine(relay, refused, before);
      await waitFor(relay, () => insider.closed, 'the relay to drop the client');
      attackers.destroyAll();
      await honest.expectIntact();
    },
    ATTACK_MS,
  );

  it(
    'client overwriting an op through the relay is refused',
    async () => {
      const insider = await attackers.connected(TENANT, TOKEN);
      const [id, text] = [...honest.ops][0];
      // The same signed op, its users changed: only the relay's refusal keeps it off others.
      const op = JSON.parse(text) as { payload: Record<string, unknown> };
      const forged = JSON.stringify({ ...op, payload: { ...op.payload, users: ['ed'] } });
      const refused = /refused an update to tenant "contoso".*overwrites 1 op\(s\)/;
      const before = countLines(relay, refused);
      insider.ops.set(id, forged);
      await waitForLine(relay, refused, before);
      await waitFor(relay, () => insider.closed, 'the relay to drop the client');
      attackers.destroyAll();
      await honest.expectIntact();
    },
    ATTACK_MS,
  );

  it(
    '50 MB message to the relay is refused',
    async () => {
      const insider = await attackers.connected(TENANT, TOKEN);
      const refused = /refused a message over 5242880 bytes/;
      const before = countLines(relay, refused);
      insider.ops.set('op-huge', 'x'.repeat(50 * 1024 * 1024));
      await waitForLine(relay, refused, before, 15_000);
      attackers.destroyAll();
      expect(relay.child.exitCode).toBeNull();
      await honest.expectIntact();
    },
    ATTACK_MS,
  );

  it(
    'flooding client is rate-limited',
    async () => {
      // Each "send me the document" makes the relay encode and send the whole document.
      const flooder = await rawClient(relay.url);
      const limited =
        /closed a connection from 127\.0\.0\.1: over 20 messages a second \(burst 100\)/;
      const before = countLines(relay, limited);
      flooder.send(authFrame(TENANT, TOKEN));
      const ask = syncStep1Frame(TENANT, Y.encodeStateVector(new Y.Doc()));
      for (let i = 0; i < 5000; i++) flooder.send(ask);

      await waitForLine(relay, limited, before);
      expect(await flooder.closed).toBe(4429);
      expect(countLines(relay, limited)).toBe(before + 1);
      expect(flooder.received.filter(isDocumentContent).length).toBeLessThanOrEqual(100);
      await honest.expectIntact();
    },
    ATTACK_MS,
  );
});

function captureUpdate(doc: Y.Doc, edit: () => void): Uint8Array {
  let update: Uint8Array | undefined;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.transact(edit);
  doc.off('update', capture);
  if (!update) throw new Error('the edit changed nothing');
  return update;
}
