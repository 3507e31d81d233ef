// The Store contract against the default store: lowdb files in a data directory, locked and fsync'd.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LowStore } from "../../src/store/low-store.js";
import { storeContract } from "./contract.js";

storeContract("lowdb files", async () => {
  const dir = await mkdtemp(join(tmpdir(), "paperbot-contract-"));
  return { store: await LowStore.openDirectory(dir), reopen: () => LowStore.openDirectory(dir) };
});
