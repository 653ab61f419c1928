/** Variables of .http files: environments, system variables, chaining, and turning a request block into an OutgoingRequest. */
export type { VariableHost, VariableSource } from './host';
export { describeSource } from './host';
export { listEnvironments, parseDotenv, resolveEnvironment, type EnvironmentSources, type ResolvedEnvironment } from './environments';
export { VariableResolver, type ResolveOptions, type Resolved } from './resolver';
export { resolveRequest, type ResolveRequestResult } from './buildRequest';
export { describeVariable, isSecretName, listVariables, maskValue, variableAt, type VariableDescription } from './describe';
export { joinFormLines, splitGraphql } from './outgoingBody';
export { parseChainRef } from './chaining';
export { createNodeVariableHost, type NodeHostOptions } from './nodeHost';
