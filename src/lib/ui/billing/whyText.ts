import type { ActionState } from '$lib/domain/queries/licenses';
import { refusalText } from '$lib/ui/refusalText';

/** An action's refusal in the person's language, or null when it is allowed. */
export function whyText(
  state: ActionState,
): { message: string; remedy: string | undefined } | null {
  if (state.allowed || !state.reason) return null;
  return refusalText({ code: state.reason, message: state.message ?? '', remedy: state.remedy });
}
