// The /papers registration data: generated from the command table, and valid as Discord checks it.
import { ApplicationCommandOptionType as T } from "discord.js";
import { describe, expect, it } from "vitest";
import { commandData } from "../../../adapters/discord/commands.js";
import { DISCORD_LIMITS as L } from "../../../adapters/discord/limits.js";
import { COMMAND_SPECS } from "../../../src/chat/command-specs.js";

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

describe("commandData", () => {
  const data = commandData(COMMAND_SPECS);
  const subs = data.options ?? [];

  it("is /papers with one subcommand per spec, guild-only", () => {
    expect(data.name).toBe("papers");
    expect(data.contexts).toEqual([0]);
    expect(subs.map((s) => s.name)).toEqual(COMMAND_SPECS.map((s) => s.name));
    expect(subs.every((s) => s.type === T.Subcommand)).toBe(true);
  });

  it("types options, with choices and autocomplete from the specs", () => {
    const digest = subs.find((s) => s.name === "digest");
    const options = digest && "options" in digest ? (digest.options ?? []) : [];
    expect(options.map((o) => o.name)).toEqual(["action", "time", "timezone", "topics", "weekday"]);
    expect(options[0]).toMatchObject({
      type: T.String,
      required: true,
      choices: [
        { name: "on", value: "on" },
        { name: "off", value: "off" },
        { name: "status", value: "status" },
        { name: "size", value: "size" },
        { name: "weekly", value: "weekly" },
      ],
    });
    expect(options[2]).toMatchObject({ type: T.String, required: false, autocomplete: true });
    const show = subs.find((s) => s.name === "show");
    expect(show && "options" in show ? show.options?.[0] : undefined).toMatchObject({
      name: "id",
      required: true,
      autocomplete: true,
    });
  });

  it("keeps within Discord's rules: names, description lengths, required before optional, counts", () => {
    expect(data.description.length).toBeLessThanOrEqual(L.commandDescription);
    expect(subs.length).toBeLessThanOrEqual(L.commandOptions);
    for (const sub of subs) {
      expect(sub.name).toMatch(NAME);
      expect(sub.description.length).toBeGreaterThan(0);
      expect(sub.description.length).toBeLessThanOrEqual(L.commandDescription);
      const options = "options" in sub ? (sub.options ?? []) : [];
      const required = options.map((o) => ("required" in o && o.required) === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const o of options) {
        expect(o.name).toMatch(NAME);
        expect(o.description.length).toBeLessThanOrEqual(L.commandDescription);
        const hasChoices = "choices" in o && (o.choices?.length ?? 0) > 0;
        const hasAutocomplete = "autocomplete" in o && o.autocomplete === true;
        expect(hasChoices && hasAutocomplete).toBe(false);
      }
    }
  });
});
