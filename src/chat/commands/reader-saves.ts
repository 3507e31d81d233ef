// The papers the person asking has saved, so the cards of a private reply can offer Unsave instead of Save.
import type { CommandContext } from "../context.js";

export function readerSaves(context: CommandContext): ReadonlySet<string> {
  return new Set(context.deps.store.savesOf(context.workspace, context.actor.userId).map((s) => s.paperId));
}
