// `paperbot summarize` and `paperbot ask` against the local fake model server, and without one.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/openai-server.js";
import { type CliRun, runCliCaptured } from "../helpers/cli.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

const at = new Date("2026-11-22T12:00:00Z");
let fake: FakeOpenAi;
let dir: string;
let paperId: string;

function cli(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { PAPERBOT_DATA_DIR: dir, ...env }, at);
}

const withModel = () => ({ PAPERBOT_LLM_URL: fake.url, PAPERBOT_LLM_MODEL: "fake-chat" });

beforeAll(async () => {
  fake = await startFakeOpenAi();
  dir = await mkdtemp(join(tmpdir(), "paperbot-llm-cli-"));
  await cli({}, "ingest", "--as-of", "2026-11-22", SEEDS_DIR);
  paperId = JSON.parse((await cli({}, "list", "--limit", "1", "--json")).stdout)[0].id;
});
afterAll(async () => {
  await fake.close();
});

describe("paperbot summarize and ask", () => {
  it("writes a TL;DR in a language once and keeps it for the next run", async () => {
    fake.answerWith(() => "Ein kurzer Überblick.");
    const first = await cli(withModel(), "summarize", paperId, "--language", "de", "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      id: paperId,
      language: "de",
      source: "model",
      tldr: "Ein kurzer Überblick.",
      cached: false,
    });
    const requests = fake.requests.length;
    const second = await cli(withModel(), "summarize", paperId, "--language", "de");
    expect(second.stdout).toContain("TL;DR (German (de)): Ein kurzer Überblick.");
    expect(fake.requests.length).toBe(requests);
  });

  it("falls back to the extractive TL;DR, saying so on stderr, when the model fails", async () => {
    fake.fail({ kind: "status", status: 400 });
    const run = await cli(withModel(), "summarize", paperId, "--language", "fr", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ language: "en", source: "extractive" });
    expect(run.stderr).toMatch(/extractive/);
  });

  it("answers a question as JSON with the checked quote", async () => {
    fake.answerWith(() =>
      JSON.stringify({ answered: false, answer: "It does not say.", quote: "not in there at all, surely" }),
    );
    const run = await cli(withModel(), "ask", paperId, "which", "GPUs?", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      paperId,
      question: "which GPUs?",
      answered: false,
      quoteNotFound: true,
    });
  });

  it("refuses clearly without a model, a known paper or a language tag", async () => {
    const noModel = await cli({}, "ask", paperId, "why?");
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toMatch(/No language model is configured.*PAPERBOT_LLM_URL/);
    const unknown = await cli(withModel(), "summarize", "nope", "--language", "de");
    expect(unknown.stderr).toMatch(/No paper with id "nope"/);
    const badTag = await cli(withModel(), "summarize", paperId, "--language", "klingonish");
    expect(badTag.stderr).toMatch(/BCP 47/);
    const half = await cli({ PAPERBOT_LLM_MODEL: "m" }, "ask", paperId, "why?");
    expect(half.stderr).toMatch(/PAPERBOT_LLM_URL is not/);
  });
});
