// Where a message is posted: what the digest needs of a platform, and the error a refused post carries.
import type { MessageRef, Place, Platform } from "../places.js";
import type { Reply } from "./reply.js";

export interface Poster {
  readonly platform: Platform;
  /** Posts to a channel (digests); throws a PostError when the platform refuses. */
  post(place: Place, reply: Reply): Promise<MessageRef>;
  /** Why the bot could not post in this channel (not a member, a missing permission), or undefined. */
  checkAccess?(place: Place): Promise<string | undefined>;
}

/** A failed post, classified so the digest knows whether to retry. */
export class PostError extends Error {
  constructor(
    message: string,
    readonly kind: "rate-limited" | "transient" | "channel-gone" | "forbidden" | "invalid",
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "PostError";
  }
}
