// Short-lived "more results" cursors: a small id in the button, the query and offset kept here.
import { randomBytes } from "node:crypto";

export interface CursorState {
  workspace: string;
  query: string;
  offset: number;
}

const MAX_CURSORS = 2_000;
const TTL_MS = 60 * 60 * 1000;

export class CursorStore {
  private readonly cursors = new Map<string, CursorState & { at: number }>();

  constructor(private readonly now: () => Date) {}

  create(state: CursorState): string {
    const id = randomBytes(6).toString("base64url");
    this.cursors.set(id, { ...state, at: this.now().getTime() });
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.cursors.size > MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value as string);
    return id;
  }

  /** The cursor's state, if it exists, is fresh, and belongs to this workspace (ids are not trusted). */
  take(id: string, workspace: string): CursorState | undefined {
    const state = this.cursors.get(id);
    if (!state || state.workspace !== workspace || this.now().getTime() - state.at > TTL_MS) return undefined;
    return state;
  }
}
