// A daily token allowance per workspace, so one busy team (or a loop) cannot run up the model bill.

/** Characters per token, roughly, for English and most European text: enough to refuse early. */
const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** The UTC day an instant falls on: budgets reset at midnight UTC. */
function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Counts tokens spent per workspace and UTC day, in memory (a restart forgets the day's spending; the
 * server's own limits still hold). A budget of 0 means no limit.
 */
export class TokenBudget {
  private day = "";
  private readonly spent = new Map<string, number>();

  constructor(private readonly dailyLimit: number) {}

  private roll(now: Date): void {
    const today = dayOf(now);
    if (today !== this.day) {
      this.day = today;
      this.spent.clear();
    }
  }

  /** Whether `tokens` more fit in `workspace`'s budget today. */
  allows(workspace: string, tokens: number, now: Date): boolean {
    this.roll(now);
    if (this.dailyLimit === 0) return true;
    return (this.spent.get(workspace) ?? 0) + tokens <= this.dailyLimit;
  }

  spend(workspace: string, tokens: number, now: Date): void {
    this.roll(now);
    this.spent.set(workspace, (this.spent.get(workspace) ?? 0) + tokens);
  }

  spentToday(workspace: string, now: Date): number {
    this.roll(now);
    return this.spent.get(workspace) ?? 0;
  }
}
