import * as path from 'node:path';
import { createNodeVariableHost, resolveRequest, VariableResolver, type ResolvedEnvironment } from '../variables';
import type { OutgoingRequest } from '../model';
import type { RequestResolver, ResolveInput } from './ports';

export interface ResolverSettings {
  /** the selected environment for a .http file (files in different folders may have different ones) */
  environmentFor: (filePath: string) => ResolvedEnvironment | undefined;
  /** `--var k=v` overrides: win over file variables and the environment */
  variables: Record<string, string>;
  /** process environment for `{{$processEnv X}}`; default process.env */
  processEnv?: NodeJS.ProcessEnv;
}

/**
 * The runner's RequestResolver on top of src/core/http/variables: request variables (pre-request scripts),
 * `client.global` and `--var` values come first (passed as answered prompts, which win over file variables
 * and the environment); `{{name.response…}}` reads the named requests that ran.
 */
export function createResolver(settings: ResolverSettings): RequestResolver {
  const options = (input: ResolveInput) => {
    const environment = settings.environmentFor(input.filePath);
    const host = createNodeVariableHost({
      baseDir: path.dirname(input.filePath),
      env: settings.processEnv,
      getResponse: (name) => input.responses.get(name)?.response,
    });
    const prompts = { ...Object.fromEntries(input.globals.entries()), ...settings.variables, ...Object.fromEntries(input.requestVariables) };
    return { environment, host, prompts };
  };
  return {
    environmentValue: (name, filePath) => settings.environmentFor(filePath)?.variables.get(name)?.value,
    substitute: async (text, input) => new VariableResolver({ ...options(input), document: input.document }).substitute(text, input.block.requestLine),
    resolve: async (input): Promise<OutgoingRequest> => {
      const r = await resolveRequest(input.document, input.block, options(input));
      if (!r.ok) throw new Error(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; '));
      return r.request;
    },
  };
}
