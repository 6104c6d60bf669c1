// Hocuspocus frames every message as: varString document name, varUint message type, body.
// Sync bodies (y-protocols) are: varUint sync type, varUint8Array payload.
// lib0 is not a declared dependency, so the few varints needed are read here.

const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The Yjs update a message would apply to the document, or null if it applies none. */
export function yjsUpdateOf(message: Uint8Array): Uint8Array | null {
  const reader = new Reader(message);
  reader.bytes(); // document name
  const type = reader.uint();
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const syncType = reader.uint();
  if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return null;
  return reader.bytes();
}

class Reader {
  private pos = 0;

  constructor(private readonly buffer: Uint8Array) {}

  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.buffer.length) throw new Error('truncated message');
      const byte = this.buffer[this.pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
      if (scale > Number.MAX_SAFE_INTEGER) throw new Error('malformed varint');
    }
  }

  bytes(): Uint8Array {
    const length = this.uint();
    if (this.pos + length > this.buffer.length) throw new Error('truncated message');
    const slice = this.buffer.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }
}
