// One read of a source: its papers and the validators to send next time, or "not modified"; and the one-document read.
import type { ParsedPaper } from "../../papers/paper.js";
import type { FeedParseResult } from "../feed-fields.js";
import type { ParseContext, ParseWarning } from "../parse-result.js";
import { readContext } from "./fetch-deps.js";
import type { HttpClient, Validators } from "./http-client.js";
import { SourceError } from "./source-error.js";

export type SourceRead =
  | { notModified: true }
  | {
      notModified: false;
      papers: ParsedPaper[];
      warnings: ParseWarning[];
      validators: Validators;
      /** A failure part-way (a later page): the papers before it are kept. */
      error?: SourceError;
    };

export interface DocumentRequest {
  source: string;
  url: string;
  validators?: Validators;
  now: Date;
  /** How the papers are sighted, when not as read from `url` today (a dated listing names its own day). */
  context?: ParseContext;
}

/** A source served as one document (RSS, Hugging Face): fetch it, parse it, and fail as malformed when unreadable. */
export async function readDocument(
  http: HttpClient,
  request: DocumentRequest,
  parse: (text: string, context: ParseContext) => FeedParseResult,
): Promise<SourceRead> {
  const response = await http.getText(request);
  if (response.notModified) return response;
  const result = parse(response.body, request.context ?? readContext(request.url, request.now));
  if (result.unreadable !== undefined) {
    throw new SourceError({ source: request.source, kind: "malformed", message: result.unreadable });
  }
  return {
    notModified: false,
    papers: result.papers,
    warnings: result.warnings,
    validators: response.validators,
  };
}
