// Reply → a Discord message (content, one embed per paper, buttons): pure, and always within Discord's limits.
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord.js";
import {
  ACTIONS,
  type Button,
  type Completion,
  cardButton,
  type PaperCard,
  type Reply,
} from "../../src/chat/port.js";
import { embedThumbnail, extrasLine } from "./card-extras.js";
import { encodeCustomId } from "./ids.js";
import { DISCORD_LIMITS as L } from "./limits.js";
import { codeBlock, fitTransformed, oneLine, plainText, safeText, safeUrl, truncate } from "./safe-text.js";

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** What discord.js's `send`, `reply` and `editReply` take; `flags` only on a first reply. */
export interface RenderedMessage {
  content: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** Nothing in a paper's text may ping anyone, whatever it contains. */
  allowedMentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
  /** Preformatted text too long for the message body (a BibTeX export), attached instead. */
  files?: { attachment: Buffer; name: string }[];
}

const EMBED_COLOR = 0x5865f2;
const SAVE_EMOJI = "🔖";

export function renderReply(reply: Reply): RenderedMessage {
  const allCards = reply.cards ?? [];
  const cards = allCards.slice(0, L.embedsPerMessage);
  const notes: string[] = [];
  if (allCards.length > cards.length) {
    notes.push(`Showing ${cards.length} of ${allCards.length} papers.`);
  }

  const files: RenderedMessage["files"] = [];
  let codePart = "";
  if (reply.code) {
    const block = codeBlock(reply.code);
    if (block.length <= L.content - 200) {
      codePart = block;
    } else {
      const name = reply.code.trimStart().startsWith("@") ? "papers.bib" : "paperbot.txt";
      files.push({ attachment: Buffer.from(reply.code, "utf8"), name });
      notes.push(`The full text is attached as ${name}.`);
    }
  }

  const message: RenderedMessage = {
    content: composeContent(reply, cards.length > 0, codePart, notes),
    embeds: renderEmbeds(cards),
    components: renderButtons(reply, cards),
    allowedMentions: { parse: [] },
  };
  if (reply.visibility === "private") message.flags = MessageFlags.Ephemeral;
  if (files.length > 0) message.files = files;
  return message;
}

/**
 * With cards, the message body is only the heading (the cards carry the papers; the text fallback would
 * repeat them); without, it is the whole text. Code and notes get their room first.
 */
function composeContent(reply: Reply, hasCards: boolean, codePart: string, notes: string[]): string {
  const tail = [codePart, notes.map(safeText).join(" ")].filter(Boolean);
  const room = L.content - tail.reduce((n, part) => n + part.length + 2, 0);
  let lead = "";
  if (hasCards) {
    const heading = reply.heading ?? reply.text.split("\n")[0] ?? "";
    const safeHeading = fitTransformed(oneLine(heading), room - 4, safeText);
    lead = safeHeading && safeHeading !== "…" ? `**${safeHeading}**` : "";
  } else {
    lead = fitTransformed(reply.text.trim(), room, safeText);
  }
  return truncate([lead, ...tail].filter(Boolean).join("\n\n"), L.content);
}

/** One embed per card; each gets an equal share of the 6,000 characters a message's embeds may hold. */
function renderEmbeds(cards: readonly PaperCard[]): APIEmbed[] {
  if (cards.length === 0) return [];
  const budget = Math.floor(L.embedTotal / cards.length);
  const embeds = cards.map((card, i) =>
    renderCard(card, cards.length > 1 ? (card.number ?? i + 1) : card.number, budget),
  );
  // Built to fit by construction; this guard keeps a future change from sending a message Discord refuses.
  while (embeds.length > 0 && embeds.reduce((n, e) => n + embedLength(e), 0) > L.embedTotal) embeds.pop();
  return embeds;
}

