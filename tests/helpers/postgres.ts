// Test helper: a throwaway PostgreSQL cluster on 127.0.0.1 for the tests that need one, started from the
// machine's PostgreSQL binaries (installed from Debian's packages by .ci/run, or by this helper when root).
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface TestPostgres {
  /** A connection URL for a superuser on a fresh cluster. */
  url: string;
  stop(): Promise<void>;
}

function binDir(): string | undefined {
  const fromConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (fromConfig.status === 0 && existsSync(join(fromConfig.stdout.trim(), "initdb")))
    return fromConfig.stdout.trim();
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, "bin")).find((dir) => existsSync(join(dir, "initdb")));
}

/** Installs PostgreSQL from Debian's packages when it is missing and we may (root, apt, not opted out). */
function installIfMissing(): string | undefined {
  const found = binDir();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || process.env.PAPERBOT_INSTALL_POSTGRES === "0" || !existsSync("/usr/bin/apt-get"))
    return undefined;
  execFileSync("apt-get", ["update", "-qq"], { stdio: "ignore" });
  execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], {
    stdio: "ignore",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return binDir();
}

/** Whether tests can have a PostgreSQL here; in CI its absence is an error, not a skip. */
export function postgresAvailable(): boolean {
  const available = installIfMissing() !== undefined;
  if (!available && process.env.CI)
    throw new Error("PostgreSQL is needed by the tests and could not be installed");
  return available;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a cluster. Tests trade durability for speed (`fsync=off`); `durable: true` keeps PostgreSQL's
 * defaults (fsync, synchronous commit), for measuring what an acknowledged write costs.
 */
export async function startTestPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = installIfMissing();
  if (!bin) throw new Error("no PostgreSQL binaries (install the postgresql package)");
  const dir = mkdtempSync(join(tmpdir(), "paperbot-pg-"));
  const data = join(dir, "data");
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync("id", ["-u", "postgres"]).toString()),
      Number(execFileSync("id", ["-g", "postgres"]).toString()),
    );
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", join(bin, command), ...args], { stdio: "pipe" })
      : execFileSync(join(bin, command), args, { stdio: "pipe" });
  run("initdb", ["-D", data, "-A", "trust", "-U", "paperbot", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} ${options.durable ? "" : "-c fsync=off "}-c max_connections=200`;
  run("pg_ctl", ["-D", data, "-o", serverOptions, "-l", join(dir, "log"), "-w", "start"]);
  return {
    url: `postgres://paperbot@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A new, empty database `name` on the cluster, for one test's stores; its connection URL. */
export async function createDatabase(server: TestPostgres, name: string): Promise<string> {
  const admin = new pg.Client(server.url);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return server.url.replace(/\/postgres$/, `/${name}`);
}
