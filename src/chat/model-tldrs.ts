// Puts a channel's model TL;DRs (in its language) on the cards of what is posted there, falling back to the extractive ones.

import { resolveLanguage } from "../llm/language.js";
import type { ModelServices } from "../llm/services.js";
import type { Logger } from "../log.js";
import { withTldrs } from "../message/cards.js";
import { channelKey, workspaceKey } from "../places.js";
import type { Store } from "../store/store.js";
import type { Bot, ChatPort, Place, Platform, Reply } from "./port.js";

export type ReplyLocalizer = (place: Place, reply: Reply) => Promise<Reply>;

/**
 * For a channel with a language set: stored model TL;DRs on every card; a missing one is generated
 * (and stored) for a one-paper message only, such as a digest post or `show`, so a page of search
 * results never costs ten model calls. Any failure leaves the reply as it was.
 */
export function createReplyLocalizer(deps: {
  store: Store;
  llm?: ModelServices;
  log: Logger;
}): ReplyLocalizer {
  const { store, llm } = deps;
  if (!llm) return async (_place, reply) => reply;
  const log = deps.log.child({ component: "model-tldrs" });
  return async (place, reply) => {
    if (!reply.cards || reply.cards.length === 0) return reply;
    try {
      const setting = store.channelSettings(channelKey(place.platform, place.workspaceId, place.channelId));
      const language = resolveLanguage(setting?.language, setting?.autoLocale);
      if (!language) return reply;
      const workspace = workspaceKey(place.platform, place.workspaceId);
      const generateMissing = reply.cards.length === 1;
      const tldrs = new Map<string, string>();
      for (const card of reply.cards) {
        let tldr = llm.tldrs.cached(card.id, language);
        const paper = generateMissing && !tldr ? store.corpus.find(card.id) : undefined;
        if (paper) tldr = await llm.tldrs.write(paper, language, workspace);
        if (tldr) tldrs.set(card.id, tldr.text);
      }
      return withTldrs(reply, tldrs);
    } catch (error) {
      log.warn({ err: error }, "model TL;DRs could not be added; the extractive ones are shown");
      return reply;
    }
  };
}

/** The bot, with every reply it sends through `localize` first. */
export function localizedBot(bot: Bot, localize: ReplyLocalizer): Bot {
  return {
    commands: bot.commands,
    complete: (kind, prefix, actor, place) => bot.complete(kind, prefix, actor, place),
    workspaceRemoved: (platform, workspaceId) => bot.workspaceRemoved(platform, workspaceId),
    handle(event, respond) {
      if (event.type === "reaction") return bot.handle(event, respond);
      return bot.handle(event, async (reply) => respond(await localize(event.place, reply)));
    },
  };
}

/** The ports, each posting (digests) through `localize` first; starting and stopping is left to the originals. */
export function localizedPorts(
  ports: Partial<Record<Platform, ChatPort>>,
  localize: ReplyLocalizer,
): Partial<Record<Platform, ChatPort>> {
  const out: Partial<Record<Platform, ChatPort>> = {};
  for (const port of Object.values(ports)) {
    if (!port) continue;
    out[port.platform] = {
      platform: port.platform,
      start: (bot) => port.start(bot),
      stop: () => port.stop(),
      post: async (place, reply) => port.post(place, await localize(place, reply)),
      checkAccess: port.checkAccess?.bind(port),
    };
  }
  return out;
}
