#!/usr/bin/env node
// The installed `paperbot` command: runs the TypeScript sources through tsx, so no build step is needed.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const result = spawnSync(
  process.execPath,
  [tsx, join(here, "..", "adapters", "main.ts"), ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
process.exitCode = result.status ?? 1;
