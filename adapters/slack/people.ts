// Who a Slack user is to paperbot: a workspace admin or not, and their language, from users.info, remembered a while.
import type { webApi } from "@slack/bolt";
import type { PlatformLogger } from "../../src/chat/platform.js";
import type { Actor } from "../../src/chat/port.js";
import { isWorkspaceAdmin } from "./inbound.js";

type WebClient = webApi.WebClient;

interface Person {
  isAdmin: boolean | undefined;
  locale?: string;
  at: number;
}

/** How many people are remembered at most; the oldest is forgotten first. */
const MAX_PEOPLE = 10_000;

export interface People {
  /** Sets the actor's admin status and language (Slack gives a person's, never a workspace's). */
  fill(client: WebClient, actor: Actor): Promise<void>;
  /** Forgets everyone of a workspace that removed paperbot. */
  forgetWorkspace(workspaceId: string): void;
}

export function createPeople(options: { log: PlatformLogger; now: () => number; ttlMs: number }): People {
  const { log, now, ttlMs } = options;
  const cache = new Map<string, Person>();

  async function lookup(client: WebClient, workspaceId: string, userId: string): Promise<Person> {
    const key = `${workspaceId}:${userId}`;
    const cached = cache.get(key);
    if (cached && now() - cached.at < ttlMs) return cached;
    let isAdmin: boolean | undefined;
    let locale: string | undefined;
    try {
      const result = await client.users.info({ user: userId, include_locale: true });
      isAdmin = isWorkspaceAdmin(result.user);
      locale = result.user?.locale || undefined;
    } catch (error) {
      // Unknown is a fine answer: the core treats it as "not known to be an admin".
      log.warn({ err: error, workspaceId, userId }, "users.info failed; admin status unknown");
    }
    const person = { isAdmin, ...(locale ? { locale } : {}), at: now() };
    cache.set(key, person);
    if (cache.size > MAX_PEOPLE) cache.delete(cache.keys().next().value as string);
    return person;
  }

  return {
    async fill(client, actor) {
      const person = await lookup(client, actor.workspaceId, actor.userId);
      actor.isAdmin = person.isAdmin;
      if (person.locale) actor.locale = person.locale;
    },
    forgetWorkspace(workspaceId) {
      for (const key of cache.keys()) if (key.startsWith(`${workspaceId}:`)) cache.delete(key);
    },
  };
}
