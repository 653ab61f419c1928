/** Which proxy, if any, a URL goes through: explicit setting first, then HTTPS_PROXY / HTTP_PROXY; NO_PROXY bypasses. */
export interface ProxyConfig {
  proxy?: string;
  noProxy?: string;
  env?: Record<string, string | undefined>;
}

function envValue(env: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!env) return undefined;
  return env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
}

export class ProxyResolver {
  private readonly rules: Array<{ host: string; port?: string }>;
  private readonly all: boolean;

  constructor(private readonly config: ProxyConfig) {
    const list = config.noProxy ?? envValue(config.env, 'no_proxy') ?? '';
    const entries = list.split(/[\s,]+/).map((e) => e.trim().toLowerCase()).filter(Boolean);
    this.all = entries.includes('*');
    this.rules = entries.filter((e) => e !== '*').map((e) => {
      const m = /^(.*?)(?::(\d+))?$/.exec(e.replace(/^\*?\./, '.'));
      return { host: m?.[1] ?? e, port: m?.[2] };
    });
  }

  /** true when some proxy may apply, so the caller can skip the lookup entirely otherwise */
  get enabled(): boolean {
    return !this.all && Boolean(this.config.proxy || envValue(this.config.env, 'https_proxy') || envValue(this.config.env, 'http_proxy'));
  }

  proxyFor(url: URL): string | undefined {
    if (this.all) return undefined;
    const proxy = this.config.proxy
      || (url.protocol === 'https:' ? envValue(this.config.env, 'https_proxy') ?? envValue(this.config.env, 'http_proxy') : envValue(this.config.env, 'http_proxy'));
    if (!proxy) return undefined;
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    for (const rule of this.rules) {
      if (rule.port && rule.port !== port) continue;
      if (rule.host.startsWith('.') ? host.endsWith(rule.host) || host === rule.host.slice(1) : host === rule.host || host.endsWith(`.${rule.host}`)) {
        return undefined;
      }
    }
    return proxy;
  }
}
