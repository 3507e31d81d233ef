#!/usr/bin/env node
// The installed `paperbot` command, in one process so SIGTERM and SIGINT reach the bot itself: the compiled
// JavaScript in dist/ when it is newer than every source file (`npm install` builds it), else the TypeScript
// sources through tsx loaded into this process.
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const BUILT_STAMP = join(root, "dist", ".built");

/** The newest change to anything the compiled code is made from; a source edited since makes dist/ stale. */
function newestSourceMs() {
  let newest = 0;
  for (const folder of ["src", "adapters"]) {
    // Plain concatenation: path.join's normalizing of ~200 paths was a visible part of `--help`.
    const base = `${root}/${folder}/`;
    for (const name of readdirSync(base, { recursive: true })) {
      newest = Math.max(newest, statSync(base + name).mtimeMs);
    }
  }
  return newest;
}

function compiledIsCurrent() {
  try {
    return statSync(BUILT_STAMP).mtimeMs >= newestSourceMs();
  } catch {
    return false;
  }
}

let entry;
// PAPERBOT_FROM_SOURCE=1 skips dist/ (the tests run both ways).
if (process.env.PAPERBOT_FROM_SOURCE !== "1" && compiledIsCurrent()) {
  entry = await import("../dist/adapters/main.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  entry = await import("../adapters/main.ts");
}
await entry.main();
