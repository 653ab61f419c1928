import * as path from 'node:path';
import * as vscode from 'vscode';
import { listEnvironments, resolveEnvironment, type EnvironmentSources, type ResolvedEnvironment } from '../../core/http/variables/environments';
import { candidateDirs, mergeEnvironmentObjects } from './environmentLookup';

const STATE_KEY = 'apihook.environment.current';
const ENV_FILES = '**/{http-client.env.json,http-client.private.env.json}';
const EXCLUDE = '**/{node_modules,.git}/**';

const instances = new WeakMap<vscode.ExtensionContext, EnvironmentService>();

/**
 * The selected environment (http-client.env.json files, `apihook.environment.variables`,
 * `rest-client.environmentVariables`), persisted per workspace. One instance per extension context:
 * every feature gets it with `EnvironmentService.for(context)`.
 *
 * Stable API for other features: `current`, `onDidChange`, `list()`, `select(name)`,
 * `sourcesFor(uri)` and `resolve(uri)`.
 */
export class EnvironmentService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  private readonly listChanged = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.listChanged, this.listChanged.event(() => this.sources.clear())];
  /**
   * Sources per .http folder: read once, dropped when an env file, a .env file or an environment
   * setting changes (diagnostics, completion and hovers ask on every keystroke).
   */
  private readonly sources = new Map<string, Promise<EnvironmentSources>>();
  private watcher: vscode.FileSystemWatcher | undefined;

  /** Fires with the new environment name (undefined: none) when the selection changes. */
  readonly onDidChange: vscode.Event<string | undefined> = this.changed.event;
  /** Fires when an env file or an environment setting changed (the list or the values may differ). */
  readonly onDidChangeEnvironments: vscode.Event<void> = this.listChanged.event;

  /** The one service of this extension context; created on first use and disposed with the context. */
  static for(context: vscode.ExtensionContext): EnvironmentService {
    let s = instances.get(context);
    if (!s) {
      s = new EnvironmentService(context.workspaceState);
      instances.set(context, s);
      context.subscriptions.push(s);
    }
    return s;
  }

  private constructor(private readonly state: vscode.Memento) {
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('apihook.environment.variables') || e.affectsConfiguration('rest-client.environmentVariables')) this.listChanged.fire();
    }));
  }

  /** The selected environment's name, or undefined when none is selected. */
  get current(): string | undefined {
    return this.state.get<string>(STATE_KEY) || undefined;
  }

  /** Selects an environment (undefined: none); persisted in the workspace state. */
  async select(name: string | undefined): Promise<void> {
    const next = name || undefined;
    if (next === this.current) return;
    await this.state.update(STATE_KEY, next);
    this.changed.fire(next);
  }

  /** Every environment name defined in the workspace's env files and in the settings, sorted. */
  async list(): Promise<string[]> {
    this.watch();
    const files = await vscode.workspace.findFiles(ENV_FILES, EXCLUDE, 200);
    const names = new Set<string>();
    const settings = settingsEnvironments();
    for (const n of listEnvironments({ restClient: settings }).names) names.add(n);
    for (const f of files) {
      const text = await readText(f);
      const isPrivate = f.path.endsWith('.private.env.json');
      for (const n of listEnvironments(isPrivate ? { jetbrainsPrivate: text } : { jetbrainsPublic: text }).names) names.add(n);
    }
    return [...names].sort((a, b) => a.localeCompare(b));
  }

  /**
   * What the resolver needs for a document: the env files of the nearest folder (from the document's
   * folder up to its workspace folder) that has one, the `.env` of that folder or the workspace
   * folder, and the settings.
   */
  async sourcesFor(uri: vscode.Uri | undefined): Promise<EnvironmentSources> {
    this.watch();
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    const dir = uri && uri.scheme === 'file' ? path.dirname(uri.fsPath) : undefined;
    const key = `${dir ?? ''}\n${folder?.uri.fsPath ?? ''}`;
    let found = this.sources.get(key);
    if (!found) {
      found = this.readSources(candidateDirs(dir, folder?.uri.fsPath));
      this.sources.set(key, found);
      found.catch(() => this.sources.delete(key));
    }
    return found;
  }

  private async readSources(dirs: string[]): Promise<EnvironmentSources> {
    const sources: EnvironmentSources = { restClient: settingsEnvironments() };
    for (const dir of dirs) {
      const pub = await readText(vscode.Uri.file(path.join(dir, 'http-client.env.json')));
      const priv = await readText(vscode.Uri.file(path.join(dir, 'http-client.private.env.json')));
      if (pub !== undefined || priv !== undefined) {
        sources.jetbrainsPublic = pub;
        sources.jetbrainsPrivate = priv;
        break;
      }
    }
    for (const dir of dirs) {
      const dotenv = await readText(vscode.Uri.file(path.join(dir, '.env')));
      if (dotenv !== undefined) { sources.dotenv = dotenv; break; }
    }
    return sources;
  }

  /** The variables of the current environment for a document, each with where it came from. */
  async resolve(uri: vscode.Uri | undefined): Promise<ResolvedEnvironment> {
    return resolveEnvironment(await this.sourcesFor(uri), this.current).environment;
  }

  private watch(): void {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(ENV_FILES);
    const dotenv = vscode.workspace.createFileSystemWatcher('**/.env');
    const fire = () => this.listChanged.fire();
    this.disposables.push(this.watcher, dotenv);
    for (const w of [this.watcher, dotenv]) this.disposables.push(w.onDidChange(fire), w.onDidCreate(fire), w.onDidDelete(fire));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** REST Client-style environments from the settings: `rest-client.environmentVariables` overlaid with `apihook.environment.variables`. */
export function settingsEnvironments(): Record<string, unknown> {
  const rc = vscode.workspace.getConfiguration('rest-client').get<Record<string, unknown>>('environmentVariables') ?? {};
  const own = vscode.workspace.getConfiguration('apihook.environment').get<Record<string, unknown>>('variables') ?? {};
  return mergeEnvironmentObjects(rc, own);
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
