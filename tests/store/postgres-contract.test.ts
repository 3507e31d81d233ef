// The Store contract against PostgreSQL: a throwaway cluster on 127.0.0.1, a fresh database per test.
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { PgStore } from "../../src/store/postgres/pg-store.js";
import { postgresAvailable, startTestPostgres, type TestPostgres } from "../helpers/postgres.js";
import { storeContract } from "./contract.js";

describe.runIf(postgresAvailable())("PostgreSQL", () => {
  let server: TestPostgres;
  let databases = 0;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  storeContract("PostgreSQL", async () => {
    const name = `contract_${++databases}`;
    const admin = new pg.Client(server.url);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = server.url.replace(/\/postgres$/, `/${name}`);
    return { store: await PgStore.open(url, { pollMs: 0 }), reopen: () => PgStore.open(url, { pollMs: 0 }) };
  });
});
