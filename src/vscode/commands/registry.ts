import * as vscode from 'vscode';
import { withErrorBoundary } from './errorBoundary';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => unknown;

/**
 * Registers one handler per id of a feature's id set, each behind the error boundary. The mapped
 * type makes a missing handler a compile error.
 */
export function registerCommands<Ids extends Record<string, string>>(
  _ids: Ids,
  handlers: { [K in Ids[keyof Ids]]: Handler },
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  return (Object.keys(handlers) as Array<Ids[keyof Ids]>).map((id) =>
    vscode.commands.registerCommand(id, withErrorBoundary(id, log, handlers[id])),
  );
}
