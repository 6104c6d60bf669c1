// Hocuspocus messages made by hand, for a client that does not follow the protocol: every
// message is varString document, varUint type, varUint subtype, then a varUint8Array.

const SYNC = 0;
const AUTH = 2;
const SYNC_REPLY = 4;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
const AUTH_TOKEN = 0;
const PERMISSION_DENIED = 1;

export function authFrame(tenant: string, token: string): Uint8Array {
  return frame(tenant, AUTH, AUTH_TOKEN, new TextEncoder().encode(token));
}

/** Asks for the whole document (or what is past `stateVector`). */
export function syncStep1Frame(tenant: string, stateVector: Uint8Array): Uint8Array {
  return frame(tenant, SYNC, SYNC_STEP_1, stateVector);
}

export function updateFrame(tenant: string, update: Uint8Array): Uint8Array {
  return frame(tenant, SYNC, SYNC_UPDATE, update);
}

export function isPermissionDenied(message: Uint8Array): boolean {
  const [type, subtype] = kindOf(message);
  return type === AUTH && subtype === PERMISSION_DENIED;
}

/** Whether the message carries document content (the answer to a sync step 1). */
export function isDocumentContent(message: Uint8Array): boolean {
  const [type, subtype] = kindOf(message);
  return (type === SYNC || type === SYNC_REPLY) && subtype === SYNC_STEP_2;
}

function frame(tenant: string, type: number, subtype: number, body: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode(tenant);
  return Uint8Array.from([
    ...varUint(name.length),
    ...name,
    ...varUint(type),
    ...varUint(subtype),
    ...varUint(body.length),
    ...body,
  ]);
}

function varUint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** Type and subtype, after the document name. */
function kindOf(message: Uint8Array): [number, number] {
  let pos = 0;
  const uint = () => {
    let value = 0;
    let scale = 1;
    while (message[pos] >= 0x80) {
      value += (message[pos++] & 0x7f) * scale;
      scale *= 128;
    }
    return value + message[pos++] * scale;
  };
  const nameLength = uint();
  pos += nameLength;
  return [uint(), uint()];
}
