import type { ActionState } from '$lib/domain/queries/licenses';
import type { Locale } from '$lib/paraglide/runtime';
import { refusalText } from '$lib/ui/refusalText';

/** An action's refusal in the person's language, or null when it is allowed. */
export function whyText(
  state: ActionState,
  locale: Locale,
): { message: string; remedy: string | undefined } | null {
  if (state.allowed || !state.reason) return null;
  return refusalText(
    { code: state.reason, message: state.message ?? '', remedy: state.remedy },
    locale,
  );
}
