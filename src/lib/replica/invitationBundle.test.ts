import { describe, expect, it } from 'vitest';
import { newInvitation } from './invitation';
import {
  invitationFile,
  invitationLink,
  readInvitation,
  type InvitationBundle,
} from './invitationBundle';

async function bundle(): Promise<InvitationBundle> {
  const made = await newInvitation('asa');
  return {
    format: 'seats-invitation',
    version: 1,
    tenant: '0f6c2a1e-5b7d-4c1a-9f0e-2d8b3c4a5e6f',
    tenantName: 'Fjällstugan AB',
    invitation: made.id,
    person: 'asa',
    personName: 'Åsa Ødegård',
    expiresAt: '2026-12-09T10:00:00.000Z',
    secret: made.secret,
    relay: { url: 'wss://relay.example.se', token: 't0k' },
  };
}

describe('invitation links and files (SYNC-5)', () => {
  it('a link carries the bundle in its fragment, and reads back whole, non-ASCII names included', async () => {
    const invite = await bundle();
    const link = invitationLink('https://seats.example', invite);
    expect(link.startsWith('https://seats.example/join#')).toBe(true);
    expect(link).not.toContain('?');
    expect(readInvitation(link)).toEqual({ ok: true, bundle: invite });
    expect(readInvitation(link.split('#')[1])).toEqual({ ok: true, bundle: invite });
  });

  it('a file carries the sync file too; a link never does', async () => {
    const invite = await bundle();
    const file = invitationFile(invite, '{"header":{},"body":[]}');
    const read = readInvitation(file);
    expect(read.ok && read.bundle.sync).toBe('{"header":{},"body":[]}');
    const link = invitationLink('https://seats.example', { ...invite, sync: 'x'.repeat(10_000) });
    expect(link.length).toBeLessThan(1_000);
  });

  it('a link cut short, or with another secret, is damaged; other text is not an invitation', async () => {
    const invite = await bundle();
    const link = invitationLink('https://seats.example', invite);
    expect(readInvitation(link.slice(0, link.length - 40))).toEqual({
      ok: false,
      error: 'DAMAGED',
    });
    const other = await newInvitation('asa');
    const swapped = invitationLink('https://seats.example', { ...invite, secret: other.secret });
    expect(readInvitation(swapped)).toEqual({ ok: false, error: 'DAMAGED' });
    expect(readInvitation('hello')).toEqual({ ok: false, error: 'NOT_AN_INVITATION' });
    expect(readInvitation('{"header":{"format":"seats-sync"}}')).toEqual({
      ok: false,
      error: 'NOT_AN_INVITATION',
    });
    expect(readInvitation(JSON.stringify({ ...invite, relay: { url: 1 } }))).toEqual({
      ok: false,
      error: 'DAMAGED',
    });
  });
});
