// Lets Bolt log through the project's structured logger (pino) instead of its own console logger.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { PlatformLogger } from "../../src/chat/platform.js";

const RANK: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/** Warnings and errors to stderr, nothing else: the default when no logger is given. */
export const quietLogger: PlatformLogger = {
  debug() {},
  info() {},
  warn: (obj, msg) => console.warn(msg ?? "", obj),
  error: (obj, msg) => console.error(msg ?? "", obj),
};

/** Bolt's Logger interface over ours; Bolt passes loose arguments, which become one message. */
export function toBoltLogger(logger: PlatformLogger): BoltLogger {
  let level = LogLevel.INFO;
  let name = "bolt";
  const emit = (at: LogLevel, args: unknown[]) => {
    if (RANK[at] < RANK[level]) return;
    const errors = args.filter((arg): arg is Error => arg instanceof Error);
    const msg = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" ");
    const fields = errors[0] ? { component: name, err: errors[0] } : { component: name };
    logger[at](fields, msg);
  };
  return {
    debug: (...args) => emit(LogLevel.DEBUG, args),
    info: (...args) => emit(LogLevel.INFO, args),
    warn: (...args) => emit(LogLevel.WARN, args),
    error: (...args) => emit(LogLevel.ERROR, args),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}
