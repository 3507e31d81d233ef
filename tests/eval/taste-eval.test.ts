import { describe, expect, it } from "vitest";
import { BASELINES, evaluateScale, teamTasteSystem } from "./taste-eval.js";

describe("the team ranking on held-out topics (seed scale)", () => {
  it("beats every baseline of the same run on normalized P@5", async () => {
    const report = await evaluateScale(0, { taste: teamTasteSystem(), ...BASELINES });
    const [taste, ...baselines] = report.systems;
    expect(taste?.topics).toHaveLength(6);
    // Figures when this was written: 0.90, against popularity 0.27, tf-idf 0.77, SVM 0.73. The issue
    // asks for 0.90 (27 of the 30 places); the tolerance is only for the mean's rounding.
    expect(taste?.p5).toBeGreaterThanOrEqual(0.9 - 1e-9);
    for (const baseline of baselines) expect(taste?.p5, baseline.system).toBeGreaterThan(baseline.p5);
  }, 120_000);
});
