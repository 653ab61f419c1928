import * as vscode from 'vscode';
import type { CommandId } from './ids';
import { withErrorBoundary } from './errorBoundary';

export type CommandHandlers = { [K in CommandId]: (...args: never[]) => unknown };

/** Registers one handler per contributed command, each behind the error boundary. */
export function registerCommands(handlers: CommandHandlers, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return (Object.keys(handlers) as CommandId[]).map((id) =>
    vscode.commands.registerCommand(id, withErrorBoundary(id, log, handlers[id] as (...a: unknown[]) => unknown)),
  );
}
