// The weekly digest as chat messages: one channel message that fits every platform, and the rest behind its "more" button.
import { cardsText, paperCard } from "../message/cards.js";
import { ACTIONS, type Reply } from "../message/reply.js";
import type { DigestRun } from "../store/records.js";
import type { Store } from "../store/store.js";

/**
 * Papers on one weekly message: numbered 1–9 so the keycap reactions save them, and few enough that
 * Slack (50 blocks, ~12k characters) and Discord (10 embeds, 6,000 characters, 25 buttons) render
 * every card with its Save button and still have room for "more".
 */
export const WEEKLY_MESSAGE_CARDS = 9;

/**
 * A weekly card's TL;DR and key phrases are cut to this: the message is an overview of nine papers,
 * and full cards of nine long papers would pass Slack's ~12k characters (`show` has the whole paper).
 */
const WEEKLY_TLDR_CHARS = 240;
const WEEKLY_KEYPHRASES = 4;

function brief(text: string | undefined): string | undefined {
  if (text === undefined || text.length <= WEEKLY_TLDR_CHARS) return text;
  const cut = text.slice(0, WEEKLY_TLDR_CHARS - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), WEEKLY_TLDR_CHARS / 2))}…`;
}

/** What the weekly's "more" button carries: the week and where the next page starts. */
export function weeklyMoreValue(week: string, offset: number): string {
  return `${week}:${offset}`;
}

export function parseWeeklyMoreValue(value: string): { week: string; offset: number } | undefined {
  const match = /^(\d{4}-W\d{2}):(\d{1,4})$/.exec(value);
  if (!match) return undefined;
  return { week: match[1] as string, offset: Number(match[2]) };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The cards for papers `from`…`to` of the run, numbered from 1 on each message. */
function pageOf(store: Store, run: DigestRun, from: number, to: number): Reply["cards"] {
  const reasons = run.reasons ?? {};
  return run.paperIds
    .slice(from, to)
    .map((id) => store.corpus.find(id))
    .filter((paper) => paper !== undefined)
    .map((paper, i) => {
      const card = paperCard(paper, { number: i + 1, reason: reasons[paper.id] });
      return { ...card, tldr: brief(card.tldr), keyphrases: card.keyphrases.slice(0, WEEKLY_KEYPHRASES) };
    });
}

function moreButton(run: DigestRun, offset: number): Reply["buttons"] {
  const left = run.paperIds.length - offset;
  return left > 0
    ? [
        {
          label: `${plural(left, "more paper")}`,
          action: ACTIONS.weeklyMore,
          value: weeklyMoreValue(run.day, offset),
        },
      ]
    : [];
}

/** The weekly digest's channel message for a planned run (its papers in message order). */
export function weeklyMessage(store: Store, run: DigestRun): Reply {
  if (run.paperIds.length === 0) {
    return {
      text: `📅 Week ${run.day}: a quiet week here. Nobody saved a paper, and nothing new arrived that the team has not seen. React 🔖 to a paper in the daily digest to save it.`,
      visibility: "channel",
    };
  }
  const cards = pageOf(store, run, 0, WEEKLY_MESSAGE_CARDS) ?? [];
  const heading = `📅 Week ${run.day} here: ${plural(run.paperIds.length, "paper")} worth a look`;
  const hint = "React with 1️⃣–9️⃣ to save a paper from this list.";
  return {
    text: `${heading}\n${cardsText(cards)}\n${hint}`,
    heading,
    cards,
    buttons: moreButton(run, WEEKLY_MESSAGE_CARDS),
    visibility: "channel",
  };
}

/** The papers of a posted weekly past `offset` (what "more" shows), privately, a message's worth at a time. */
export function weeklyMoreReply(store: Store, run: DigestRun, offset: number): Reply {
  const end = offset + WEEKLY_MESSAGE_CARDS;
  const cards = pageOf(store, run, offset, end) ?? [];
  if (cards.length === 0) return { text: `That was all of week ${run.day}.`, visibility: "private" };
  const heading = `📅 Week ${run.day}, papers ${offset + 1}–${offset + cards.length} of ${run.paperIds.length}`;
  return {
    text: `${heading}\n${cardsText(cards)}`,
    heading,
    cards,
    buttons: moreButton(run, end),
    visibility: "private",
  };
}
