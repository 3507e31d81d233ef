// The chat core's single entry point: dispatches commands, buttons and reactions, and keeps errors in their place.
import { turnOffWorkspaceDigests } from "../digest/workspace-removed.js";
import { isUserError } from "../errors.js";
import { channelKey, workspaceKey } from "../places.js";
import { retrainSoon } from "../taste/team-tastes.js";
import { channelCompletions } from "./channel-completions.js";
import { splitCommandLine } from "./command-line.js";
import { COMMAND_SPECS, COMMANDS_BY_NAME, type Command } from "./command-specs.js";
import { weeklyMoreAction } from "./commands/digest-weekly.js";
import { dismissCommand, undismissCommand } from "./commands/dismiss.js";
import { saveCommand, unsaveCommand } from "./commands/saves.js";
import { moreAction } from "./commands/search.js";
import type { CommandContext } from "./context.js";
import { CursorStore } from "./cursors.js";
import type { CoreDeps } from "./deps.js";
import {
  ACTIONS,
  type Actor,
  APOLOGY,
  type Bot,
  type BotEvent,
  type Completion,
  type CompletionKind,
  type Place,
  type Platform,
  type Reply,
  type Respond,
} from "./port.js";
import { paperDismissedByReaction, paperForReaction } from "./reactions.js";
import { dismissPaper, savePaper, undismissPaper, unsaveReactionSave } from "./saving.js";
import { answerThreadQuestion } from "./thread-questions.js";

const COMMAND_NAMES = new Set(COMMANDS_BY_NAME.keys());
const MAX_COMPLETIONS = 25;

export function createBot(deps: CoreDeps): Bot {
  const cursors = new CursorStore(deps.now);
  const log = deps.log.child({ component: "chat" });

  function contextFor(actor: Actor, place: Place): CommandContext {
    return {
      deps,
      actor,
      place,
      workspace: workspaceKey(place.platform, place.workspaceId),
      channel: channelKey(place.platform, place.workspaceId, place.channelId),
      cursors,
    };
  }

  /** Sends a reply and, when it is a channel message with papers, records it so reactions can save them. */
  async function send(respond: Respond, reply: Reply): Promise<void> {
    const ref = await respond(reply);
    if (ref && reply.visibility !== "private" && reply.cards && reply.cards.length > 0) {
      await deps.store.recordPost({
        ref,
        paperIds: reply.cards.map((card) => card.id),
        postedAt: deps.now().toISOString(),
        kind: reply.highlights ? "today" : "reply",
      });
    }
  }

  async function onAction(context: CommandContext, action: string, value: string): Promise<Reply> {
    switch (action) {
      case ACTIONS.save:
        return saveCommand(context, value);
      case ACTIONS.unsave:
        return unsaveCommand(context, value);
      case ACTIONS.more:
        return moreAction(context, value);
      case ACTIONS.dismiss:
        return dismissCommand(context, value);
      case ACTIONS.undismiss:
        return undismissCommand(context, value);
      case ACTIONS.weeklyMore:
        return weeklyMoreAction(context, value);
      default:
        return {
          text: "That button is not one I know (it may be from an older version of paperbot).",
          visibility: "private",
        };
    }
  }

  async function onReaction(event: Extract<BotEvent, { type: "reaction" }>): Promise<void> {
    const { target, actor } = event;
    // Reactions only count from the workspace the message is in; anything else is forged or stray.
    if (actor.workspaceId !== target.workspaceId || actor.platform !== target.platform) return;
    const post = deps.store.findPost(target);
    if (!post) return; // not a message the bot posted: ignored quietly
    const workspace = workspaceKey(target.platform, target.workspaceId);
    const dismissed = paperDismissedByReaction(post, event.emoji, deps.settings.dismissEmojis);
    if (dismissed) {
      const dismissal = { workspace, userId: actor.userId, paperId: dismissed };
      if (event.added) await dismissPaper(deps.store, { ...dismissal, at: deps.now() });
      else await undismissPaper(deps.store, dismissal);
      retrainSoon(deps.store, deps.search.vectors, workspace, deps.now());
      return;
    }
    const paperId = paperForReaction(post, event.emoji, deps.settings.saveEmojis);
    if (!paperId) return;
    if (event.added)
      await savePaper(deps.store, {
        workspace,
        userId: actor.userId,
        paperId,
        at: deps.now(),
        via: "reaction",
      });
    else await unsaveReactionSave(deps.store, { workspace, userId: actor.userId, paperId });
    retrainSoon(deps.store, deps.search.vectors, workspace, deps.now());
  }

  async function handle(event: BotEvent, respond: Respond): Promise<void> {
    try {
      if (event.type === "reaction") {
        await onReaction(event);
        return;
      }
      const context = contextFor(event.actor, event.place);
      if (event.actor.workspaceId !== event.place.workspaceId) {
        await send(respond, { text: "That came from another workspace; ignored.", visibility: "private" });
        return;
      }
      if (event.type === "question") {
        await answerThreadQuestion(deps, event, respond);
        return;
      }
      if (event.type === "action") {
        await send(respond, await onAction(context, event.action, event.value));
        return;
      }
      const line = splitCommandLine(event.text, COMMAND_NAMES);
      const { handler } = COMMANDS_BY_NAME.get(line.name) as Command;
      const notify = async (reply: Reply) => void (await respond(reply));
      await send(respond, await handler({ ...context, notify }, line.args));
    } catch (error) {
      if (isUserError(error)) {
        if (event.type !== "reaction")
          await respond({ text: error.describe(), visibility: "private" }).catch(() => undefined);
        return;
      }
      log.error({ err: error, event: { type: event.type } }, "handling a chat event failed");
      if (event.type !== "reaction") {
        await respond(APOLOGY).catch(() => undefined);
      }
    }
  }

  async function complete(
    kind: CompletionKind,
    prefix: string,
    _actor: Actor,
    place?: Place,
  ): Promise<Completion[]> {
    const text = prefix.trim().slice(0, 100);
    if (kind === "follow" || kind === "mute") {
      if (!place) return [];
      const channel = channelKey(place.platform, place.workspaceId, place.channelId);
      return channelCompletions(deps.store, channel, kind, text).slice(0, MAX_COMPLETIONS);
    }
    if (kind === "timezone") {
      const lower = text.toLowerCase();
      return Intl.supportedValuesOf("timeZone")
        .filter((zone) => zone.toLowerCase().includes(lower))
        .slice(0, MAX_COMPLETIONS)
        .map((zone) => ({ label: zone, value: zone }));
    }
    const direct = text ? deps.store.corpus.find(text) : undefined;
    let ids: string[] = direct ? [direct.id] : [];
    if (text) {
      try {
        ids = [
          ...ids,
          ...(await deps.search.search(text, { limit: MAX_COMPLETIONS, offset: 0 })).hits.map((h) => h.id),
        ];
      } catch {
        // a half-typed query may not parse yet; offer what matched directly
      }
    }
    return [...new Set(ids)]
      .map((id) => deps.store.corpus.find(id))
      .filter((p) => p !== undefined)
      .slice(0, MAX_COMPLETIONS)
      .map((paper) => ({ label: `${paper.title.slice(0, 80)} [${paper.id}]`, value: paper.id }));
  }

  const workspaceRemoved = (platform: Platform, workspaceId: string) =>
    turnOffWorkspaceDigests(deps.store, platform, workspaceId);

  return { handle, complete, workspaceRemoved, commands: COMMAND_SPECS };
}
