// Posts a channel's highlights now, as the digest would, without claiming the day or marking them shown (the console's start-up view).
import type { Poster } from "../message/poster.js";
import type { Place } from "../places.js";
import { channelKey, workspaceKey } from "../places.js";
import { type ComposeDeps, channelHighlights, NOTHING_NEW } from "./compose.js";
import { digestHeader, digestPaperMessage } from "./post-digest.js";

export async function postDigestPreview(
  deps: ComposeDeps,
  port: Poster,
  place: Place,
  now: Date,
): Promise<number> {
  const highlights = channelHighlights(
    deps,
    {
      workspace: workspaceKey(place.platform, place.workspaceId),
      channel: channelKey(place.platform, place.workspaceId, place.channelId),
    },
    now,
  );
  if (highlights.length === 0) {
    await port.post(place, { text: NOTHING_NEW, visibility: "channel" });
    return 0;
  }
  await port.post(place, digestHeader(highlights.length));
  for (const highlight of highlights) {
    const ref = await port.post(place, digestPaperMessage(highlight.paper, highlight.reasons.join(" · ")));
    await deps.store.recordPost({
      ref,
      paperIds: [highlight.paper.id],
      postedAt: now.toISOString(),
      // A reply, not a digest post: reactions on it still save, but a preview shows nothing for good.
      kind: "reply",
    });
  }
  return highlights.length;
}
