// What the fake bot answers in the Slack tests: `search` → two cards in the channel with a more cursor; `export` → private code; `figure` → a private card with an image; …
import type { BotEvent, Reply } from "../../../src/chat/port.js";
import { card } from "../../fakes/fake-bot.js";

export function slackReplies(event: BotEvent): Reply {
  if (event.type === "command") {
    if (event.text.startsWith("search")) {
      return {
        text: "2 papers for local sgd",
        heading: "Papers for “local sgd”",
        cards: [
          card("2506.13585", "Local SGD <!channel> *fast*", { number: 1 }),
          card("2401.00001", "Second & last", { number: 2 }),
        ],
        more: "cursor:2",
        visibility: "channel",
      };
    }
    if (event.text.startsWith("export")) {
      return {
        text: "Your saves as BibTeX",
        code: "@article{qin2025,\n  title={A & B <x>}\n}",
        visibility: "private",
      };
    }
    if (event.text.startsWith("figure")) {
      return {
        text: "A paper with a figure",
        cards: [card("2406.11794", "Sparse MoE", { image: "https://cdn.example/figure.png" })],
        visibility: "private",
      };
    }
    return { text: `Unknown command <@U0EVE>: ${event.text}`, visibility: "private" };
  }
  if (event.type === "action") return { text: `Saved ${event.value} to your list.`, visibility: "private" };
  if (event.type === "question") return { text: `You asked: ${event.text}`, visibility: "channel" };
  return { text: `Saved it (${event.emoji}).`, visibility: "private" };
}
