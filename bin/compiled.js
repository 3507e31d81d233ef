// Whether dist/ is the compiled code of the sources as they are now: bin/paperbot.js runs it then, and the
// TypeScript sources through tsx otherwise; the benchmark of the installed command checks the same.
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Written by finish-build.js when `npm run build` (run by `npm install`) ends. */
export const BUILT_STAMP = join(root, "dist", ".built");

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

/** @returns {boolean} */
export function compiledIsCurrent() {
  try {
    return statSync(BUILT_STAMP).mtimeMs >= newestSourceMs();
  } catch {
    return false;
  }
}
