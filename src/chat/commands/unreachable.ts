// Tells "this machine cannot reach arXiv" (no DNS, no route, connection refused) apart from arXiv being down.
import { isUserError, UserError } from "../../errors.js";

/** Errors of the network under us, not of the server: retrying later from here will not help by itself. */
const NETWORK_CODES: Readonly<Record<string, string>> = {
  ENOTFOUND: "its address could not be resolved",
  EAI_AGAIN: "its address could not be resolved",
  ECONNREFUSED: "the connection was refused",
  ENETUNREACH: "there is no route to it",
  EHOSTUNREACH: "there is no route to it",
  ECONNRESET: "the connection was cut",
};

/** The network error somewhere in an error's cause chain, if any. */
export function networkFailure(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES[code]) return NETWORK_CODES[code];
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The error to show for a failed fetch from arXiv: "cannot reach" when the network failed, else as it was. */
export function explainArxivFailure(error: unknown): unknown {
  if (!isUserError(error) || error.code !== "arxiv-unavailable") return error;
  const why = networkFailure(error);
  if (!why) return error;
  const reworded = new UserError(
    "arxiv-unreachable",
    `This machine cannot reach arXiv (${why}).`,
    "Check its internet connection or proxy, then try again.",
  );
  reworded.cause = error;
  return reworded;
}
