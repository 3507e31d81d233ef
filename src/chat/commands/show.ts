// `/papers show <id>` (one paper in full) and `/papers similar <id>`.
import { UserError } from "../../errors.js";
import { cardsText, paperCard } from "../../message/cards.js";
import { readableText } from "../../summarize/tldr.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { requirePaper } from "../saving.js";
import { readerSaves } from "./reader-saves.js";

/** The whole argument: a paper may be named by the first words of its title. */
function requireArgument(args: string, usage: string): string {
  const id = args.trim();
  if (id === "")
    throw new UserError(
      "missing-id",
      "Which paper?",
      `Type \`/papers ${usage}\`; ids are shown on every card.`,
    );
  return id;
}

export function showCommand(context: CommandContext, args: string): Reply {
  const paper = requirePaper(context.deps.store, requireArgument(args, "show <paper id>"));
  const savers = context.deps.store
    .savesIn(context.workspace)
    .filter((s) => s.paperId === paper.id)
    .map((s) => s.userId);
  const card = paperCard(paper, { saved: readerSaves(context).has(paper.id) });
  const links = [
    paper.links.abstract && `abstract: ${paper.links.abstract}`,
    paper.links.pdf && `PDF: ${paper.links.pdf}`,
    paper.links.huggingFace && `Hugging Face: ${paper.links.huggingFace}`,
  ].filter(Boolean);
  card.details = [
    // Cleaned as the TL;DR is: `$n$`, `$\epsilon$` read as n, ε.
    { label: "Abstract", text: readableText(paper.abstract) },
    ...(links.length > 0 ? [{ label: "Links", text: links.join("\n") }] : []),
    {
      label: "Saved here by",
      text:
        savers.length === 0 ? "nobody yet" : `${savers.length} ${savers.length === 1 ? "person" : "people"}`,
    },
  ];
  const text = [
    paper.title,
    card.tldr ? `TL;DR: ${card.tldr}` : undefined,
    card.keyphrases.length > 0 ? `Key phrases: ${card.keyphrases.join(", ")}` : undefined,
    ...card.details.map((d) => `${d.label}: ${d.text}`),
  ]
    .filter(Boolean)
    .join("\n");
  return { text, cards: [card], visibility: "private" };
}

export function similarCommand(context: CommandContext, args: string): Reply {
  const paper = requirePaper(context.deps.store, requireArgument(args, "similar <paper id>"));
  const hits = context.deps.search.similar(paper.id, 5);
  const saved = readerSaves(context);
  const cards = hits
    .map((hit) => context.deps.store.corpus.find(hit.id))
    .filter((p) => p !== undefined)
    .map((p, i) => paperCard(p, { number: i + 1, saved: saved.has(p.id) }));
  if (cards.length === 0)
    return { text: `I found no papers close to "${paper.title}".`, visibility: "private" };
  const heading = `Papers close to "${paper.title}"`;
  return { text: `${heading}\n${cardsText(cards)}`, heading, cards, visibility: "private" };
}
