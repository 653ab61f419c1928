/**
 * The runner's `RequestResolver` for the editor, built on the variables module (`resolveRequest`):
 * system variables, environments with `.env`, `# @prompt`, and chaining from the responses of this run.
 * No `vscode` import (the prompt comes in as a function); unit-tested in plain Node.
 *
 * Adapter note: the runner's own `createResolver` only knows environment/--var values, so the editor
 * uses this one. Script variables (`request.variables.set`) and `client.global` are handed to the
 * variables module as prompt answers, which it looks up first.
 */
import * as path from 'node:path';
import { UserFacingError } from '../../core/common/errors';
import type { OutgoingRequest } from '../../core/http/model';
import type { RequestResolver, ResolveInput } from '../../core/http/run/ports';
import { createNodeVariableHost, resolveRequest, VariableResolver, type ResolvedEnvironment, type VariableHost } from '../../core/http/variables';

export interface EditorResolverOptions {
  environment: ResolvedEnvironment;
  /** asks for a `# @prompt` value; undefined when cancelled */
  prompt?: VariableHost['prompt'];
  env?: NodeJS.ProcessEnv;
}

function hostFor(input: ResolveInput, opts: EditorResolverOptions): VariableHost {
  const host = createNodeVariableHost({
    baseDir: path.dirname(input.filePath),
    env: opts.env,
    getResponse: (name) => input.responses.get(name)?.response,
  });
  return opts.prompt ? { ...host, prompt: opts.prompt } : host;
}

function knownValues(input: ResolveInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of input.globals.entries()) out[k] = v;
  for (const [k, v] of input.requestVariables) out[k] = v;
  return out;
}

export function createEditorResolver(opts: EditorResolverOptions): RequestResolver {
  return {
    environmentValue: (name) => opts.environment.variables.get(name)?.value,
    async substitute(text, input) {
      const r = new VariableResolver({ document: input.document, environment: opts.environment, host: hostFor(input, opts), prompts: knownValues(input) });
      return r.substitute(text, input.block.requestLine);
    },
    async resolve(input): Promise<OutgoingRequest> {
      const result = await resolveRequest(input.document, input.block, {
        environment: opts.environment,
        host: hostFor(input, opts),
        prompts: knownValues(input),
      });
      if (!result.ok) {
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        const first = errors[0]!;
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
        throw new UserFacingError(`${first.message} (line ${first.line + 1})${more}.`, first.code,
          opts.environment.name ? undefined : 'Pick an environment with "ApiHook: Switch Environment" if the variable comes from http-client.env.json.');
      }
      return result.request;
    },
  };
}
