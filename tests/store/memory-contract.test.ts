// The Store contract against the in-memory lowdb store the tests use.
import { LowStore } from "../../src/store/low-store.js";
import { storeContract } from "./contract.js";

storeContract("in memory", async () => ({ store: await LowStore.inMemory() }));
