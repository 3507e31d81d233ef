// `/papers add <arXiv id or link>`: bring one paper in from chat.
import { UserError } from "../../errors.js";
import { mergeIntoCorpus } from "../../ingest/ingest.js";
import { paperCard } from "../../message/cards.js";
import { parseArxivReference } from "../../papers/ids.js";
import type { ParsedPaper } from "../../papers/paper.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { explainArxivFailure } from "./unreachable.js";

export async function addCommand(context: CommandContext, args: string): Promise<Reply> {
  const { store, search, fetchPaper, enrich, now } = context.deps;
  const text = args.trim();
  const ref = parseArxivReference(text.split(/\s+/)[0] ?? "");
  if (!ref) {
    throw new UserError(
      "bad-arxiv-id",
      text === "" ? "Which paper?" : `"${text.slice(0, 80)}" is not an arXiv id or link.`,
      "Type e.g. `/papers add 1706.03762` or `/papers add https://arxiv.org/abs/1706.03762`.",
    );
  }
  const existing = store.corpus.find(ref.id);
  if (existing) {
    return {
      text: `Already here: "${existing.title}".`,
      cards: [paperCard(existing)],
      visibility: "private",
    };
  }
  if (!fetchPaper) {
    throw new UserError(
      "add-unavailable",
      "Adding papers from arXiv is not available in this setup.",
      "Ask the person who runs paperbot to enable live sources.",
    );
  }
  const shown = ref.version === undefined ? ref.id : `${ref.id}v${ref.version}`;
  // arXiv may take seconds (or time out): say at once that something is happening.
  await context.notify?.({ text: `Fetching ${shown} from arXiv…`, visibility: "private" });
  let parsed: ParsedPaper;
  try {
    parsed = await fetchPaper(ref);
  } catch (error) {
    throw explainArxivFailure(error);
  }
  const at = now().toISOString();
  parsed.addedBy = { workspaceId: context.workspace, userId: context.actor.userId, at };
  const outcome = mergeIntoCorpus(store.corpus, [parsed]);
  const changed = enrich ? enrich(outcome.changed) : outcome.changed;
  await store.putPapers(changed);
  search.index(changed);
  const paper = store.corpus.find(ref.id) ?? changed[0];
  if (!paper) throw new Error("the added paper is missing from the corpus");
  return { text: `Added "${paper.title}".`, cards: [paperCard(paper)], visibility: "channel" };
}
