// Issue 9.6: the nasty strings through the Slack, Discord and console renderers: nothing mentions, links or breaks layout.
import { describe, expect, it } from "vitest";
import { renderReply as renderConsole } from "../../adapters/console/render.js";
import { DISCORD_LIMITS } from "../../adapters/discord/limits.js";
import { renderReply as renderDiscord } from "../../adapters/discord/render.js";
import { SLACK_LIMITS } from "../../adapters/slack/limits.js";
import { blockTextLength, renderReply as renderSlack } from "../../adapters/slack/render.js";
import type { PaperCard, Reply } from "../../src/chat/port.js";
import { NASTY_STRINGS } from "./nasty-strings.js";

const SAFE_URL = "https://arxiv.org/abs/2401.00001";

/** The nasty string in every field a reply has. */
function replyWith(nasty: string, visibility: Reply["visibility"] = "channel"): Reply {
  const card: PaperCard = {
    id: "2401.00001",
    title: nasty,
    url: SAFE_URL,
    authors: nasty,
    organization: nasty,
    published: "2026-01-01",
    upvotes: 3,
    tldr: nasty,
    keyphrases: [nasty, "plain"],
    reason: nasty,
    number: 1,
    details: [{ label: "Abstract", text: nasty }],
    links: { abstract: SAFE_URL, pdf: nasty, huggingFace: nasty },
  };
  return {
    text: nasty,
    heading: nasty,
    cards: [card, { ...card, id: "2401.00002", number: 2, url: nasty, links: { abstract: nasty } }],
    code: nasty,
    buttons: [{ label: nasty, action: "unsave", value: "2401.00001" }],
    visibility,
    more: "cursor-1",
  };
}

/** All strings anywhere in a rendered value, with where they are. */
function strings(value: unknown, path = ""): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === "object" && !Buffer.isBuffer(value))
    return Object.entries(value).flatMap(([key, child]) => strings(child, `${path}.${key}`));
  return [];
}

/** The texts Slack parses as mrkdwn: the top-level text and every `mrkdwn` text object (plain_text never is). */
function mrkdwnTexts(value: unknown, path = ""): { path: string; text: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => mrkdwnTexts(item, `${path}[${i}]`));
  if (!value || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const own =
    record.type === "mrkdwn" && typeof record.text === "string" ? [{ path, text: record.text }] : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, child]) =>
      typeof child === "object" ? mrkdwnTexts(child, `${path}.${key}`) : [],
    ),
  ];
}

