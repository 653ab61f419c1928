import type { CookieJar } from 'tough-cookie';

/**
 * The sender's cookie jar; stays out of the way until a server sets a cookie: no work per request,
 * and tough-cookie (with its public-suffix list) is loaded only then.
 */
export class CookieStore {
  private jarInstance: CookieJar | undefined;
  private hasCookies = false;

  private get jar(): CookieJar {
    if (!this.jarInstance) {
      const { CookieJar: Jar } = require('tough-cookie') as typeof import('tough-cookie');
      this.jarInstance = new Jar();
    }
    return this.jarInstance;
  }

  /** `name=value; …` for the URL, or '' */
  headerFor(url: string): string {
    if (!this.hasCookies) return '';
    try { return this.jar.getCookieStringSync(url); } catch { return ''; }
  }

  store(setCookie: string[], url: string): void {
    for (const value of setCookie) {
      try {
        if (this.jar.setCookieSync(value, url, { ignoreError: true })) this.hasCookies = true;
      } catch {
        // a malformed cookie is ignored, as browsers do
      }
    }
  }

  clear(): void {
    this.jarInstance?.removeAllCookiesSync();
    this.hasCookies = false;
  }
}
