// The `/papers` subcommands: one table that dispatch, help, usage text and Discord registration all read.
// Adding a command is one entry here, one file in commands/ and its test.
import { SORT_VALUES_TEXT } from "../search/query.js";
import { addCommand } from "./commands/add.js";
import { askCommand } from "./commands/ask.js";
import { digestCommand } from "./commands/digest-settings.js";
import { dismissCommand, undismissCommand } from "./commands/dismiss.js";
import { followCommand, followsCommand, unfollowCommand } from "./commands/follows.js";
import { helpCommand } from "./commands/help.js";
import { languageCommand } from "./commands/language.js";
import { muteCommand, mutesCommand, unmuteCommand } from "./commands/mutes.js";
import { exportCommand, saveCommand, savedCommand, unsaveCommand } from "./commands/saves.js";
import { searchCommand } from "./commands/search.js";
import { showCommand, similarCommand } from "./commands/show.js";
import { todayCommand } from "./commands/today.js";
import type { CommandHandler } from "./context.js";
import type { CommandOption, CommandSpec } from "./port.js";

/** A command: what help, usage and Discord registration show (its spec), and the handler that answers it. */
export interface Command extends CommandSpec {
  readonly handler: CommandHandler;
  /** Other names that run the same handler; neither shown in help nor registered with Discord. */
  readonly aliases?: readonly string[];
}

const PAPER_ID: CommandOption = {
  name: "id",
  description: "Paper id, arXiv id, or the start of its title",
  type: "string",
  required: true,
  autocomplete: "paper",
};
const WHOSE: CommandOption = {
  name: "whose",
  description: "mine or team",
  type: "string",
  choices: ["mine", "team"],
};

