export type PatternErrorCode = 'invalid-request' | 'over-budget' | 'cancelled' | 'worker-failed';

/** A request the engine refuses, with a message a user can read. Never thrown for a valid request. */
export class PatternError extends Error {
  readonly code: PatternErrorCode;
  constructor(code: PatternErrorCode, message: string) {
    super(message);
    this.name = 'PatternError';
    this.code = code;
  }
}

export function isPatternError(e: unknown): e is PatternError {
  return e instanceof Error && e.name === 'PatternError' && typeof (e as PatternError).code === 'string';
}
