import * as vscode from 'vscode';
import { describeError, isAbortError } from '../../core/common/errors';

/**
 * The one error boundary for every command: a failure becomes a notification that says what
 * happened and what to do, with "Show Log", and the whole error goes to the log.
 */
export function withErrorBoundary<A extends unknown[], R>(
  commandId: string,
  log: vscode.LogOutputChannel,
  fn: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (isAbortError(err)) {
        log.info(`${commandId}: cancelled`);
        return undefined;
      }
      const { message, hint } = describeError(err);
      log.error(`${commandId} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      const text = hint ? `ApiHook: ${message} ${hint}` : `ApiHook: ${message}`;
      void vscode.window.showErrorMessage(text, 'Show Log').then((pick) => {
        if (pick === 'Show Log') log.show(true);
      });
      return undefined;
    }
  };
}
