// PAPERBOT_STORE_URL selects PostgreSQL; a malformed one is refused without repeating it (it may hold a password).
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("PAPERBOT_STORE_URL", () => {
  it("is unset by default: the store is lowdb files in the data directory", () => {
    expect(loadConfig({ env: {} }).secrets.storeUrl).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    for (const url of ["postgres://u:p@db:5432/paperbot", "postgresql://db/paperbot"]) {
      expect(loadConfig({ env: { PAPERBOT_STORE_URL: url } }).secrets.storeUrl).toBe(url);
    }
  });

  it("refuses anything else, naming the variable and not its value", () => {
    const error = (() => {
      try {
        loadConfig({ env: { PAPERBOT_STORE_URL: "mysql://root:s3cret@db/paperbot" } });
      } catch (e) {
        return e as Error & { hint?: string };
      }
    })();
    expect(error?.message).toMatch(/PAPERBOT_STORE_URL must be a PostgreSQL connection URL/);
    expect(`${error?.message} ${error?.hint}`).not.toMatch(/s3cret/);
  });
});