export const COMMAND_SPECS = [
  {
    name: "search",
    handler: searchCommand,
    summary: "Search papers by words, phrases and filters.",
    usage:
      'search <words> ["exact phrase"] [author:name] [org:name] [cat:cs.LG] [since:YYYY-MM-DD] [until:YYYY-MM-DD] [sort:relevance|new|top|cited] [-word]',
    notes: `Sort values: ${SORT_VALUES_TEXT}; cited orders by Semantic Scholar's citation count.`,
    examples: ["search local sgd", 'search "model merging" sort:top', "search author:qin since:2022-01-01"],
    options: [{ name: "query", description: "Words, phrases and filters", type: "string", required: true }],
  },
  {
    name: "today",
    handler: (context) => todayCommand(context),
    aliases: ["top"],
    summary: "Today's highlights for this channel (what the digest would post now).",
    usage: "today",
    examples: ["today"],
    options: [],
  },
  {
    name: "show",
    handler: showCommand,
    summary: "One paper in full: TL;DR, key phrases, links, who here saved it.",
    usage: "show <paper id or title>",
    notes:
      "A paper is named by its id (on every card), its arXiv id or link, or its title or the start of it when only one title starts so.",
    examples: ["show MiniMax-M1", "show p114be9465e", "show The Role of Local Steps"],
    options: [PAPER_ID],
  },
  {
    name: "similar",
    handler: similarCommand,
    summary: "Papers close to one paper.",
    usage: "similar <paper id or title>",
    examples: ["similar p96e1e4140c", "similar Merging Models with Fisher"],
    options: [PAPER_ID],
  },
  {
    name: "add",
    handler: addCommand,
    summary: "Add a paper by arXiv id or link.",
    usage: "add <arXiv id or URL>",
    examples: ["add 1706.03762", "add https://arxiv.org/abs/1706.03762"],
    options: [{ name: "paper", description: "arXiv id or link", type: "string", required: true }],
  },
  {
    name: "saved",
    handler: savedCommand,
    summary: "Your saved papers, or the team's most saved.",
    usage: "saved [mine|team]",
    examples: ["saved", "saved team"],
    options: [WHOSE],
  },
  {
    name: "save",
    handler: saveCommand,
    summary: "Save a paper for yourself (the same as reacting with 🔖).",
    usage: "save <paper id or title>",
    examples: ["save p114be9465e", "save MiniMax-M1"],
    options: [PAPER_ID],
  },
  {
    name: "unsave",
    handler: unsaveCommand,
    summary: "Remove a paper from your saves.",
    usage: "unsave <paper id or title>",
    examples: ["unsave p114be9465e"],
    options: [PAPER_ID],
  },
  {
    name: "dismiss",
    handler: dismissCommand,
    summary:
      "Mark a paper not for us (the same as reacting with 👎): the digest stops offering it and papers like it.",
    usage: "dismiss <paper id>",
    examples: ["dismiss p96e1e4140c"],
    options: [PAPER_ID],
  },
  {
    name: "undismiss",
    handler: undismissCommand,
    summary: 'Take back a "not for us".',
    usage: "undismiss <paper id>",
    examples: ["undismiss p96e1e4140c"],
    options: [PAPER_ID],
  },
  {
    name: "export",
    handler: exportCommand,
    summary: "BibTeX of your saves (or the team's) to paste into a reference manager.",
    usage: "export [mine|team]",
    examples: ["export", "export team"],
    options: [WHOSE],
  },
  {
    name: "digest",
    handler: digestCommand,
    summary:
      "This channel's daily highlights: turn on (time, time zone, topics), off, or see the status; and its weekly team digest.",
    usage:
      'digest on [HH:MM] [time zone] [topic words… or "a phrase"] [-muted] | digest off | digest status | digest size <1-10> | digest weekly on [Mon–Sun] [HH:MM] [time zone] | digest weekly off',
    notes:
      "The time zone is an IANA name or a city in it, any case (Europe/Berlin, berlin, new_york); a place in several zones is asked about. The weekly digest (default Mon 09:00 in the daily digest's zone) lists the week's most saved papers and who saved them, the best new ones nobody saved yet, and the channel's followed matches.",
    examples: [
      "digest on 09:00 Europe/Berlin llm agents -vision",
      'digest on "speculative decoding" quantization',
      "digest status",
      "digest off",
      "digest weekly on Fri 16:00 Europe/Berlin",
      "digest weekly off",
    ],
    options: [
      {
        name: "action",
        description: "on, off, status, size or weekly",
        type: "string",
        required: true,
        choices: ["on", "off", "status", "size", "weekly"],
      },
      { name: "time", description: "HH:MM, 24-hour (on), or the number of papers (size)", type: "string" },
      {
        name: "timezone",
        description: "IANA time zone, e.g. Europe/Berlin",
        type: "string",
        autocomplete: "timezone",
      },
      { name: "topics", description: "Topic words that steer it; -word mutes the word", type: "string" },
      { name: "weekday", description: "Weekly digest: Mon–Sun, or off", type: "string" },
    ],
  },
  {
    name: "follow",
    handler: followCommand,
    summary:
      "Follow an author, an org or any search query: its new matches always top this channel's digest; add now to get them as they arrive.",
    usage: 'follow <author:"name" | org:name | cat:cs.LG | words | "phrase"> [now]',
    notes:
      'Names match without accents, and an initial ("T. Dao") stands for a full name ("Tri Dao") while no other name here is written so. At most 100 follows a channel.',
    examples: ['follow author:"Tri Dao"', "follow org:openbmb now", 'follow "speculative decoding"'],
    options: [
      {
        name: "query",
        description: "What to follow, in the search language; end with now for alerts",
        type: "string",
        required: true,
      },
    ],
  },
  {
    name: "unfollow",
    handler: unfollowCommand,
    summary: "Stop following a query in this channel.",
    usage: "unfollow <number or query>",
    examples: ["unfollow 2", 'unfollow author:"Tri Dao"'],
    options: [
      {
        name: "follow",
        description: "A follow of this channel",
        type: "string",
        required: true,
        autocomplete: "follow",
      },
    ],
  },
  {
    name: "follows",
    handler: (context) => followsCommand(context),
    summary: "What this channel follows, and when each last matched.",
    usage: "follows",
    examples: ["follows"],
    options: [],
  },
  {
    name: "mute",
    handler: muteCommand,
    summary:
      "Never show papers with a word, by an author or in a category in this channel's digest and alerts (search still finds them).",
    usage: 'mute <word | author:"name" | cat:cs.CV>',
    examples: ["mute vision", 'mute author:"Jane Roe"', "mute cat:cs.CV"],
    options: [
      { name: "what", description: 'A word, author:"name" or cat:category', type: "string", required: true },
    ],
  },
  {
    name: "unmute",
    handler: unmuteCommand,
    summary: "Take back a mute of this channel.",
    usage: "unmute <number or what was muted>",
    examples: ["unmute vision", "unmute 1"],
    options: [
      {
        name: "mute",
        description: "A mute of this channel",
        type: "string",
        required: true,
        autocomplete: "mute",
      },
    ],
  },
  {
    name: "mutes",
    handler: (context) => mutesCommand(context),
    summary: "What this channel mutes.",
    usage: "mutes",
    examples: ["mutes"],
    options: [],
  },
  {
    name: "language",
    handler: languageCommand,
    summary:
      "The language this channel's TL;DRs are written in by the language model (when one is configured).",
    usage: "language [de|fr|pt-BR|…|auto|off]",
    notes:
      "`auto` is the workspace's language as the platform tells it when you set it: a Discord server's language, or on Slack (which gives no workspace language) the language of the person who sets it; English when none is given.",
    examples: ["language de", "language auto", "language off"],
    options: [
      { name: "language", description: "A BCP 47 tag such as de or pt-BR, auto, or off", type: "string" },
    ],
  },
  {
    name: "ask",
    handler: askCommand,
    summary:
      "Ask about a paper: answered from its title and abstract by the language model (when one is configured).",
    usage: "ask <paper id> <question>",
    examples: ["ask p114be9465e what data do they train on?"],
    options: [PAPER_ID, { name: "question", description: "Your question", type: "string", required: true }],
  },
  {
    name: "help",
    handler: (context) => helpCommand(context.deps.settings.saveEmojis),
    summary: "What paperbot can do.",
    usage: "help",
    examples: ["help"],
    options: [],
  },
] as const satisfies readonly Command[];

/** The command a name (or alias) runs. */
export const COMMANDS_BY_NAME: ReadonlyMap<string, Command> = new Map(
  COMMAND_SPECS.flatMap((command: Command) =>
    [command.name, ...(command.aliases ?? [])].map((name) => [name, command] as const),
  ),
);

/** A command's usage as a sentence: "`/papers a`, `/papers b` or `/papers c`". */
export function usageSentence(name: string): string {
  const usages = (COMMANDS_BY_NAME.get(name)?.usage ?? name).split(" | ").map((u) => `\`/papers ${u}\``);
  return usages.length > 1 ? `${usages.slice(0, -1).join(", ")} or ${usages.at(-1)}` : (usages[0] ?? "");
}
