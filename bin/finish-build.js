// After `tsc -p tsconfig.build.json`: copies what the compiled code reads at run time (the PostgreSQL
// migrations) into dist/, then stamps the build, which bin/paperbot.js compares with the sources' times.
import { cpSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILT_STAMP } from "./compiled.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const migrations = join("src", "store", "postgres", "migrations");
cpSync(join(root, migrations), join(root, "dist", migrations), { recursive: true });
writeFileSync(BUILT_STAMP, `${new Date().toISOString()}\n`);
