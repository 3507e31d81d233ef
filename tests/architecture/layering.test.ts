import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

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

  it("lets adapters use only the chat port (and command table) of the core", () => {
    const allowed = new Set(["src/chat/port.js", "src/chat/command-specs.js"]);
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

  it("has a test that would catch a violation", () => {
    expect(imports(join(ROOT, "tests/architecture/layering.test.ts"))).toContain("vitest");
  });
});
