// `/papers today` (or `top`): the highlights the digest would post now for this channel.
import { composeHighlights } from "../../digest/compose.js";
import { cardsText, paperCard } from "../cards.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";

export function todayCommand(context: CommandContext): Reply {
  const { store, settings, now } = context.deps;
  const subscription = store.subscription(context.channel);
  const highlights = composeHighlights(
    context.deps,
    {
      workspace: context.workspace,
      channel: context.channel,
      size: subscription?.size ?? settings.digest.defaultSize,
      topics: subscription?.topics ?? [],
      excluded: subscription?.excluded ?? [],
    },
    now(),
  );
  if (highlights.length === 0) {
    return {
      text: "Nothing new to highlight here: every paper I know has been shown or saved in this channel.",
      visibility: "private",
    };
  }
  const cards = highlights.map((h, i) =>
    paperCard(h.paper, { number: i + 1, reason: h.reasons.join(" · ") }),
  );
  const heading = "Today's highlights (react 1️⃣–🔟 to save one)";
  return { text: `${heading}\n${cardsText(cards)}`, heading, cards, visibility: "channel" };
}
