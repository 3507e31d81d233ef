// Test helper: runs the paperbot CLI in process with a given environment and clock, capturing what it prints.
import { type CliIo, runCli } from "../../src/cli.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliCaptured(
  args: string[],
  env: Record<string, string>,
  now: Date,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    now: () => now,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
