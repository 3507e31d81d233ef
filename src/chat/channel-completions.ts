// Autocomplete for `unfollow` and `unmute`: the channel's own follows or mutes that contain what was typed.
import { channelMutes } from "../follows/channel-view.js";
import { describeMute } from "../follows/mutes.js";
import { normalize } from "../search/tokenize.js";
import type { ChannelKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import type { Completion } from "./port.js";

export function channelCompletions(
  store: Store,
  channel: ChannelKey,
  kind: "follow" | "mute",
  typed: string,
): Completion[] {
  const wanted = normalize(typed);
  const values =
    kind === "follow"
      ? store
          .follows(channel)
          .map((f) => ({ label: `${f.query}${f.alert ? " (alerts)" : ""}`, value: f.query }))
      : channelMutes(store, channel).map((m) => ({ label: describeMute(m), value: describeMute(m) }));
  return values.filter((c) => normalize(c.label).includes(wanted));
}
