// PAPERBOT_LLM_*: unset means no model; a partial or malformed setting is refused at start, naming the variable.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { UserError } from "../../src/errors.js";
import { scrubSecrets } from "../../src/log.js";

function refusal(env: Record<string, string>): UserError {
  try {
    loadConfig({ env });
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error("the configuration was accepted");
}

describe("the language model's configuration", () => {
  it("is absent by default, and the limits have defaults", () => {
    const config = loadConfig({ env: {} });
    expect(config.secrets.llm).toBeUndefined();
    expect(config.settings.llm).toMatchObject({ maxRetries: 2, concurrency: 2, dailyTokenBudget: 200_000 });
  });

  it("reads URL, model, optional key and optional embeddings model", () => {
    const env = {
      PAPERBOT_LLM_URL: "http://127.0.0.1:11434/v1",
      PAPERBOT_LLM_MODEL: "llama3.2",
    };
    expect(loadConfig({ env }).secrets.llm).toEqual({ url: env.PAPERBOT_LLM_URL, model: "llama3.2" });
    const full = loadConfig({
      env: { ...env, PAPERBOT_LLM_API_KEY: "sk-abc", PAPERBOT_EMBEDDINGS_MODEL: "nomic-embed-text" },
    });
    expect(full.secrets.llm).toMatchObject({ apiKey: "sk-abc", embeddingsModel: "nomic-embed-text" });
  });

  it("refuses a model without a URL, and a URL without a model, naming the missing variable", () => {
    expect(refusal({ PAPERBOT_LLM_MODEL: "gpt-4o-mini" }).message).toMatch(/PAPERBOT_LLM_URL is not/);
    expect(refusal({ PAPERBOT_LLM_URL: "https://api.openai.com/v1" }).message).toMatch(
      /PAPERBOT_LLM_MODEL is not/,
    );
    expect(refusal({ PAPERBOT_LLM_API_KEY: "sk-abc" }).message).toMatch(
      /PAPERBOT_LLM_URL and PAPERBOT_LLM_MODEL are not/,
    );
  });

  it("refuses a URL that is not http(s) without repeating it", () => {
    for (const url of ["ftp://user:s3cret@host/v1", "127.0.0.1:11434", "not a url"]) {
      const error = refusal({ PAPERBOT_LLM_URL: url, PAPERBOT_LLM_MODEL: "m" });
      expect(error.message).toMatch(/PAPERBOT_LLM_URL must be an http/);
      expect(error.describe()).not.toContain("s3cret");
    }
  });

  it("scrubs OpenAI-style keys from free text the logger writes", () => {
    expect(scrubSecrets("401: Incorrect API key provided: sk-proj-abcdefghijklmnop1234")).toBe(
      "401: Incorrect API key provided: sk-[redacted]",
    );
    expect(scrubSecrets("a task-list of sk-items")).toBe("a task-list of sk-items");
  });
});
