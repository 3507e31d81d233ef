// What the fake bot answers in the Discord tests: any command → a private first page with More; More → page two; Save → a note.
import { ACTIONS, type BotEvent, type Reply } from "../../../src/chat/port.js";
import { card } from "../../fakes/fake-bot.js";

export const PAGE_ONE: Reply = {
  text: "2 papers for local sgd",
  heading: "Results for local sgd",
  cards: [
    card("2506.13585", "Local SGD, revisited", { number: 1 }),
    card("2406.12345", "@everyone Federated *fun*", { number: 2 }),
  ],
  more: "cursor-2",
  visibility: "private",
};

export const PAGE_TWO: Reply = {
  text: "Page 2",
  heading: "More results for local sgd",
  cards: [card("2401.00001", "A third paper", { number: 3 })],
  visibility: "private",
};

export function discordReplies(event: BotEvent): Reply | undefined {
  if (event.type === "command") return PAGE_ONE;
  if (event.type === "action" && event.action === ACTIONS.more) return PAGE_TWO;
  if (event.type === "action" && event.action === ACTIONS.save) {
    return { text: `Saved ${event.value} to your list.`, visibility: "private" };
  }
  return undefined;
}
