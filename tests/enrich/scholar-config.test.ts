// Turning Semantic Scholar enrichment off, and its key: read only from the environment, never logged.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createScholarEnrichment } from "../../src/enrich/scholar-setup.js";
import { LowStore } from "../../src/store/low-store.js";
import { memoryLogger } from "../helpers/core.js";

describe("Semantic Scholar settings", () => {
  it("is on by default, and off with one setting", async () => {
    const store = await LowStore.inMemory();
    const now = () => new Date("2024-06-18T09:00:00Z");
    const on = loadConfig({ env: {} });
    expect(on.settings.semanticScholar).toMatchObject({ enabled: true, batchSize: 500, refreshDays: 7 });
    expect(createScholarEnrichment(on, { store, now })).toBeDefined();

    const file = join(await mkdtemp(join(tmpdir(), "paperbot-s2-")), "settings.json");
    await writeFile(file, JSON.stringify({ semanticScholar: { enabled: false } }));
    const off = loadConfig({ env: { PAPERBOT_CONFIG: file } });
    expect(createScholarEnrichment(off, { store, now })).toBeUndefined();

    await writeFile(file, JSON.stringify({ semanticScholar: { enabled: true, batchSize: 501 } }));
    expect(() => loadConfig({ env: { PAPERBOT_CONFIG: file } })).toThrow(/semanticScholar\.batchSize/);
  });

  it("reads SEMANTIC_SCHOLAR_API_KEY from the environment, and the logger never prints it", () => {
    expect(loadConfig({ env: {} }).secrets.semanticScholarApiKey).toBeUndefined();
    const config = loadConfig({ env: { SEMANTIC_SCHOLAR_API_KEY: " s2-key-123 " } });
    expect(config.secrets.semanticScholarApiKey).toBe("s2-key-123");
    const { log, lines } = memoryLogger();
    log.info({ apiKey: "s2-key-123", request: { headers: { "x-api-key": "s2-key-123" } } }, "calling");
    expect(lines().join("\n")).not.toContain("s2-key-123");
  });
});
