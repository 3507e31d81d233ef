// Turns a neutral Reply into Block Kit, always within Slack's limits, with every piece of paper text escaped.
import type { types } from "@slack/bolt";
import { ACTIONS, type Button, cardButton, type PaperCard, type Reply } from "../../src/chat/port.js";
import { extrasLine, imageElement } from "./card-extras.js";
import { encodeActionId } from "./ids.js";
import { SLACK_LIMITS as L } from "./limits.js";
import { chunkText, oneLine, toCodeText, toLinkUrl, toMrkdwn, toPlainText } from "./safe-text.js";

export type Block = types.KnownBlock;
type ButtonElement = types.Button;
type MrkdwnElement = types.MrkdwnElement;

export interface RenderedMessage {
  /** The top-level `text`: notifications, screen readers, and clients without Block Kit. */
  text: string;
  blocks: Block[];
}

/** Per-field caps (characters after escaping) so one giant field cannot crowd out the rest of a card. */
const CAP = {
  title: 300,
  authors: 250,
  tldr: 700,
  keyphrases: 300,
  reason: 300,
  detail: L.sectionText,
  buttonValue: L.buttonValue,
} as const;

/** Characters a "did not fit" note may take. */
const NOTE_ROOM = 120;

/** What a code block may take when it shares a message with other content. */
const CODE_SECTION = L.sectionText - 8; // room for the two fences and their newlines

export function renderReply(reply: Reply): RenderedMessage {
  const text = toMrkdwn(reply.text, L.fallbackText) || " ";
  const budget = new Budget(L.totalText, L.blocks);
  const blocks: Block[] = [];
  const cards = reply.cards ?? [];

  // Fixed parts first: the heading and the buttons are what the reader acts on.
  const header = reply.heading ? headerBlock(reply.heading) : undefined;
  const actions = actionsBlock(reply);
  if (header) budget.reserve(header);
  if (actions) budget.reserve(actions);
  // Room for the notes that say what did not fit ("3 more papers…", "the rest of this text…").
  budget.reserveNotes(2);

  if (header) blocks.push(header);
  if (cards.length === 0 || !reply.heading) {
    const intro = cards.length === 0 ? textSections(reply.text) : textSections(reply.text).slice(0, 1);
    for (const block of intro) {
      if (!budget.take(block)) break;
      blocks.push(block);
    }
  }

  let shown = 0;
  for (const [index, card] of cards.entries()) {
    const cardBlocks = renderCard(card, index, budget);
    if (!budget.takeAll(cardBlocks)) break;
    blocks.push(...cardBlocks);
    shown += 1;
  }

  if (reply.code) {
    const sections = codeSections(reply.code);
    let kept = 0;
    for (const block of sections) {
      if (!budget.take(block)) break;
      blocks.push(block);
      kept += 1;
    }
    if (kept < sections.length) {
      blocks.push(note("The rest of this text is too long for one Slack message."));
    }
  }

  if (shown < cards.length) {
    const missing = cards.length - shown;
    blocks.push(
      note(
        `${missing} more ${missing === 1 ? "paper" : "papers"} did not fit in one Slack message.` +
          (reply.more ? " Press *More results* to see them." : ""),
      ),
    );
  }
  if (actions) blocks.push(actions);
  return { text, blocks };
}

/** Characters of text a block carries: what Slack's overall size limit counts. */
export function blockTextLength(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let sum = 0;
  if (Array.isArray(value)) {
    for (const item of value) sum += blockTextLength(item);
    return sum;
  }
  const record = value as Record<string, unknown>;
  if ((record.type === "mrkdwn" || record.type === "plain_text") && typeof record.text === "string") {
    sum += record.text.length;
  }
  // Plain loops: this runs over every block of every reply several times, and entry arrays showed in profiles.
  for (const key in record) {
    const child = record[key];
    if (typeof child === "object") sum += blockTextLength(child);
  }
  return sum;
}

/** A card's blocks; its optional details are cut to what `budget` has left once the card itself is counted. */
function renderCard(card: PaperCard, index: number, budget: Budget): Block[] {
  const blocks: Block[] = [];
  const number = card.number !== undefined ? `${card.number}. ` : "";
  const title = toMrkdwn(oneLine(card.title), CAP.title) || "Untitled";
  const url = toLinkUrl(card.url ?? card.links.abstract);
  const lines = [url ? `*${number}<${url}|${title}>*` : `*${number}${title}*`];

  const byline = [card.authors, card.organization]
    .filter((part): part is string => Boolean(part?.trim()))
    .map((part) => toMrkdwn(oneLine(part), CAP.authors))
    .join(" · ");
  if (byline) lines.push(byline);

  const facts: string[] = [];
  if (card.published) facts.push(toMrkdwn(oneLine(card.published), 40));
  if (card.upvotes !== undefined) facts.push(`${card.upvotes} ${card.upvotes === 1 ? "upvote" : "upvotes"}`);
  if (facts.length > 0) lines.push(facts.join(" · "));

  if (card.tldr?.trim()) lines.push(`*TL;DR* ${toMrkdwn(oneLine(card.tldr), CAP.tldr)}`);

  const section: types.SectionBlock = {
    type: "section",
    text: mrkdwn(lines.join("\n")),
  };
  const save = saveButton(card, index);
  if (save) section.accessory = save;
  blocks.push(section);

  const context: MrkdwnElement[] = [];
  const phrases = card.keyphrases.map((p) => oneLine(p)).filter(Boolean);
  if (phrases.length > 0) {
    context.push(mrkdwn(`Key phrases: ${toMrkdwn(phrases.join(", "), CAP.keyphrases)}`));
  }
  if (card.reason?.trim()) context.push(mrkdwn(`Why: ${toMrkdwn(oneLine(card.reason), CAP.reason)}`));
  const links = linkLine(card);
  if (links) context.push(mrkdwn(links));
  const extras = extrasLine(card);
  if (extras) context.push(mrkdwn(extras));
  // The figure leads the context line (the section's one accessory is the Save button).
  const image = imageElement(card);
  const elements = image ? [image, ...context] : context;
  if (elements.length > 0) blocks.push({ type: "context", elements });

  // Details (a full view's abstract, links, savers) go between the card and its context line.
  let room = budget.chars - blockTextLength(blocks);
  let slots = budget.blocks - blocks.length;
  const details: Block[] = [];
  for (const detail of card.details ?? []) {
    const label = toMrkdwn(oneLine(detail.label), 100);
    const max = Math.min(CAP.detail, room) - label.length - 4;
    if (slots < 1 || max < 80) break;
    const block: Block = {
      type: "section",
      text: mrkdwn(`*${label}*\n${toMrkdwn(detail.text.trim(), max)}`),
    };
    details.push(block);
    room -= blockTextLength(block);
    slots -= 1;
  }
  blocks.splice(1, 0, ...details);
  return blocks;
}

