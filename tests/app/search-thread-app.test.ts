// `paperbot start` with search on a thread of its own (forced by the setting, as over 5,000 papers): Slack's /papers search through the real worker, and a clean stop.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isUserError } from "../../src/errors.js";
import { parseQuery } from "../../src/search/query.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { SIGNING_SECRET, sendSigned, slashCommandBody } from "../fakes/slack-requests.js";
import { freePort, type RunningApp, startApp, tempDataDir, waitUntil } from "./app-harness.js";

let app: RunningApp | undefined;
let slack: FakeSlackApi | undefined;
afterEach(async () => {
  await app?.stop();
  await slack?.close();
  app = undefined;
  slack = undefined;
});

const BAD_QUERY = "since:yesterday-ish";

describe("paperbot start with search on its own thread", () => {
  it("answers /papers search from the thread, refuses a bad query as before, and stops", async () => {
    slack = await startFakeSlackApi();
    const dir = await tempDataDir();
    const settings = join(dir, "settings.json");
    await writeFile(settings, JSON.stringify({ searchThread: "always" }));
    const port = await freePort();
    app = startApp(
      {
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        PAPERBOT_CONFIG: settings,
      },
      dir,
    );
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${url}/healthz`)).ok, "the Slack receiver", 60_000);
    const form = "application/x-www-form-urlencoded";
    const ask = async (id: string, text: string) => {
      const sent = await sendSigned(
        `${url}/slack/events`,
        slashCommandBody({ text, responseUrl: slack?.responseUrl(id) as string }),
        form,
      );
      expect(sent.status).toBe(200);
      await slack?.waitFor(() => slack?.responses.some((r) => r.id === id) ?? false, 10_000);
      return slack?.responses.find((r) => r.id === id)?.body as { text: string; blocks?: { type: string }[] };
    };

    const results = await ask("s1", "search model merging");
    expect(results.text).toMatch(/Papers for "model merging"/);
    expect(results.blocks?.filter((b) => b.type === "section").length).toBeGreaterThanOrEqual(5);

    const refusal = (() => {
      try {
        parseQuery(BAD_QUERY);
      } catch (error) {
        return isUserError(error) ? error : undefined;
      }
      return undefined;
    })();
    expect(refusal).toBeDefined();
    const refused = await ask("s2", `search ${BAD_QUERY}`);
    expect(refused.text).toContain(refusal?.message);

    // The stop path ends the thread: the app's run resolves.
    await app.stop();
    app = undefined;
  }, 90_000);
});
