// The language model port: what paperbot asks of a model (chat, embeddings), whatever serves it.

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  /** Whose daily token budget pays for it (a workspace key, or "cli" for the command line). */
  workspace: string;
  messages: ChatMessage[];
  /** The most tokens the answer may use. */
  maxTokens: number;
  /** Read the answer as a stream of server-sent events (stops reading once `maxChars` arrived). */
  stream?: boolean;
  /** Characters of answer kept; a streamed answer stops being read there. */
  maxChars?: number;
}

export interface ChatResult {
  text: string;
  /** Tokens the call cost (the server's count, else an estimate). */
  tokens: number;
  model: string;
}

export interface LanguageModel {
  /** The chat model's name, as configured. */
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Present only when an embeddings model is configured. One vector per text, in order. */
  embed?: (workspace: string, texts: readonly string[]) => Promise<number[][]>;
}

/** Why a model call failed, so callers fall back without guessing (none of these reach a channel). */
export type LlmFailure =
  | "budget"
  | "rate-limited"
  | "timeout"
  | "unavailable"
  | "refused"
  | "invalid-response";

export class LlmError extends Error {
  constructor(
    message: string,
    readonly kind: LlmFailure,
  ) {
    super(message);
    this.name = "LlmError";
  }
}
