// Saving and un-saving (and marking "not for us") a paper for a person: one path for reactions, buttons, commands and the CLI.
import type { Paper } from "../papers/paper.js";
import type { WorkspaceKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import { findPaper } from "./paper-reference.js";

/** The paper a person named (id, arXiv id, title or its unambiguous start); `notFoundHint` says what to do else. */
export function requirePaper(store: Store, reference: string, notFoundHint?: string): Paper {
  return findPaper(store.corpus, reference, notFoundHint);
}

export async function savePaper(
  store: Store,
  save: { workspace: WorkspaceKey; userId: string; paperId: string; at: Date; via?: "reaction" },
): Promise<boolean> {
  return store.addSave({
    workspace: save.workspace,
    userId: save.userId,
    paperId: save.paperId,
    savedAt: save.at.toISOString(),
    ...(save.via ? { via: save.via } : {}),
  });
}

/** A removed reaction un-saves only a save a reaction made: one made by command or button stays. */
export async function unsaveReactionSave(
  store: Store,
  save: { workspace: WorkspaceKey; userId: string; paperId: string },
): Promise<boolean> {
  const existing = store.savesOf(save.workspace, save.userId).find((s) => s.paperId === save.paperId);
  if (existing?.via !== "reaction") return false;
  return unsavePaper(store, save);
}

export async function unsavePaper(
  store: Store,
  save: { workspace: WorkspaceKey; userId: string; paperId: string },
): Promise<boolean> {
  return store.removeSave(save.workspace, save.userId, save.paperId);
}

/** Marks a paper "not for us" for a person: it is never highlighted in the workspace again, and papers like it sink. */
export async function dismissPaper(
  store: Store,
  dismissal: { workspace: WorkspaceKey; userId: string; paperId: string; at: Date },
): Promise<boolean> {
  return store.addDismissal({
    workspace: dismissal.workspace,
    userId: dismissal.userId,
    paperId: dismissal.paperId,
    dismissedAt: dismissal.at.toISOString(),
  });
}

export async function undismissPaper(
  store: Store,
  dismissal: { workspace: WorkspaceKey; userId: string; paperId: string },
): Promise<boolean> {
  return store.removeDismissal(dismissal.workspace, dismissal.userId, dismissal.paperId);
}
