// `/papers dismiss <id>` and `/papers undismiss <id>`: "not for us", so the digest stops offering the paper and papers like it sink.
import { UserError } from "../../errors.js";
import { retrainSoon } from "../../taste/team-tastes.js";
import type { CommandContext } from "../context.js";
import { ACTIONS, type Reply } from "../port.js";
import { dismissPaper, requirePaper, undismissPaper } from "../saving.js";

function paperId(args: string, command: string): string {
  const id = args.trim().split(/\s+/)[0] ?? "";
  if (id === "") throw new UserError("missing-id", "Which paper?", `Type \`/papers ${command} <paper id>\`.`);
  return id;
}

export async function dismissCommand(context: CommandContext, args: string): Promise<Reply> {
  const { store, search, now } = context.deps;
  const paper = requirePaper(store, paperId(args, "dismiss"));
  const added = await dismissPaper(store, {
    workspace: context.workspace,
    userId: context.actor.userId,
    paperId: paper.id,
    at: now(),
  });
  retrainSoon(store, search.vectors, context.workspace, now());
  return {
    text: added
      ? `Marked "${paper.title}" not for us: the digest will not offer it here again, and papers like it rank lower.`
      : `"${paper.title}" was already marked not for us.`,
    buttons: [{ label: "Undo", action: ACTIONS.undismiss, value: paper.id }],
    visibility: "private",
  };
}

export async function undismissCommand(context: CommandContext, args: string): Promise<Reply> {
  const { store, search, now } = context.deps;
  const paper = requirePaper(store, paperId(args, "undismiss"));
  const removed = await undismissPaper(store, {
    workspace: context.workspace,
    userId: context.actor.userId,
    paperId: paper.id,
  });
  retrainSoon(store, search.vectors, context.workspace, now());
  return {
    text: removed
      ? `"${paper.title}" is no longer marked not for us.`
      : `"${paper.title}" was not marked not for us by you.`,
    visibility: "private",
  };
}
