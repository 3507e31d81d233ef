// Slash-command registration data for `/papers`, generated from the core's command table.
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandOption, CommandSpec } from "../../src/chat/port.js";
import { DISCORD_LIMITS as L } from "./limits.js";
import { truncate } from "./safe-text.js";

export const COMMAND_NAME = "papers";

/**
 * `/papers` with one subcommand per spec. Guild-only: every save, digest and subscription is scoped to a
 * server, so the command is not offered in DMs.
 */
export function commandData(specs: readonly CommandSpec[]): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: COMMAND_NAME,
    description: "Research papers: search, daily digests and your team's saves.",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: specs.slice(0, L.commandOptions).map(subcommand),
  };
}

function subcommand(spec: CommandSpec): APIApplicationCommandSubcommandOption {
  // Discord refuses a required option after an optional one; the spec order still drives the command text.
  const options = [...spec.options].sort((a, b) => Number(!!b.required) - Number(!!a.required));
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: commandName(spec.name),
    description: truncate(spec.summary, L.commandDescription),
    options: options.slice(0, L.commandOptions).map(option),
  };
}

function option(spec: CommandOption): APIApplicationCommandBasicOption {
  const base = {
    name: commandName(spec.name),
    description: truncate(spec.description, L.commandDescription),
    required: spec.required ?? false,
  };
  if (spec.type === "integer") {
    return { ...base, type: ApplicationCommandOptionType.Integer, autocomplete: false };
  }
  // Discord takes either fixed choices or autocomplete on an option, not both; choices win.
  if (spec.choices && spec.choices.length > 0) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: spec.choices.slice(0, L.commandChoices).map((c) => ({
        name: truncate(c, L.choiceName),
        value: c.slice(0, L.choiceValue),
      })),
    };
  }
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    autocomplete: spec.autocomplete !== undefined,
  };
}

/** Discord command and option names: lowercase, 1–32 of letters, digits, `-` and `_`. */
export function commandName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^-_\p{L}\p{N}]/gu, "-")
    .slice(0, L.commandName);
}
