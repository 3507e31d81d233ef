// Writes the model TL;DRs of a channel's next digest ahead of its time, so posting it waits on no model call.
import { composeHighlights } from "../digest/compose.js";
import { nextDigestAt } from "../digest/due.js";
import { resolveLanguage } from "../llm/language.js";
import { workspaceKey } from "../places.js";
import type { CoreDeps } from "./deps.js";

/** How far ahead of a digest its TL;DRs are written: more than the hour between two ingests. */
export const PREPARE_AHEAD_MS = 2 * 60 * 60_000;

/**
 * For each channel with a language whose digest is due within `aheadMs`: the papers it would post now
 * get their TL;DR in that language (stored ones are kept; a failure leaves the post to try again).
 * Returns how many TL;DRs are ready. Without a model it does nothing.
 */
export async function prepareDigestTldrs(
  deps: Pick<CoreDeps, "store" | "search" | "settings" | "llm" | "log">,
  now: Date,
  aheadMs = PREPARE_AHEAD_MS,
): Promise<number> {
  const { store, llm } = deps;
  if (!llm) return 0;
  let ready = 0;
  for (const subscription of store.subscriptions()) {
    const setting = store.channelSettings(subscription.channel);
    const language = resolveLanguage(setting?.language, setting?.autoLocale);
    if (!language) continue;
    const finished = (day: string) => {
      const run = store.digestRun(subscription.channel, day);
      return run !== undefined && run.state !== "posting";
    };
    if (nextDigestAt(subscription, now, finished).getTime() - now.getTime() > aheadMs) continue;
    const workspace = workspaceKey(subscription.platform, subscription.workspaceId);
    const highlights = composeHighlights(
      deps,
      {
        workspace,
        channel: subscription.channel,
        size: subscription.size,
        topics: subscription.topics,
        excluded: subscription.excluded,
      },
      now,
    );
    for (const { paper } of highlights) {
      if (await llm.tldrs.write(paper, language, workspace)) ready += 1;
    }
  }
  return ready;
}
