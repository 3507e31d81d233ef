// `paperbot … | head`: when the reader closes the pipe early, stop quietly instead of dying with an EPIPE stack.
import type { Writable } from "node:stream";

/** Calls `exit` when `stream`'s reader has gone away; any other stream error is still thrown. */
export function exitQuietlyOnClosedPipe(stream: Writable, exit: () => void): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") exit();
    else throw error;
  });
}
