import { describe, expect, it } from 'vitest';
import { readDeviceCode, writeDeviceCode } from './deviceCode';

const code = {
  device: 'device-1a2b3c4d',
  publicKey: { kty: 'EC' as const, crv: 'P-256' as const, x: 'x'.repeat(43), y: 'y'.repeat(43) },
};

describe('device codes', () => {
  it('read back what was written, whitespace around it forgiven', () => {
    expect(readDeviceCode(`  ${writeDeviceCode(code)}\n`)).toEqual(code);
  });

  it('carry the key the tenant key is handed to the device under', () => {
    const withWrap = { ...code, wrapKey: { ...code.publicKey, x: 'w'.repeat(43) } };
    expect(readDeviceCode(writeDeviceCode(withWrap))).toEqual(withWrap);
  });

  it('are null for anything else, so the form can say so', () => {
    expect(readDeviceCode('hello')).toBeNull();
    expect(readDeviceCode(writeDeviceCode(code).slice(0, 30))).toBeNull();
    expect(readDeviceCode('seats-device:' + btoa('{"device":1}'))).toBeNull();
  });
});
