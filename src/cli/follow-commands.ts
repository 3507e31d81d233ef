// `paperbot follow|unfollow|follows --workspace W --channel C`: a channel's follows from the terminal, as in chat.
import type { Command } from "commander";
import type { Config } from "../config.js";
import type { ChannelKey } from "../store/records.js";
import type { Store } from "../store/store.js";

export interface FollowCommandDeps {
  stdout: (text: string) => void;
  now: () => Date;
  config: () => Config;
  openWriter: (config: Config, command: string) => Promise<Store>;
  openReader: (config: Config) => Promise<Store>;
  /** "slack:T1" + "C1" → the channel's key, refusing a workspace that names no platform. */
  channelOf: (workspace: string, channel: string) => ChannelKey;
}

interface PlaceOptions {
  workspace: string;
  channel: string;
}

function withPlace(command: Command): Command {
  return command
    .requiredOption("--workspace <id>", "workspace (platform:id, e.g. slack:T123)")
    .requiredOption("--channel <id>", "channel id");
}

export function registerFollowCommands(program: Command, deps: FollowCommandDeps): void {
  withPlace(
    program
      .command("follow")
      .description(
        'follow a query in a channel: author:"Tri Dao", org:openbmb, "a phrase"; end with now for alerts',
      )
      .argument("<query...>", "the query, in the search language"),
  )
    .option("--user <id>", "who follows it", "cli")
    .action(async (words: string[], options: PlaceOptions & { user: string }) => {
      const channel = deps.channelOf(options.workspace, options.channel);
      const store = await deps.openWriter(deps.config(), "follow");
      // Loaded when used, as the other commands' parts are: `paperbot --help` starts without them.
      const { followQuery } = await import("../follows/follow-changes.js");
      const { follow, outcome } = await followQuery(store, channel, words.join(" "), {
        userId: options.user,
        now: deps.now(),
      });
      const alerts = follow.alert ? " (alerts on)" : "";
      const said = { added: "now follows", alerts: "still follows", same: "already follows" }[outcome];
      deps.stdout(`${channel} ${said} ${follow.query}${alerts}\n`);
    });

  withPlace(
    program
      .command("unfollow")
      .description("stop following a query in a channel (by its number in `follows` or its query)")
      .argument("<query...>", "the follow's number or query"),
  ).action(async (words: string[], options: PlaceOptions) => {
    const channel = deps.channelOf(options.workspace, options.channel);
    const store = await deps.openWriter(deps.config(), "unfollow");
    const { unfollowQuery } = await import("../follows/follow-changes.js");
    const follow = await unfollowQuery(store, channel, words.join(" "));
    deps.stdout(`${channel} no longer follows ${follow.query}\n`);
  });

  withPlace(program.command("follows").description("a channel's follows and when each last matched"))
    .option("--json", "print JSON")
    .action(async (options: PlaceOptions & { json?: boolean }) => {
      const channel = deps.channelOf(options.workspace, options.channel);
      const store = await deps.openReader(deps.config());
      const { lastMatched } = await import("../follows/channel-view.js");
      const last = lastMatched(store, channel);
      const follows = store.follows(channel).map((f) => ({
        query: f.query,
        alert: f.alert,
        createdBy: f.createdBy,
        createdAt: f.createdAt,
        lastMatchedAt: last.get(f.key) ?? null,
      }));
      if (options.json) {
        deps.stdout(`${JSON.stringify(follows, null, 2)}\n`);
        return;
      }
      if (follows.length === 0) {
        deps.stdout(`${channel} follows nothing.\n`);
        return;
      }
      deps.stdout(
        `${follows
          .map(
            (f, i) =>
              `${i + 1}. ${f.query}${f.alert ? " · alerts" : ""} · ${f.lastMatchedAt ? `last matched ${f.lastMatchedAt.slice(0, 10)}` : "no match yet"}`,
          )
          .join("\n")}\n`,
      );
    });
}
