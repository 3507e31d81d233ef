// A slash command's acknowledgement that can carry the command's first private reply, one round trip sooner than response_url.
import type { AckFn, RespondArguments } from "@slack/bolt";

/**
 * How long the acknowledgement waits for a reply to carry. Slack shows an error after 3 s without one;
 * this leaves the rest for the network. Answers from the index take milliseconds; a command that
 * fetches from elsewhere (a pasted arXiv link) is acked empty and answers through response_url.
 */
export const INLINE_ACK_WAIT_MS = 1_500;

/**
 * Slack shows a message given in the body of a slash command's acknowledgement as it shows one posted
 * to the command's response_url, and the person sees it without a second request: at 100k papers under
 * load that second request was a fifth of the bot's work per search. Only the first private reply can
 * go this way; the acknowledgement is sent empty once anything else comes first: a channel reply (it
 * needs chat.postMessage for its ts), the handler's end, or the wait running out.
 */
export interface InlineAck {
  /** Sends `message` as the acknowledgement's body; false when it was sent already (use response_url). */
  offer(message: RespondArguments): Promise<boolean>;
  /** Sends the acknowledgement empty, unless it was sent. */
  release(): Promise<void>;
}

export function inlineAck(ack: AckFn<string | RespondArguments>, waitMs = INLINE_ACK_WAIT_MS): InlineAck {
  let sent = false;
  const send = (message?: RespondArguments): Promise<void> => {
    sent = true;
    clearTimeout(timer);
    return ack(message);
  };
  const timer = setTimeout(() => {
    if (!sent) void send().catch(() => undefined);
  }, waitMs);
  return {
    async offer(message) {
      if (sent) return false;
      // An acknowledgement that failed (its request gone) delivered nothing: response_url still can.
      return send(message).then(
        () => true,
        () => false,
      );
    },
    async release() {
      if (!sent) await send();
    },
  };
}
