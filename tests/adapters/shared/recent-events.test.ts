// The recent-event memory every adapter uses, so a re-delivered event is handled once.
import { describe, expect, it } from "vitest";
import { createRecent } from "../../../adapters/shared/recent-events.js";

describe("createRecent", () => {
  it("reports a repeat and forgets the oldest past its size", () => {
    const recent = createRecent<true>({ max: 2 });
    expect(recent.seen("a")).toBe(false);
    expect(recent.seen("a")).toBe(true);
    recent.seen("b");
    recent.seen("c");
    expect(recent.size).toBe(2);
    expect(recent.seen("a")).toBe(false);
  });
});
