// How a change to a channel's digest schedule (daily or weekly) is answered: said in the channel, or privately when it needs a fix.
import type { Reply } from "../port.js";

/** A schedule turned on or changed: in the channel, unless the bot cannot post there (then privately, with why). */
export function scheduleChanged(lines: readonly string[], problem: string | undefined): Reply {
  return {
    text: [...lines, ...(problem ? [`⚠️ ${problem}`] : [])].join("\n"),
    visibility: problem ? "private" : "channel",
  };
}

/** A schedule turned off (`what`: "digest", "weekly digest"), or a private note that there was none. */
export function scheduleTurnedOff(removed: boolean, what: string, turnOnCommand: string): Reply {
  return removed
    ? {
        text: `Turned off this channel's ${what}. \`${turnOnCommand}\` turns it back on.`,
        visibility: "channel",
      }
    : { text: `This channel has no ${what} to turn off.`, visibility: "private" };
}
