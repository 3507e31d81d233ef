// The acknowledgement that carries a slash command's first private reply: sent once, with the reply or empty.
import { afterEach, describe, expect, it, vi } from "vitest";
import { inlineAck } from "../../../adapters/slack/inline-ack.js";

/** An AckFn that records what each call carried (undefined for an empty acknowledgement). */
function recordingAck(fail = false) {
  const calls: unknown[] = [];
  const ack = async (response?: unknown) => {
    calls.push(response);
    if (fail) throw new Error("the request is gone");
  };
  return { ack, calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("inlineAck", () => {
  it("carries the first reply offered, and only that one", async () => {
    const { ack, calls } = recordingAck();
    const acked = inlineAck(ack, 1_000);
    expect(await acked.offer({ text: "first" })).toBe(true);
    expect(await acked.offer({ text: "second" })).toBe(false);
    await acked.release();
    expect(calls).toEqual([{ text: "first" }]);
  });

  it("goes empty on release, and then carries nothing", async () => {
    const { ack, calls } = recordingAck();
    const acked = inlineAck(ack, 1_000);
    await acked.release();
    await acked.release();
    expect(await acked.offer({ text: "late" })).toBe(false);
    expect(calls).toEqual([undefined]);
  });

  it("goes empty by itself when no reply comes within the wait", async () => {
    vi.useFakeTimers();
    const { ack, calls } = recordingAck();
    const acked = inlineAck(ack, 1_500);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([undefined]);
    expect(await acked.offer({ text: "slow" })).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it("reports a reply it could not deliver, so response_url can", async () => {
    const { ack, calls } = recordingAck(true);
    const acked = inlineAck(ack, 1_000);
    expect(await acked.offer({ text: "lost" })).toBe(false);
    await acked.release();
    expect(calls).toHaveLength(1);
  });
});
