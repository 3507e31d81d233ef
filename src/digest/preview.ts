// Posts a channel's highlights now, as the digest would, without claiming the day (the console's start-up view).
import type { ChatPort, Place } from "../chat/port.js";
import { channelKey, workspaceKey } from "../store/records.js";
import { type ComposeDeps, composeHighlights } from "./compose.js";
import { digestHeader, digestPaperMessage } from "./post-digest.js";

export async function postDigestPreview(
  deps: ComposeDeps,
  port: ChatPort,
  place: Place,
  now: Date,
): Promise<number> {
  const channel = channelKey(place.platform, place.workspaceId, place.channelId);
  const subscription = deps.store.subscription(channel);
  const highlights = composeHighlights(
    deps,
    {
      workspace: workspaceKey(place.platform, place.workspaceId),
      channel,
      size: subscription?.size ?? deps.settings.digest.defaultSize,
      topics: subscription?.topics ?? [],
      excluded: subscription?.excluded ?? [],
    },
    now,
  );
  if (highlights.length === 0) {
    await port.post(place, {
      text: "No new highlights: every paper here has been shown or saved.",
      visibility: "channel",
    });
    return 0;
  }
  await port.post(place, digestHeader(highlights.length));
  for (const highlight of highlights) {
    const ref = await port.post(place, digestPaperMessage(highlight.paper, highlight.reasons.join(" · ")));
    await deps.store.recordPost({
      ref,
      paperIds: [highlight.paper.id],
      postedAt: now.toISOString(),
      kind: "digest",
    });
  }
  return highlights.length;
}
