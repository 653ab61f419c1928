/**
 * An error meant for a person: `message` says what happened in a plain sentence, `hint` what to do
 * about it (often the setting to change), `code` a stable id for tests and docs.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

/** The one sentence shown for any failure: a UserFacingError's text and hint, or the raw error's message. */
export function describeError(err: unknown): { message: string; hint?: string; code?: string } {
  if (isUserFacingError(err)) return { message: err.message, hint: err.hint, code: err.code };
  if (err instanceof Error) return { message: err.message || err.name };
  return { message: String(err) };
}

/**
 * True for a UserFacingError, also one made by another copy of this module (the extension loads the
 * network engine as a separate bundle, see scripts/build.mjs), where `instanceof` cannot tell.
 */
export function isUserFacingError(err: unknown): err is UserFacingError {
  return err instanceof UserFacingError || (err instanceof Error && err.name === 'UserFacingError' && typeof (err as UserFacingError).code === 'string');
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR');
}
