// The permissions paperbot needs in a channel, and the sentence that tells an admin which one is missing.
import { PermissionsBitField, type PermissionsString } from "discord.js";

/** What posting a digest and taking reactions on it needs. */
export const CHANNEL_PERMISSIONS = [
  "ViewChannel",
  "SendMessages",
  "EmbedLinks",
  "AddReactions",
  "ReadMessageHistory",
] as const satisfies readonly PermissionsString[];

/** Posting in a thread needs this on top. */
export const THREAD_PERMISSIONS = [...CHANNEL_PERMISSIONS, "SendMessagesInThreads"] as const;

/** Everything the invite asks for: the channel permissions, threads included. */
export const INVITE_PERMISSIONS: bigint = PermissionsBitField.resolve([...THREAD_PERMISSIONS]);

/** The names Discord's settings screens show, so the sentence matches what the admin will look for. */
const SHOWN_AS: Partial<Record<PermissionsString, string>> = {
  ViewChannel: "View Channel",
  SendMessages: "Send Messages",
  SendMessagesInThreads: "Send Messages in Threads",
  EmbedLinks: "Embed Links",
  AddReactions: "Add Reactions",
  ReadMessageHistory: "Read Message History",
};

export function permissionName(permission: PermissionsString): string {
  return SHOWN_AS[permission] ?? permission.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** One actionable sentence, or undefined when nothing is missing. */
export function missingPermissionsSentence(
  channel: string,
  missing: readonly PermissionsString[],
): string | undefined {
  if (missing.length === 0) return undefined;
  const names = missing.map(permissionName);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const noun = names.length === 1 ? "permission" : "permissions";
  return (
    `paperbot can't post in ${channel}: it is missing the ${list} ${noun}. ` +
    `A server admin can grant ${names.length === 1 ? "it" : "them"} in the channel's settings ` +
    `(Edit Channel → Permissions → paperbot).`
  );
}

export const CHANNEL_NOT_FOUND =
  "paperbot can't find that channel: it may have been deleted, or paperbot is no longer in the server. " +
  "Pick another channel, or invite paperbot again.";
