import type { Command } from '../domain/engine';
import type { PublicKeyJwk } from '../domain/types';
import { createInvitationSecret, publicKeyOfSecret, signProof } from './invitationProof';

/** An invitation as its maker holds it for a moment: the command to record, and the secret to pass on. */
export interface NewInvitation {
  id: string;
  command: Command;
  secret: string;
}

/** SYNC-5: an invitation for `person`, valid `hours` (48 unless said otherwise). */
export async function newInvitation(person: string, hours?: number): Promise<NewInvitation> {
  const { publicJwk, secret } = await createInvitationSecret();
  const payload = { person, publicKey: publicJwk, ...(hours === undefined ? {} : { hours }) };
  return { id: publicJwk.x, command: { type: 'createInvitation', payload }, secret };
}

export interface JoinCommand extends Command {
  type: 'joinWithInvitation';
  payload: {
    invitation: string;
    device: string;
    publicKey: PublicKeyJwk;
    proof: string;
    wrapKey?: PublicKeyJwk;
  };
}

/** The command by which this device, with its own key, spends the invitation whose secret it holds. */
export async function joinCommand(
  secret: string,
  device: string,
  publicKey: PublicKeyJwk,
  wrapKey?: PublicKeyJwk,
): Promise<JoinCommand> {
  const invitation = publicKeyOfSecret(secret);
  if (!invitation) throw new Error('not an invitation secret');
  const proof = await signProof(secret, device, publicKey);
  return {
    type: 'joinWithInvitation',
    payload: {
      invitation: invitation.x,
      device,
      publicKey,
      proof,
      ...(wrapKey ? { wrapKey } : {}),
    },
  };
}
