// `npm run eval`'s semantic part: one line without an embeddings endpoint, both rankings and their ratio with one.
import { describe, expect, it } from "vitest";
import { runSemanticEval } from "../eval/semantic-eval.js";
import { startFakeOpenAi } from "../fakes/openai-server.js";

describe("the semantic search evaluation", () => {
  it("says in one line that nothing is evaluated without an embeddings endpoint", async () => {
    const lines: string[] = [];
    await runSemanticEval({ PAPERBOT_LLM_URL: "http://127.0.0.1:9/v1", PAPERBOT_LLM_MODEL: "m" }, (l) =>
      lines.push(l),
    );
    expect(lines).toEqual([expect.stringContaining("no embeddings endpoint configured")]);
  });

  it("runs the queries by words and fused against a configured endpoint", async () => {
    const model = await startFakeOpenAi();
    try {
      const lines: string[] = [];
      await runSemanticEval(
        {
          PAPERBOT_LLM_URL: model.url,
          PAPERBOT_LLM_MODEL: "fake-chat",
          PAPERBOT_EMBEDDINGS_MODEL: "fake-embed",
        },
        (l) => lines.push(l),
      );
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/words MRR@10 \d\.\d{3} .* fused MRR@10 \d\.\d{3} \(×/);
      expect(model.requests.some((r) => r.path === "/v1/embeddings")).toBe(true);
    } finally {
      await model.close();
    }
  });
});
