// End to end over HTTP: signed `/papers search` requests into the real app's Bolt receiver, answers timed at a fake Slack.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { INDEX_FILE_NAME } from "../../src/search/paper-search.js";
import { PAPER_VECTORS_FILE_NAME } from "../../src/search/paper-vectors-file.js";
import { freePort } from "../../tests/app/app-harness.js";
import { sign, slashCommandBody } from "../../tests/fakes/slack-requests.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { copyOfFixture, corpusFixture, fixtureIndexFile, fixtureVectorsFile } from "../fixture.js";
import { generateQueries } from "../queries.js";
import { resultBlocks, startSlackFake } from "../slack-fake.js";
import { percentile } from "../stats.js";

const SECRET = "bench-signing-secret";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "20" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
  },
  strict: false,
});

async function waitForHealth(url: string, app: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode} before it was ready`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app was not ready within ${timeoutMs / 1000} s`);
}

/** CPU seconds (user + system) process `pid` has used so far, from /proc; undefined where there is none. */
async function cpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // After "(command)": state is field 3, utime and stime are fields 14 and 15, in clock ticks (100 a second).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Waits until the app has finished its start's background work: healthy is not idle. The key phrase model
 * counts its sample of 10,000 stored papers in 8 ms slices after the app is up (~10 s of CPU at 10k and 100k
 * papers), which would otherwise share the measured 20 s with the load. Quiet is under 10% of a core for a
 * second; returns the seconds waited (0 where /proc is missing).
 */
async function waitForQuiet(pid: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last = await cpuSeconds(pid);
  let quietWindows = 0;
  while (last !== undefined && quietWindows < 2 && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await cpuSeconds(pid);
    if (now === undefined) break;
    quietWindows = now - last < 0.05 ? quietWindows + 1 : 0;
    last = now;
  }
  return (Date.now() - started) / 1000;
}

export const measure: Measure = async ({ size, smoke }) => {
  const connections = Number(values.connections);
  const seconds = smoke ? 1 : Number(values.seconds);
  const warmup = smoke ? 0 : Number(values.warmup);
  const queries = generateQueries(await loadPapers(size), 500);
  const dir = await copyOfFixture(size);
  // The index and vectors files prepare-index wrote (named by format version), so the app restarts
  // instead of re-indexing: the load measures answers, not a first start.
  const fixture = await corpusFixture(size);
  await copyFile(fixtureIndexFile(fixture), join(dir, INDEX_FILE_NAME)).catch(() => undefined);
  await copyFile(fixtureVectorsFile(fixture), join(dir, PAPER_VECTORS_FILE_NAME)).catch(() => undefined);
  const config = join(dir, "bench-settings.json");
  // Nothing leaves 127.0.0.1. BENCH_SEARCH_THREAD=never|always compares search on the main thread with its own.
  const searchThread = process.env.BENCH_SEARCH_THREAD ?? "auto";
  await writeFile(config, JSON.stringify({ sources: [], searchThread }));
  const fake = await startSlackFake();
  const port = await freePort();
  // The app runs in its own process, as in production; this process is Slack (the fake) and the load.
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const app = spawn(process.execPath, [...nodeArgs, "--import", "tsx/esm", "adapters/main.ts", "start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: "xoxb-bench-token",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      PAPERBOT_DATA_DIR: dir,
      PAPERBOT_CONFIG: config,
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, app, 300_000);
    const settleS = app.pid === undefined || smoke ? 0 : await waitForQuiet(app.pid, 120_000);
    let next = 0;
    const sent = new Map<string, number>();
    // Answers that came in the command's acknowledgement (the bot's quick private replies), stamped as
    // the fake stamps those sent to response_url: when they arrive, counting their result blocks.
    const inline = new Map<string, { at: number; blocks: number }>();
    // Each connection's last command: in flight when autocannon closed the connection at the end, so an
    // answer in its acknowledgement was never read. Not counted as unanswered.
    const lastOnConnection = new Map<object, string>();
    const request = (measured: boolean) => ({
      method: "POST" as const,
      path: "/slack/events",
      onResponse: (_status: number, body: string, context: { id?: string }) => {
        if (!measured || context.id === undefined || body.length === 0) return;
        inline.set(context.id, { at: performance.now(), blocks: resultBlocks(body) });
      },
      setupRequest: (req: Record<string, unknown>, context: { id?: string }) => {
        const id = `${measured ? "m" : "w"}${next++}`;
        context.id = id;
        if (measured) lastOnConnection.set(context, id);
        const body = slashCommandBody({
          text: `search ${queries[next % queries.length]}`,
          responseUrl: fake.responseUrl(id),
        });
        const timestamp = Math.floor(Date.now() / 1000);
        if (measured) sent.set(id, performance.now());
        return {
          ...req,
          body,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": String(timestamp),
            "x-slack-signature": sign(SECRET, timestamp, body),
          },
        };
      },
    });
    const run = (duration: number, measured: boolean) =>
      autocannon({ url, connections, duration, requests: [request(measured)], timeout: 10 });
    if (warmup > 0) await run(warmup, false);
    // CPU per request is steadier than latency on a shared machine: it does not count time spent waiting for a core.
    const appCpuBefore = app.pid === undefined ? undefined : await cpuSeconds(app.pid);
    const loadCpuBefore = process.cpuUsage();
    const result = await run(seconds, true);
    const appCpuAfter = app.pid === undefined ? undefined : await cpuSeconds(app.pid);
    const loadCpu = process.cpuUsage(loadCpuBefore);
    // Answers still on their way when the load stopped get a few seconds to arrive.
    const deadline = Date.now() + 10_000;
    const arrivalOf = (id: string) => inline.get(id) ?? fake.arrivals.get(id);
    while (Date.now() < deadline && [...sent.keys()].some((id) => !arrivalOf(id))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cutOff = new Set(lastOnConnection.values());
    const latencies: number[] = [];
    let answeredWithResults = 0;
    for (const [id, at] of sent) {
      const arrival = arrivalOf(id);
      if (!arrival) continue;
      latencies.push(arrival.at - at);
      if (arrival.blocks > 0) answeredWithResults++;
    }
    return {
      connections,
      seconds,
      requestsPerS: result.requests.average,
      requests: result.requests.total,
      ackP50: result.latency.p50,
      ackP99: result.latency.p99,
      e2eP50: percentile(latencies, 0.5),
      e2eP99: percentile(latencies, 0.99),
      answered: latencies.length,
      answeredInAck: [...sent.keys()].filter((id) => inline.has(id)).length,
      answeredWithResults,
      unanswered: [...sent.keys()].filter((id) => !arrivalOf(id) && !cutOff.has(id)).length,
      errors: result.errors + result.timeouts + result.non2xx,
      settleS,
      appCpuMsPerRequest:
        appCpuBefore === undefined || appCpuAfter === undefined
          ? -1
          : ((appCpuAfter - appCpuBefore) * 1000) / Math.max(1, result.requests.total),
      loadCpuMsPerRequest: (loadCpu.user + loadCpu.system) / 1000 / Math.max(1, result.requests.total),
    };
  } finally {
    app.kill("SIGTERM");
    await fake.close();
  }
};

runChild(measure, import.meta.url);
