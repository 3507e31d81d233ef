// What a command handler gets: who asked, where, and the core's dependencies.
import type { ChannelKey, WorkspaceKey } from "../store/records.js";
import type { CursorStore } from "./cursors.js";
import type { CoreDeps } from "./deps.js";
import type { Actor, Place, Reply } from "./port.js";

export interface CommandContext {
  deps: CoreDeps;
  actor: Actor;
  place: Place;
  workspace: WorkspaceKey;
  channel: ChannelKey;
  cursors: CursorStore;
  /** Sends a reply before the command's own, e.g. "Fetching … from arXiv…" ahead of a slow answer. */
  notify?: (reply: Reply) => Promise<void>;
}

export type CommandHandler = (context: CommandContext, args: string) => Promise<Reply> | Reply;

/** A private reply: what user errors and personal lists use. */
export function privately(reply: Reply): Reply {
  return { ...reply, visibility: "private" };
}
