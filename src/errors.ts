// Typed errors: a UserError is the user's to fix and carries what to do; anything else is ours.

export class UserError extends Error {
  /** A stable identifier, for tests and logs. */
  readonly code: string;
  /** What the user can do about it, in a sentence. */
  readonly hint: string | undefined;

  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.hint = hint;
  }

  /** The message and the hint, as a person reads them. */
  describe(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
