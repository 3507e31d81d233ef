#!/usr/bin/env node
// The installed `paperbot` command, in one process so SIGTERM and SIGINT reach the bot itself: the compiled
// JavaScript in dist/ when it is newer than every source file (`npm install` builds it), else the TypeScript
// sources through tsx loaded into this process.
import { compiledIsCurrent } from "./compiled.js";

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
