// `/papers search <query>` and its "more" button: five cards a page.
import { UserError } from "../../errors.js";
import { cardsText, paperCard } from "../../message/cards.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { readerSaves } from "./reader-saves.js";

export const PAGE_SIZE = 5;

export async function searchPage(context: CommandContext, query: string, offset: number): Promise<Reply> {
  const { search, semantic, store } = context.deps;
  const options = { limit: PAGE_SIZE, offset };
  const page = semantic
    ? await semantic.search(query, { ...options, workspace: context.workspace })
    : await search.search(query, options);
  const papers = page.hits.map((hit) => store.corpus.find(hit.id)).filter((p) => p !== undefined);
  if (papers.length === 0) {
    return {
      text:
        offset === 0
          ? `No papers match ${quoted(query)}. Try fewer or other words, or drop a filter.`
          : `No more papers match ${quoted(query)}.`,
      visibility: "private",
    };
  }
  const saved = readerSaves(context);
  const cards = papers.map((paper, i) =>
    paperCard(paper, { number: offset + i + 1, saved: saved.has(paper.id) }),
  );
  const shown = offset + cards.length;
  const total = page.totalEstimated ? `about ${roughly(page.total)}` : String(page.total);
  const heading = `Papers for ${quoted(query)} (${offset + 1}–${shown} of ${total})`;
  const more =
    page.nextOffset !== undefined && page.nextOffset < page.total
      ? context.cursors.create({ workspace: context.workspace, query, offset: page.nextOffset })
      : undefined;
  return { text: `${heading}\n${cardsText(cards)}`, heading, cards, more, visibility: "private" };
}

/** An estimated count as people say one: two significant figures, "about 44,000" for 43,517. */
export function roughly(count: number): string {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, count))) - 1);
  return (Math.round(count / unit) * unit).toLocaleString("en-US");
}

/** The query in quotes, unless it has its own: `"kv cache"` is not shown as `""kv cache""`. */
function quoted(query: string): string {
  return query.includes('"') ? query : `"${query}"`;
}

export function searchCommand(context: CommandContext, args: string): Promise<Reply> {
  // Quotes around nothing ask for nothing: `"` or `""` is not a search for every paper.
  if (args.replace(/["“”]/g, "").trim() === "") {
    throw new UserError(
      "search-empty",
      "Search for what?",
      'Type a few words, e.g. `/papers search local sgd` or `/papers "model merging"`.',
    );
  }
  return searchPage(context, args.trim(), 0);
}

export function moreAction(context: CommandContext, cursorId: string): Promise<Reply> {
  const cursor = context.cursors.take(cursorId, context.workspace);
  if (!cursor) {
    throw new UserError(
      "cursor-expired",
      "That result list has expired.",
      "Run the search again to see more.",
    );
  }
  return searchPage(context, cursor.query, cursor.offset);
}
