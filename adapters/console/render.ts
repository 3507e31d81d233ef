// Reply → terminal text: numbered cards, buttons you can press with `:press N`, nothing that can move the cursor.
import { type Button, cardButton, type PaperCard, type Reply } from "../../src/chat/port.js";
import { extrasLines } from "./card-extras.js";

/** Strips control characters and escape sequences so paper text cannot repaint the terminal. */
export function terminalSafe(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g, " ")
      // Bidi overrides and isolates would make the rest of the line read backwards.
      .replace(/[\u202A-\u202E\u2066-\u2069]/g, "")
  );
}

/** How the console itself starts a line; text that starts a line the same way is pushed in, so it cannot pose as one. */
const OWN_LINE_START = /^(#\d+ |\(only you\)|\(you are now|\(reacted|\(removed reaction|paperbot>)/;

function noPosingLines(text: string): string {
  return text
    .split("\n")
    .map((line, i) => (i > 0 && OWN_LINE_START.test(line) ? `  ${line}` : line))
    .join("\n");
}

function cardLines(card: PaperCard, index: number): string[] {
  const facts = [card.published, card.upvotes !== undefined ? `↑${card.upvotes}` : undefined, card.id]
    .filter(Boolean)
    .join(" · ");
  const lines = [`${card.number ?? index + 1}. ${card.title}  (${facts})`];
  if (card.authors) lines.push(`   ${card.authors}${card.organization ? ` — ${card.organization}` : ""}`);
  if (card.tldr) lines.push(`   TL;DR: ${card.tldr}`);
  if (card.keyphrases.length > 0) lines.push(`   key phrases: ${card.keyphrases.join(", ")}`);
  if (card.reason) lines.push(`   why: ${card.reason}`);
  if (card.url) lines.push(`   ${card.url}`);
  for (const line of extrasLines(card)) lines.push(`   ${line}`);
  for (const detail of card.details ?? []) lines.push(`   ${detail.label}: ${detail.text}`);
  return lines;
}

/** The buttons a reply shows, in the order `:press N` counts them. */
export function replyButtons(reply: Reply): Button[] {
  const buttons: Button[] = (reply.cards ?? []).map((card) => cardButton(card, card.id));
  buttons.push(...(reply.buttons ?? []));
  if (reply.more) buttons.push({ label: "More results", action: "more", value: reply.more });
  return buttons;
}

export function renderReply(reply: Reply, messageNumber?: number): string {
  const prefix =
    reply.visibility === "private" ? "(only you) " : messageNumber !== undefined ? `#${messageNumber} ` : "";
  const lines: string[] = [];
  if (reply.cards && reply.cards.length === 1 && !reply.heading) {
    // A one-paper message (a digest post): the paper is the message.
    const [first = "", ...rest] = cardLines({ ...reply.cards[0], number: undefined } as PaperCard, 0);
    lines.push(`${prefix}${first.replace(/^1\. /, "")}`, ...rest);
  } else if (reply.cards && reply.cards.length > 0) {
    lines.push(`${prefix}${reply.heading ?? ""}`.trimEnd());
    reply.cards.forEach((card, index) => {
      lines.push(...cardLines(card, index));
    });
  } else {
    lines.push(`${prefix}${reply.text}`);
  }
  if (reply.code && reply.cards && reply.cards.length > 0) lines.push(reply.code);
  const buttons = replyButtons(reply);
  if (buttons.length > 0)
    lines.push(`   buttons: ${buttons.map((b, i) => `[${i + 1}] ${b.label}`).join("  ")}`);
  return noPosingLines(terminalSafe(lines.join("\n")));
}
