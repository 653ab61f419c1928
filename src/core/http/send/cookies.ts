import { CookieJar } from 'tough-cookie';

/** The sender's cookie jar; stays out of the way (no work per request) until a server sets a cookie. */
export class CookieStore {
  private readonly jar = new CookieJar();
  private hasCookies = false;

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
    this.jar.removeAllCookiesSync();
    this.hasCookies = false;
  }
}
