import type { Refusal } from '$lib/domain/refusal';

/**
 * A refusal's message and remedy in the person's language. The engine writes
 * English with the specifics filled in; other languages get the code's text.
 */
export function refusalText(refusal: Refusal): { message: string; remedy: string | undefined } {
  return { message: refusal.message, remedy: refusal.remedy };
}
