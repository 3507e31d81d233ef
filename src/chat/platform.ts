// What a chat platform is to the composition root: a name, its secrets, how to build its port, what its credentials look like.
import type { Readable, Writable } from "node:stream";
import type { Env } from "../env.js";
import type { SecretPatterns } from "../log.js";
import type { ChatPort } from "./port.js";

/** What an adapter needs of a logger; a pino logger fits. */
export interface PlatformLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What the running bot lends every platform it builds. */
export interface PlatformHost {
  /** The data directory (a platform may keep its own file there, e.g. Slack's installations). */
  dataDir: string;
  /** PORT: where a platform that receives HTTP listens. */
  port: number;
  /** The process's terminal, for the console platform. */
  terminal: { input: Readable; output: Writable; interactive: boolean };
}

/**
 * One chat platform, exported as `adapters/<name>/platform.ts` and listed once in `adapters/platforms.ts`.
 * The file imports no platform library, so listing it costs nothing until `create` runs.
 */
export interface PlatformDefinition<S = unknown, P extends ChatPort = ChatPort> {
  /** The platform's name in every id (`Place.platform`, `slack:T0123`). */
  readonly name: string;
  /** Its variables from the environment; undefined when none is set, a UserError when some are missing. */
  readSecrets(env: Env): S | undefined;
  /** Builds its port (loading the platform library only now). */
  create(secrets: S, host: PlatformHost, log: PlatformLogger): Promise<P>;
  /** What its credentials look like, so the log redacts them. */
  readonly secretPatterns: SecretPatterns;
}
