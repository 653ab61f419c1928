/** Running .http files: the runner, its ports, results, and the pieces the editor and the CLI share. */
export { HttpFileRunner, RequestNotFoundError, labelOf, type RunOptions, type RunnerServices } from './runner';
export type { NamedExchange, RequestResolver, RequestSender, ResolveInput, RunnerHost, RunSendOptions } from './ports';
export { countResults, requestPassed, type FileResult, type RequestResult, type RunCounts, type RunEvent } from './results';
export { createResolver, type ResolverSettings } from './resolverAdapter';
export { findEnvironmentSources, type FoundSources } from './environmentFiles';
export { expandFileArgs, globToRegExp } from './fileGlob';
export { GlobalStore, type GlobalVariables } from '../scripts/globalStore';
export type { AssertionResult } from '../assert/evaluate';
export type { TestResult } from '../scripts/clientApi';
export type { ScriptOutcome } from '../scripts/runScripts';
