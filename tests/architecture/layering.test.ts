// Keeps the layering true: the core never imports an adapter or a platform library, adapters use only
// the chat port, and inside src/ a lower folder never imports a higher one.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The folders (and root files) of src/, bottom up, as docs/architecture.md draws them. A module may
 * import its own folder and any folder of the same or a lower level, never a higher one.
 */
const LEVELS: Record<string, number> = {
  "errors.ts": 0,
  "env.ts": 0,
  "places.ts": 0,
  time: 0,
  "log.ts": 0,
  "config.ts": 0,
  "source-config.ts": 0,
  papers: 1,
  store: 2,
  search: 2,
  summarize: 2,
  llm: 2,
  message: 2,
  ingest: 3,
  enrich: 3,
  taste: 3,
  follows: 3,
  rank: 3,
  digest: 4,
  chat: 5,
  "core.ts": 6,
  "cli.ts": 6,
  cli: 6,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(path, "utf8");
  return [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2]) as string);
}

/** The top-level folder or root file of a path relative to src/ ("search/query.ts" → "search"). */
function unitOf(pathInSrc: string): string {
  return pathInSrc.split("/")[0] as string;
}

/** Every import in `srcDir` that reaches a higher level than its own folder, as "from -> to". */
function upwardImports(srcDir: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const from = relative(srcDir, file);
    const fromLevel = LEVELS[unitOf(from)];
    for (const spec of imports(file)) {
      if (!spec.startsWith(".")) continue;
      const to = relative(srcDir, resolve(dirname(file), spec)).replace(/\.js$/, ".ts");
      const toUnit = unitOf(to);
      if (toUnit === unitOf(from) || toUnit.startsWith("..")) continue;
      const toLevel = LEVELS[toUnit];
      if (fromLevel === undefined || toLevel === undefined) {
        found.push(`${from} -> ${to} (a folder with no level: add it to LEVELS)`);
      } else if (toLevel > fromLevel) {
        found.push(`${from} -> ${to}`);
      }
    }
  }
  return found.sort();
}

describe("layering", () => {
  it("keeps the core free of adapters and platform libraries", () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(join(ROOT, "src"))) {
      for (const spec of imports(file)) {
        const resolved = spec.startsWith(".") ? relative(ROOT, resolve(file, "..", spec)) : spec;
        if (
          /^adapters\//.test(resolved) ||
          /^@slack\//.test(spec) ||
          /^discord\.js/.test(spec) ||
          /^@discordjs\//.test(spec)
        ) {
          offenders.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("lets adapters use only the chat port (and the platform contract, env helpers, UserError) of the core", () => {
    const allowed = new Set(["src/chat/port.js", "src/chat/platform.js", "src/env.js", "src/errors.js"]);
    const offenders: string[] = [];
    // The entry points wire the core to the adapters: the composition root and the Discord registration script.
    const entryPoints = new Set(["adapters/main.ts", "adapters/discord-register.ts"]);
    const adapterFiles = sourceFiles(join(ROOT, "adapters")).filter(
      (f) => !entryPoints.has(relative(ROOT, f)),
    );
    for (const file of adapterFiles) {
      for (const spec of imports(file)) {
        if (!spec.startsWith(".")) continue;
        const resolved = relative(ROOT, resolve(file, "..", spec));
        if (resolved.startsWith("src/") && !allowed.has(resolved))
          offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("never lets a lower folder of src/ import a higher one", () => {
    expect(upwardImports(join(ROOT, "src"))).toEqual([]);
  });

  it("leaves reading process.env to src/config.ts alone", () => {
    const readers = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "adapters"))]
      .filter((file) => /process\.env\b/.test(readFileSync(file, "utf8")))
      .map((file) => relative(ROOT, file));
    expect(readers).toEqual(["src/config.ts"]);
  });

  it("reports a store module importing the chat layer, and nothing for a downward import", () => {
    const src = mkdtempSync(join(tmpdir(), "layering-"));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(src, path)), { recursive: true });
        writeFileSync(join(src, path), text);
      };
      write("chat/port.ts", 'import type { Paper } from "../papers/paper.js";\n');
      write("papers/paper.ts", "export type Paper = { id: string };\n");
      write("store/store.ts", 'import type { Bot } from "../chat/port.js";\n');
      write("widgets/thing.ts", 'import { x } from "../papers/paper.js";\n');
      expect(upwardImports(src)).toEqual([
        "store/store.ts -> chat/port.ts",
        "widgets/thing.ts -> papers/paper.ts (a folder with no level: add it to LEVELS)",
      ]);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });
});
