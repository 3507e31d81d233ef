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

/** What a budget keeps between starts: the UTC day and the tokens each workspace spent on it. */
export interface BudgetData {
  day: string;
  spent: Record<string, number>;
}

/**
 * Counts tokens spent per workspace and UTC day. A budget of 0 means no limit. With `persist`, every
 * spend is written (a file in the data directory), so a restart does not hand a workspace a fresh day.
 */
export class TokenBudget {
  private day = "";
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly dailyLimit: number,
    initial?: BudgetData,
    private readonly persist?: (data: BudgetData) => Promise<void>,
  ) {
    if (initial) {
      this.day = initial.day;
      for (const [workspace, tokens] of Object.entries(initial.spent))
        if (Number.isFinite(tokens) && tokens > 0) this.spent.set(workspace, tokens);
    }
  }

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

  /** Counts the tokens; resolves once they are persisted (a failed write is the caller's to log). */
  spend(workspace: string, tokens: number, now: Date): Promise<void> {
    this.roll(now);
    this.spent.set(workspace, (this.spent.get(workspace) ?? 0) + tokens);
    return this.persist ? this.persist(this.snapshot()) : Promise.resolve();
  }

  spentToday(workspace: string, now: Date): number {
    this.roll(now);
    return this.spent.get(workspace) ?? 0;
  }

  snapshot(): BudgetData {
    return { day: this.day, spent: Object.fromEntries(this.spent) };
  }
}