function renderCard(card: PaperCard, number: number | undefined, budget: number): APIEmbed {
  let left = budget;
  const take = (text: string) => {
    left -= text.length;
    return text;
  };

  // The number is ours, so it stays outside the escaping (which would turn "3." into "3\.").
  const prefix = number !== undefined ? `${number}. ` : "";
  const titleRoom = Math.min(L.embedTitle, Math.floor(left / 2)) - prefix.length;
  const title = take(prefix + fitTransformed(oneLine(card.title) || "Untitled paper", titleRoom, safeText));
  const embed: APIEmbed = { title, color: EMBED_COLOR };
  const url = safeUrl(card.url ?? card.links.abstract);
  if (url) embed.url = url;
  const thumbnail = embedThumbnail(card);
  if (thumbnail) embed.thumbnail = thumbnail;

  const footer = fitTransformed(footerLine(card), Math.min(L.embedFooter, 200, left), plainText);
  if (footer) embed.footer = { text: take(footer) };

  const byline = oneLine([card.authors, card.organization].filter(Boolean).join(" · "));
  if (byline) {
    const name = fitTransformed(byline, Math.min(L.embedAuthor, Math.floor(left / 3)), plainText);
    if (name) embed.author = { name: take(name) };
  }

  const fields: APIEmbedField[] = [];
  const addField = (name: string, rawValue: string, share: number) => {
    if (!rawValue.trim() || fields.length >= L.embedFields) return;
    const value = fitTransformed(
      rawValue.trim(),
      Math.min(L.embedFieldValue, Math.floor(share) - name.length),
      safeText,
    );
    if (!value || value === "…") return;
    fields.push({ name: take(name), value: take(value) });
  };
  addField("Key phrases", card.keyphrases.map(oneLine).join(" · "), left / 4);
  if (card.reason) addField("Why it's here", card.reason, left / 4);

  const links = [linksLine(card), extrasLine(card)].filter(Boolean).join("\n");
  const hasDetails = (card.details?.length ?? 0) > 0;
  const descriptionRoom = Math.min(L.embedDescription, hasDetails ? Math.floor(left / 2) : left);
  const description = describe(card.tldr, links, descriptionRoom);
  if (description) embed.description = take(description);

  for (const detail of card.details ?? []) {
    const name = fitTransformed(oneLine(detail.label) || "More", Math.min(L.embedFieldName, 64), safeText);
    if (left < name.length + 20) break;
    addField(name, detail.text, left);
  }
  if (fields.length > 0) embed.fields = fields;
  return embed;
}

function footerLine(card: PaperCard): string {
  const date = card.published?.slice(0, 10);
  const upvotes =
    card.upvotes !== undefined ? `▲ ${card.upvotes} upvote${card.upvotes === 1 ? "" : "s"}` : undefined;
  return oneLine([card.id, date, upvotes].filter(Boolean).join(" · "));
}

/** Masked links to the abstract, PDF and Hugging Face page; a link whose URL is unsafe is left out. */
function linksLine(card: PaperCard): string {
  const links: [string, string | undefined][] = [
    ["Abstract", card.links.abstract],
    ["PDF", card.links.pdf],
    ["Hugging Face", card.links.huggingFace],
  ];
  return links
    .map(([label, raw]) => {
      const url = safeUrl(raw);
      return url ? `[${label}](${url})` : undefined;
    })
    .filter(Boolean)
    .join(" · ");
}

/** The TL;DR, then the links when they still fit; the links go first when room is short. */
function describe(tldr: string | undefined, links: string, room: number): string {
  const linkPart = links && links.length + 2 <= room ? links : "";
  const tldrRoom = room - (linkPart ? linkPart.length + 2 : 0);
  const tldrPart = tldr?.trim() && tldrRoom > 20 ? fitTransformed(tldr.trim(), tldrRoom, safeText) : "";
  return [tldrPart, linkPart].filter(Boolean).join("\n\n");
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Save buttons (one per shown card) on their own rows, then the reply's buttons and More. Five rows of
 * five is all a message takes; More is kept over extra buttons because it is the only way to page.
 */
function renderButtons(reply: Reply, cards: readonly PaperCard[]): ButtonRow[] {
  const seen = new Set<string>();
  const button = (b: Button): APIButtonComponentWithCustomId | undefined => {
    const customId = encodeCustomId(b.action, b.value);
    if (!customId || seen.has(customId)) return undefined;
    seen.add(customId);
    return {
      type: ComponentType.Button,
      custom_id: customId,
      label: truncate(plainText(oneLine(b.label)), L.buttonLabel) || b.action,
      style:
        b.style === "primary"
          ? ButtonStyle.Primary
          : b.style === "danger"
            ? ButtonStyle.Danger
            : ButtonStyle.Secondary,
    };
  };

  const saves = cards
    .map((card, i) => {
      const b = button(cardButton(card, cards.length > 1 ? (card.number ?? i + 1) : undefined));
      return b && !card.saved ? { ...b, emoji: { name: SAVE_EMOJI } } : b;
    })
    .filter((b) => b !== undefined);
  const more = reply.more
    ? button({ label: "More results", action: ACTIONS.more, value: reply.more, style: "primary" })
    : undefined;
  const extras = (reply.buttons ?? []).map(button).filter((b) => b !== undefined);

  const saveRows = chunk(saves, L.buttonsPerRow);
  const room = (L.actionRows - saveRows.length) * L.buttonsPerRow;
  const tail = [...extras.slice(0, more ? room - 1 : room), ...(more ? [more] : [])];
  return [...saveRows, ...chunk(tail, L.buttonsPerRow)]
    .slice(0, L.actionRows)
    .map((components) => ({ type: ComponentType.ActionRow, components }));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

/** Autocomplete choices within Discord's limits: a value too long to send back is left out, a label is cut. */
export function renderChoices(completions: Completion[]): { name: string; value: string }[] {
  return completions
    .filter((c) => c.value.length > 0 && c.value.length <= L.choiceValue)
    .slice(0, L.autocompleteChoices)
    .map((c) => ({ name: truncate(oneLine(c.label), L.choiceName) || c.value, value: c.value }));
}
