import * as Y from 'yjs';

const TABS = 'seats:tabs';

type Message = { kind: 'update'; update: Uint8Array } | { kind: 'hello'; stateVector: Uint8Array };

/**
 * Keeps the tenant's document in step across the tabs of one browser:
 * every change is posted on a BroadcastChannel, and a new tab asks the
 * others for what it lacks. Tabs that share an op log (`log`, its
 * database's name) share a channel.
 */
export function connectTabs(doc: Y.Doc, log: string, onChange: () => void): () => void {
  const channel = new BroadcastChannel(`seats-tabs-${log}`);
  const post = (message: Message) => channel.postMessage(message);
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== TABS) post({ kind: 'update', update });
  };
  doc.on('update', onUpdate);
  channel.onmessage = (event: MessageEvent<Message>) => {
    const message = event.data;
    if (message.kind === 'hello') {
      const missing = Y.encodeStateAsUpdate(doc, message.stateVector);
      if (missing.length > 2) post({ kind: 'update', update: missing });
      return;
    }
    Y.applyUpdate(doc, message.update, TABS);
    onChange();
  };
  post({ kind: 'hello', stateVector: Y.encodeStateVector(doc) });
  return () => {
    doc.off('update', onUpdate);
    channel.close();
  };
}
