// Saving and un-saving (and marking "not for us") a paper for a person: one path for reactions, buttons, commands and the CLI.
import { UserError } from "../errors.js";
import type { Paper } from "../papers/paper.js";
import type { WorkspaceKey } from "../store/records.js";
import type { Store } from "../store/store.js";

export function requirePaper(store: Store, reference: string): Paper {
  const paper = store.corpus.find(reference);
  if (!paper) {
    throw new UserError(
      "no-such-paper",
      `I don't know a paper "${reference.slice(0, 80)}".`,
      "Find its id with `/papers search <words>`, or add it with `/papers add <arXiv id>`.",
    );
  }
  return paper;
}

export async function savePaper(
  store: Store,
  save: { workspace: WorkspaceKey; userId: string; paperId: string; at: Date },
): Promise<boolean> {
  return store.addSave({
    workspace: save.workspace,
    userId: save.userId,
    paperId: save.paperId,
    savedAt: save.at.toISOString(),
  });
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
