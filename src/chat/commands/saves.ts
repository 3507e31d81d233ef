// `/papers save|unsave <id>`, `/papers saved [mine|team]` and `/papers export [mine|team]`.
import { UserError } from "../../errors.js";
import { cardsText, paperCard } from "../../message/cards.js";
import type { Paper } from "../../papers/paper.js";
import { bibtex } from "../bibtex.js";
import type { CommandContext } from "../context.js";
import { ACTIONS, type Reply } from "../port.js";
import { requirePaper, savePaper, unsavePaper } from "../saving.js";
import { readerSaves } from "./reader-saves.js";

function whose(args: string, command: string): "mine" | "team" {
  const word = args.trim().toLowerCase();
  if (word === "" || word === "mine" || word === "me") return "mine";
  if (word === "team" || word === "all") return "team";
  throw new UserError(
    "bad-argument",
    `\`${command}\` takes "mine" or "team", not "${word.slice(0, 40)}".`,
    `Type \`/papers ${command} team\`.`,
  );
}

/** The whole argument: a paper may be named by the first words of its title. */
function paperId(args: string, command: string): string {
  const id = args.trim();
  if (id === "") throw new UserError("missing-id", "Which paper?", `Type \`/papers ${command} <paper id>\`.`);
  return id;
}

export async function saveCommand(context: CommandContext, args: string): Promise<Reply> {
  const paper = requirePaper(context.deps.store, paperId(args, "save"));
  const added = await savePaper(context.deps.store, {
    workspace: context.workspace,
    userId: context.actor.userId,
    paperId: paper.id,
    at: context.deps.now(),
  });
  return {
    text: added
      ? `Saved "${paper.title}". \`/papers saved\` lists your saves.`
      : `"${paper.title}" was already in your saves.`,
    buttons: [{ label: "Undo", action: ACTIONS.unsave, value: paper.id }],
    visibility: "private",
  };
}

export async function unsaveCommand(context: CommandContext, args: string): Promise<Reply> {
  const paper = requirePaper(context.deps.store, paperId(args, "unsave"));
  const removed = await unsavePaper(context.deps.store, {
    workspace: context.workspace,
    userId: context.actor.userId,
    paperId: paper.id,
  });
  return {
    text: removed ? `Removed "${paper.title}" from your saves.` : `"${paper.title}" was not in your saves.`,
    visibility: "private",
  };
}

/** The team's saves, most saved first: [paper, how many people]. */
function teamSaves(context: CommandContext): [Paper, number][] {
  const counts = new Map<string, number>();
  for (const save of context.deps.store.savesIn(context.workspace))
    counts.set(save.paperId, (counts.get(save.paperId) ?? 0) + 1);
  return [...counts.entries()]
    .map(([id, n]) => [context.deps.store.corpus.find(id), n] as const)
    .filter((entry): entry is [Paper, number] => entry[0] !== undefined)
    .sort((a, b) => b[1] - a[1] || a[0].title.localeCompare(b[0].title));
}

function mySaves(context: CommandContext): Paper[] {
  return context.deps.store
    .savesOf(context.workspace, context.actor.userId)
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
    .map((s) => context.deps.store.corpus.find(s.paperId))
    .filter((p) => p !== undefined);
}

const LIST_LIMIT = 10;

export function savedCommand(context: CommandContext, args: string): Reply {
  if (whose(args, "saved") === "mine") {
    const papers = mySaves(context);
    if (papers.length === 0) {
      return {
        text: "You have no saved papers yet. React with 🔖 to a paper I post, or press its Save button.",
        visibility: "private",
      };
    }
    const cards = papers.slice(0, LIST_LIMIT).map((p, i) => paperCard(p, { number: i + 1, saved: true }));
    const heading = `Your saved papers (${papers.length})`;
    return { text: `${heading}\n${cardsText(cards)}`, heading, cards, visibility: "private" };
  }
  const ranked = teamSaves(context);
  const saved = readerSaves(context);
  if (ranked.length === 0) return { text: "Nobody here has saved a paper yet.", visibility: "private" };
  const cards = ranked.slice(0, LIST_LIMIT).map(([p, n], i) =>
    paperCard(p, {
      number: i + 1,
      reason: `saved by ${n} ${n === 1 ? "person" : "people"}`,
      saved: saved.has(p.id),
    }),
  );
  const heading = `Most saved here (${ranked.length} papers)`;
  return { text: `${heading}\n${cardsText(cards)}`, heading, cards, visibility: "private" };
}

export function exportCommand(context: CommandContext, args: string): Reply {
  const mine = whose(args, "export") === "mine";
  const papers = mine ? mySaves(context) : teamSaves(context).map(([p]) => p);
  if (papers.length === 0) {
    return {
      text: mine ? "You have no saved papers to export yet." : "Nobody here has saved a paper yet.",
      visibility: "private",
    };
  }
  const code = bibtex(papers);
  return {
    text: `BibTeX for ${mine ? "your" : "the team's"} ${papers.length} saved paper${papers.length === 1 ? "" : "s"}:\n${code}`,
    code,
    visibility: "private",
  };
}
