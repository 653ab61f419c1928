/**
 * The parts of undici that ApiHook uses, loaded from undici's own modules. Its entry point also loads
 * fetch, WebSocket, EventSource, caches, mocks and interceptors: 535 KB bundled, about 60 ms to load,
 * paid by every CLI start and by the editor's first request. These parts are about 300 KB / 25 ms.
 * (fetch, FormData and Response come from Node itself where needed.)
 */
import type * as Undici from 'undici';

export type { Dispatcher } from 'undici';

export const Agent = require('undici/lib/dispatcher/agent') as typeof Undici.Agent;
export type Agent = Undici.Agent;
export const ProxyAgent = require('undici/lib/dispatcher/proxy-agent') as typeof Undici.ProxyAgent;
export type ProxyAgent = Undici.ProxyAgent;
export const buildConnector = require('undici/lib/core/connect') as typeof Undici.buildConnector;
/** undici's connector function type */
export type Connector = Undici.buildConnector.connector;

const DispatcherClass = require('undici/lib/dispatcher/dispatcher') as { prototype: Record<string, unknown> };
// `request`, `connect` (ProxyAgent tunnels with it), `stream`…: undici's entry point installs these on
// every dispatcher, so do the same
for (const [name, fn] of Object.entries(require('undici/lib/api') as Record<string, unknown>)) DispatcherClass.prototype[name] ??= fn;
