import { describe, expect, it } from "vitest";
import { evaluateRanking } from "./ranking-eval.js";

describe("the team ranking", () => {
  it("fills most of a team's top 5 with the topic it saved, far above popularity alone", async () => {
    const report = await evaluateRanking();
    for (const topic of report.topics) {
      expect(topic.saved, topic.topic).toHaveLength(3);
      expect(topic.onTopic, topic.topic).toBeGreaterThanOrEqual(3);
    }
    // Figures reached when this test was written: 0.83 against 0.10.
    expect(report.precision).toBeGreaterThanOrEqual(0.75);
    expect(report.precision - report.baselinePrecision).toBeGreaterThanOrEqual(0.5);
  });
});
