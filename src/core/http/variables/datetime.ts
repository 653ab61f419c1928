/** Date formatting for `{{$datetime}}` / `{{$localDatetime}}` / `{{$timestamp}}` with offsets like `-2 h`. */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Adds `amount` of `unit` (y, M, Q, w, d, h, m, s, ms, as REST Client writes them) to `date`; undefined for an unknown unit. */
export function addOffset(date: Date, amount: number, unit: string): Date | undefined {
  const d = new Date(date.getTime());
  switch (unit) {
    case 'y': d.setUTCFullYear(d.getUTCFullYear() + amount); return d;
    case 'Q': d.setUTCMonth(d.getUTCMonth() + 3 * amount); return d;
    case 'M': d.setUTCMonth(d.getUTCMonth() + amount); return d;
    case 'w': return new Date(d.getTime() + amount * 7 * 86400000);
    case 'd': return new Date(d.getTime() + amount * 86400000);
    case 'h': return new Date(d.getTime() + amount * 3600000);
    case 'm': return new Date(d.getTime() + amount * 60000);
    case 's': return new Date(d.getTime() + amount * 1000);
    case 'ms': return new Date(d.getTime() + amount);
    default: return undefined;
  }
}

interface Parts { Y: number; M: number; D: number; h: number; m: number; s: number; ms: number; dow: number; offsetMin: number }

function parts(date: Date, local: boolean): Parts {
  if (local) {
    return { Y: date.getFullYear(), M: date.getMonth(), D: date.getDate(), h: date.getHours(), m: date.getMinutes(), s: date.getSeconds(), ms: date.getMilliseconds(), dow: date.getDay(), offsetMin: -date.getTimezoneOffset() };
  }
  return { Y: date.getUTCFullYear(), M: date.getUTCMonth(), D: date.getUTCDate(), h: date.getUTCHours(), m: date.getUTCMinutes(), s: date.getUTCSeconds(), ms: date.getUTCMilliseconds(), dow: date.getUTCDay(), offsetMin: 0 };
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

function zone(offsetMin: number, colon: boolean): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

const TOKEN = /\[([^\]]*)]|YYYY|YY|MMMM|MMM|MM|M|DDDD|DDD|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z|X|x/g;

/** Formats with the moment/day.js tokens REST Client and httpYac users write (YYYY-MM-DD HH:mm:ss, [literal], …). */
export function formatDate(date: Date, format: string, local: boolean): string {
  const p = parts(date, local);
  return format.replace(TOKEN, (t, lit: string | undefined) => {
    if (lit !== undefined) return lit;
    switch (t) {
      case 'YYYY': return String(p.Y);
      case 'YY': return pad(p.Y % 100);
      case 'MMMM': return MONTHS_LONG[p.M];
      case 'MMM': return MONTHS[p.M];
      case 'MM': return pad(p.M + 1);
      case 'M': return String(p.M + 1);
      case 'DD': return pad(p.D);
      case 'D': return String(p.D);
      case 'dddd': return DAYS_LONG[p.dow];
      case 'ddd': return DAYS[p.dow];
      case 'HH': return pad(p.h);
      case 'H': return String(p.h);
      case 'hh': return pad(p.h % 12 || 12);
      case 'h': return String(p.h % 12 || 12);
      case 'mm': return pad(p.m);
      case 'm': return String(p.m);
      case 'ss': return pad(p.s);
      case 's': return String(p.s);
      case 'SSS': return pad(p.ms, 3);
      case 'A': return p.h < 12 ? 'AM' : 'PM';
      case 'a': return p.h < 12 ? 'am' : 'pm';
      case 'ZZ': return zone(p.offsetMin, false);
      case 'Z': return zone(p.offsetMin, true);
      case 'X': return String(Math.floor(date.getTime() / 1000));
      case 'x': return String(date.getTime());
      default: return t; // DDD/DDDD (day of year) are rare: left as written
    }
  });
}

export function formatRfc1123(date: Date, local: boolean): string {
  if (!local) return date.toUTCString();
  return formatDate(date, 'ddd, DD MMM YYYY HH:mm:ss ZZ', true);
}

export function formatIso8601(date: Date, local: boolean): string {
  if (!local) return date.toISOString();
  return formatDate(date, 'YYYY-MM-DDTHH:mm:ss.SSSZ', true);
}
