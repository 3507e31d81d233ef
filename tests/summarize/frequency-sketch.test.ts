import { describe, expect, it } from "vitest";
import { FrequencySketch } from "../../src/summarize/frequency-sketch.js";

describe("FrequencySketch", () => {
  it("counts exactly when keys are few", () => {
    const sketch = new FrequencySketch(16);
    for (let i = 0; i < 5; i++) sketch.increment("local sgd");
    sketch.increment("model merg");
    expect(sketch.estimate("local sgd")).toBe(5);
    expect(sketch.estimate("model merg")).toBe(1);
    expect(sketch.estimate("kv cach")).toBe(0);
  });

  it("never undercounts, even when crowded", () => {
    const sketch = new FrequencySketch(8);
    for (let i = 0; i < 2000; i++) sketch.increment(`key ${i % 500}`);
    for (let i = 0; i < 500; i++) expect(sketch.estimate(`key ${i}`)).toBeGreaterThanOrEqual(4);
  });
});
