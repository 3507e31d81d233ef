// Issue 21.2: signed request bodies that are not objects (`null`, `payload=null`, numbers, lists) get a 400 from
// the real Bolt app and break nothing: no unhandled rejection, and the next real command is served.
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isObjectBody } from "../../adapters/slack/body-guard.js";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/index.js";
import { slackReplies } from "../adapters/slack/canned-replies.js";
import { createFakeBot, type FakeBot } from "../fakes/fake-bot.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { localAdapterOptions, sendSigned, slashCommandBody } from "../fakes/slack-requests.js";
import { fuzzRuns } from "./stress.js";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

/** The bodies the attack sent, and their kin: each parses to something that is not an object. */
const HOSTILE: [string, string][] = [
  ["null", JSON_TYPE],
  ["5", JSON_TYPE],
  ['"text"', JSON_TYPE],
  ["[]", JSON_TYPE],
  ["true", JSON_TYPE],
  ["payload=null", FORM],
  ["payload=5", FORM],
  ["payload=%5B%5D", FORM],
  ["payload=%22x%22", FORM],
];

let api: FakeSlackApi;
let adapter: SlackAdapter;
let bot: FakeBot;
const unhandled: unknown[] = [];
const noteUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  api = await startFakeSlackApi();
  process.on("unhandledRejection", noteUnhandled);
});
afterAll(async () => {
  process.off("unhandledRejection", noteUnhandled);
  await api.close();
});

describe("the Slack HTTP receiver and bodies that are not objects", () => {
  beforeEach(async () => {
    unhandled.length = 0;
    bot = createFakeBot(slackReplies);
    adapter = createSlackAdapter({
      botToken: "xoxb-test-token",
      ...localAdapterOptions(api),
      processBeforeResponse: true,
    });
    await adapter.start(bot);
  });
  afterEach(async () => {
    await adapter.stop();
  });

  it.each(HOSTILE)(
    "refuses the signed body %s with a 400, and no promise is left failing",
    async (body, type) => {
      const res = await sendSigned(`${adapter.url}/slack/events`, body, type);
      expect(res.status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(bot.events).toEqual([]);
    },
  );

  it("still serves a real slash command after a storm of them", async () => {
    for (const [body, type] of HOSTILE) await sendSigned(`${adapter.url}/slack/events`, body, type);
    const res = await sendSigned(
      `${adapter.url}/slack/events`,
      slashCommandBody({ text: "help", responseUrl: api.responseUrl("after-storm") }),
      FORM,
    );
    expect(res.status).toBe(200);
    await adapter.idle();
    expect(bot.events.map((e) => e.type)).toEqual(["command"]);
    expect(unhandled).toEqual([]);
  });

  it("still checks signatures and Slack's own checks on object bodies", async () => {
    const forged = await sendSigned(`${adapter.url}/slack/events`, '{"type":"event_callback"}', JSON_TYPE, {
      secret: "not-the-secret",
    });
    expect(forged.status).toBe(401);
    const challenge = await sendSigned(
      `${adapter.url}/slack/events`,
      '{"type":"url_verification","challenge":"abc"}',
      JSON_TYPE,
    );
    expect(challenge.status).toBe(200);
    expect(await challenge.text()).toContain("abc");
    const ssl = await fetch(`${adapter.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": FORM },
      body: "ssl_check=1&token=x",
    });
    expect(ssl.status).toBe(200);
  });

  it("refuses a body over Bolt's limit with a 413", async () => {
    const res = await sendSigned(
      `${adapter.url}/slack/events`,
      `{"a":"${"x".repeat(4 * 1024 * 1024)}"}`,
      JSON_TYPE,
    );
    expect(res.status).toBe(413);
  });
});

describe("isObjectBody reads a body as Bolt does", () => {
  it("is true exactly for JSON objects, in a JSON body or a form's payload field", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
        expect(isObjectBody(text, JSON_TYPE)).toBe(isObject);
        expect(isObjectBody(new URLSearchParams({ payload: text }).toString(), FORM)).toBe(isObject);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it("takes a form without payload (a slash command) as the object it is, and never throws on junk", () => {
    expect(isObjectBody("command=%2Fpapers&text=help", FORM)).toBe(true);
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(JSON_TYPE, FORM, undefined), (raw, type) => {
        expect(typeof isObjectBody(raw, type)).toBe("boolean");
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