/** Slack: a `<` that survives escaping starts a mention or a link; only our own link to SAFE_URL may. */
function slackProblems(nasty: string): string[] {
  const rendered = renderSlack(replyWith(nasty));
  const problems: string[] = [];
  for (const { path, text } of [
    { path: ".text", text: rendered.text },
    ...mrkdwnTexts(rendered.blocks, ".blocks"),
  ]) {
    // The renderer's own links (a title or "Abstract" to the paper's http(s) URL) may open with `<`.
    const withoutOwnLinks = text.replace(/<https?:\/\/[^|<>\s]+\|/g, "");
    if (withoutOwnLinks.includes("<"))
      problems.push(`${path}: unescaped < in ${JSON.stringify(text.slice(0, 80))}`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    if (/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(text))
      problems.push(`${path}: control or bidi character`);
    if (/\n>|^>/.test(text) && !path.endsWith(".url")) problems.push(`${path}: a block quote`);
  }
  if ("link_names" in rendered || "parse" in rendered) problems.push("link_names or parse set");
  if (rendered.blocks.length > SLACK_LIMITS.blocks) problems.push("too many blocks");
  if (blockTextLength(rendered.blocks) > SLACK_LIMITS.totalText) problems.push("message too long");
  for (const block of rendered.blocks) {
    const text = (block as { text?: { text?: string; type?: string } }).text;
    if (block.type === "section" && (text?.text?.length ?? 0) > SLACK_LIMITS.sectionText)
      problems.push("section too long");
    if (block.type === "header" && (text?.text?.length ?? 0) > SLACK_LIMITS.headerText)
      problems.push("header too long");
  }
  return problems;
}

/** A mention Discord would render: @everyone/@here, or <@…>, <@&…>, <#…>, </…:…>, <t:…> not broken by a space. */
const DISCORD_MENTION = /@(everyone|here)|<(@[!&]?\d|#\d|\/[\w -]+:\d|t:\d|a?:\w+:\d)/i;
/** A masked link whose brackets are not escaped. */
const MASKED_LINK = /(?<!\\)\[[^\]\n]*(?<!\\)\]\((?!\s)/;
/** The renderer's own links: a fixed label to the paper's http(s) URL, with nothing in it that could end it early. */
const OWN_LINK = /\[(Abstract|PDF|Hugging Face|arXiv)\]\(https?:\/\/[^()\s<>]+\)/g;
/** Fields Discord shows as plain text: no markdown, no mentions (checked for control characters only). */
const PLAIN_FIELDS = /(\.label|\.author\.name|\.footer\.text)$/;

function discordProblems(nasty: string): string[] {
  const rendered = renderDiscord(replyWith(nasty));
  const problems: string[] = [];
  if (rendered.allowedMentions.parse.length !== 0) problems.push("allowedMentions allows pings");
  for (const { path, text } of strings(rendered)) {
    if (path.startsWith(".components") && (path.endsWith(".custom_id") || path.endsWith(".emoji.name")))
      continue;
    if (path.endsWith(".url")) {
      if (!/^https?:\/\/[^()\s<>]+$/.test(text)) problems.push(`${path}: a link to ${text.slice(0, 80)}`);
      continue;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    if (/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(text))
      problems.push(`${path}: control or bidi character`);
    if (PLAIN_FIELDS.test(path)) continue;
    // Inside the code block nothing renders; outside it, nothing may.
    const rendered = path === ".content" ? text.replace(/```\n[\s\S]*\n```/, "") : text;
    if (DISCORD_MENTION.test(rendered))
      problems.push(`${path}: a mention in ${JSON.stringify(text.slice(0, 80))}`);
    if (MASKED_LINK.test(rendered.replaceAll(OWN_LINK, "")))
      problems.push(`${path}: a masked link in ${JSON.stringify(text.slice(0, 80))}`);
    if (rendered.includes("```")) problems.push(`${path}: a code fence`);
  }
  // The only fences in the content are the code block's own two.
  if ((rendered.content.match(/```/g) ?? []).length > 2)
    problems.push("content: a fence inside the code block");
  if (rendered.content.length > DISCORD_LIMITS.content) problems.push("content too long");
  let embedTotal = 0;
  for (const embed of rendered.embeds) {
    if ((embed.title?.length ?? 0) > 256) problems.push("embed title too long");
    if ((embed.description?.length ?? 0) > 4096) problems.push("embed description too long");
    embedTotal += strings(embed)
      .filter((s) => !s.path.endsWith(".url"))
      .reduce((n, s) => n + s.text.length, 0);
  }
  if (embedTotal > 6000) problems.push(`embeds hold ${embedTotal} characters`);
  return problems;
}

function consoleProblems(nasty: string): string[] {
  const problems: string[] = [];
  for (const visibility of ["channel", "private"] as const) {
    const out = renderConsole(replyWith(nasty, visibility), 7);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    if (/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/.test(out))
      problems.push(`${visibility}: a control, bidi or line-separator character`);
    // Only the renderer starts lines: the first is the message's own, the rest are indented or its buttons.
    const lines = out.split("\n");
    const expectedFirst = visibility === "private" ? "(only you) " : "#7 ";
    if (!lines[0]?.startsWith(expectedFirst))
      problems.push(`${visibility}: first line ${JSON.stringify(lines[0]?.slice(0, 40))}`);
    for (const line of lines.slice(1)) {
      if (/^(#\d+ |\(only you\)|\(you are now|paperbot>)/.test(line))
        problems.push(`${visibility}: a spoofed line ${JSON.stringify(line.slice(0, 60))}`);
    }
  }
  return problems;
}

describe("no injected pings or markup", () => {
  it.each(NASTY_STRINGS.map((s) => [s.family, s.text.slice(0, 40), s.text] as const))(
    "%s %j renders inert on Slack, Discord and the console",
    (_family, _short, nasty) => {
      expect({
        slack: slackProblems(nasty),
        discord: discordProblems(nasty),
        console: consoleProblems(nasty),
      }).toEqual({
        slack: [],
        discord: [],
        console: [],
      });
    },
  );
});
