// What happens to a workspace that removed paperbot (uninstalled it, revoked its token): its digests stop; its saves stay.
import type { Platform } from "../places.js";
import type { ChannelKey, Subscription } from "../store/records.js";
import type { Store } from "../store/store.js";

/** The subscriptions that belong to one workspace of one platform. */
export function subscriptionsOfWorkspace(
  subscriptions: readonly Subscription[],
  platform: Platform,
  workspaceId: string,
): Subscription[] {
  return subscriptions.filter((s) => s.platform === platform && s.workspaceId === workspaceId);
}

/**
 * Turns off every digest of the workspace the way the scheduler turns off a vanished channel's
 * (`removeSubscription`), so no later tick tries to post there. Saves are left alone: a workspace
 * that installs paperbot again finds them. Idempotent; resolves to the channels turned off.
 */
export async function turnOffWorkspaceDigests(
  store: Store,
  platform: Platform,
  workspaceId: string,
): Promise<ChannelKey[]> {
  const off: ChannelKey[] = [];
  for (const subscription of subscriptionsOfWorkspace(store.subscriptions(), platform, workspaceId)) {
    if (await store.removeSubscription(subscription.channel)) off.push(subscription.channel);
  }
  return off;
}
