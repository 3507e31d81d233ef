// `/papers today` (or `top`): the highlights the digest would post now for this channel; posted to the channel, they count as shown from tomorrow.
import { channelHighlights, NOTHING_NEW } from "../../digest/compose.js";
import { cardsText, paperCard } from "../../message/cards.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";

export function todayCommand(context: CommandContext): Reply {
  const highlights = channelHighlights(
    context.deps,
    { workspace: context.workspace, channel: context.channel },
    context.deps.now(),
  );
  if (highlights.length === 0) return { text: NOTHING_NEW, visibility: "private" };
  const cards = highlights.map((h, i) =>
    paperCard(h.paper, { number: i + 1, reason: h.reasons.join(" · ") }),
  );
  const heading = "Today's highlights (react 1️⃣–🔟 to save one)";
  return { text: `${heading}\n${cardsText(cards)}`, heading, cards, visibility: "channel", highlights: true };
}
