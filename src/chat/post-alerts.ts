// Posts followed matches as they arrive: record what is new, claim it (once across restarts and replicas), post it.

import { newAlerts } from "../follows/alert-matches.js";
import { alertsToPostNow } from "../follows/alert-rate.js";
import { authorNamesOf, channelMutes } from "../follows/channel-view.js";
import { withoutMuted } from "../follows/mutes.js";
import type { Logger } from "../log.js";
import { paperCard } from "../message/cards.js";
import type { Paper } from "../papers/paper.js";
import type { AlertRecord } from "../store/follow-records.js";
import type { ChannelKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import type { ChatPort, Place, Platform, Reply } from "./port.js";

export interface AlertDeps {
  store: Store;
  log: Logger;
  ports: Partial<Record<Platform, ChatPort>>;
}

function placeOf(channel: ChannelKey): Place {
  const [platform, workspaceId, ...rest] = channel.split(":");
  return { platform: platform as Platform, workspaceId: workspaceId ?? "", channelId: rest.join(":") };
}

export function alertMessage(items: readonly { alert: AlertRecord; paper: Paper }[]): Reply {
  const heading =
    items.length === 1
      ? "🔔 A new paper this channel follows"
      : `🔔 ${items.length} new papers this channel follows`;
  const cards = items.map(({ alert, paper }) => paperCard(paper, { reason: alert.reason }));
  return {
    text: [heading, ...items.map(({ paper, alert }) => `• ${paper.title} (${alert.reason})`)].join("\n"),
    heading,
    cards,
    visibility: "channel",
  };
}

/**
 * Records new followed matches as pending alerts, then posts each channel's pending ones within its
 * hourly allowance. An alert is claimed before it is posted, so it is posted at most once even across
 * a restart or by two replicas; one whose post fails is not retried (the next digest carries it).
 */
export async function runAlerts(deps: AlertDeps, now: Date): Promise<number> {
  const { store, log } = deps;
  await store.addPendingAlerts(newAlerts(store, now));
  const channels = new Set(
    store
      .allFollows()
      .filter((f) => f.alert)
      .map((f) => f.channel),
  );
  let posted = 0;
  for (const channel of channels) {
    const place = placeOf(channel);
    const port = deps.ports[place.platform];
    if (!port) continue;
    try {
      const names = authorNamesOf(store.corpus);
      const mutes = channelMutes(store, channel);
      const due = alertsToPostNow(store.alertsIn(channel), now).filter((alert) => {
        const paper = store.corpus.find(alert.paperId);
        return paper !== undefined && withoutMuted([paper], mutes, names).length > 0;
      });
      if (due.length === 0) continue;
      const claimed = await store.claimAlerts(
        channel,
        due.map((a) => a.paperId),
        now.toISOString(),
      );
      const items = claimed.flatMap((alert) => {
        const paper = store.corpus.find(alert.paperId);
        return paper ? [{ alert, paper }] : [];
      });
      if (items.length === 0) continue;
      const ref = await port.post(place, alertMessage(items));
      await store.recordPost({
        ref,
        paperIds: items.map((i) => i.paper.id),
        postedAt: now.toISOString(),
        kind: "reply",
      });
      posted += items.length;
    } catch (error) {
      log.warn(
        { err: error, channel },
        "followed-match alerts could not be posted; the next digest carries them",
      );
    }
  }
  return posted;
}