function linkLine(card: PaperCard): string | undefined {
  const links: string[] = [];
  const named: [string, string | undefined][] = [
    ["Abstract", card.links.abstract],
    ["PDF", card.links.pdf],
    ["Hugging Face", card.links.huggingFace],
  ];
  for (const [label, raw] of named) {
    const url = toLinkUrl(raw);
    if (url) links.push(`<${url}|${label}>`);
  }
  const line = links.join(" · ");
  return line.length > 0 && line.length <= L.contextElementText ? line : undefined;
}

function saveButton(card: PaperCard, index: number): ButtonElement | undefined {
  // A value Slack would refuse cannot be shortened (the core needs the exact id), so no button then.
  if (card.id.length === 0 || card.id.length > CAP.buttonValue) return undefined;
  return button(cardButton(card), `card${index}`);
}

function actionsBlock(reply: Reply): types.ActionsBlock | undefined {
  const elements: ButtonElement[] = [];
  for (const [index, spec] of (reply.buttons ?? []).entries()) {
    if (spec.value.length > L.buttonValue) continue;
    elements.push(button(spec, `b${index}`));
  }
  if (reply.more && reply.more.length <= L.buttonValue) {
    elements.push(button({ label: "More results", action: ACTIONS.more, value: reply.more }, "more"));
  }
  if (elements.length === 0) return undefined;
  return { type: "actions", elements: elements.slice(0, L.actionsElements) };
}

function button(spec: Button, slot: string): ButtonElement {
  const element: ButtonElement = {
    type: "button",
    text: { type: "plain_text", text: toPlainText(spec.label, L.buttonText) || "Open", emoji: true },
    action_id: encodeActionId(spec.action, slot).slice(0, L.actionId),
    value: spec.value,
  };
  if (spec.style) element.style = spec.style;
  return element;
}

function headerBlock(heading: string): types.HeaderBlock {
  // plain_text is never parsed for mentions or markup (Slack escapes it itself), so it stays raw here.
  return {
    type: "header",
    text: { type: "plain_text", text: toPlainText(heading, L.headerText) || " ", emoji: false },
  };
}

/** Raw multi-line text as sections of at most 3,000 characters, split between lines. */
function textSections(raw: string): types.SectionBlock[] {
  const sections: types.SectionBlock[] = [];
  let current = "";
  for (const line of raw.trim().split(/\r?\n/)) {
    const escaped = toMrkdwn(line, L.sectionText);
    if (current && current.length + 1 + escaped.length > L.sectionText) {
      sections.push({ type: "section", text: mrkdwn(current) });
      current = "";
    }
    current = current ? `${current}\n${escaped}` : escaped;
  }
  if (current.trim()) sections.push({ type: "section", text: mrkdwn(current) });
  return sections;
}

/** Preformatted text as ``` sections, split between lines (over-long lines are cut into pieces). */
function codeSections(raw: string): types.SectionBlock[] {
  const pieces: string[] = [];
  for (const line of raw.replace(/\s+$/, "").split(/\r?\n/)) {
    // 500 raw characters escape to at most 2,500 (`&amp;` is five), under one section's room.
    for (const chunk of chunkText(line, 500)) pieces.push(toCodeText(chunk));
  }
  const sections: types.SectionBlock[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = () => {
    if (current.length > 0)
      sections.push({ type: "section", text: mrkdwn(`\`\`\`\n${current.join("\n")}\n\`\`\``) });
    current = [];
    length = 0;
  };
  for (const piece of pieces) {
    if (current.length > 0 && length + 1 + piece.length > CODE_SECTION) flush();
    current.push(piece);
    length += piece.length + 1;
  }
  flush();
  return sections;
}

function note(text: string): types.ContextBlock {
  return { type: "context", elements: [mrkdwn(text)] };
}

/** `verbatim` stops Slack's own auto-linking of names and URLs inside our already-escaped text. */
function mrkdwn(text: string): MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

/** Tracks what is left of the message's block count and character budget. */
class Budget {
  constructor(
    public chars: number,
    public blocks: number,
  ) {}

  reserve(block: Block): void {
    this.chars -= blockTextLength(block);
    this.blocks -= 1;
  }

  reserveNotes(count: number): void {
    this.blocks -= count;
    this.chars -= count * NOTE_ROOM;
  }

  take(block: Block): boolean {
    return this.takeAll([block]);
  }

  takeAll(blocks: Block[]): boolean {
    const chars = blockTextLength(blocks);
    if (blocks.length > this.blocks || chars > this.chars) return false;
    this.blocks -= blocks.length;
    this.chars -= chars;
    return true;
  }
}
