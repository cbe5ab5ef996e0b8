import type { Reader } from '../../src/protocol/describe-opening.ts';

/** The reader this browser is: its language and time zone. */
export function browserReader(): Reader {
  const options = Intl.DateTimeFormat().resolvedOptions();
  return { locale: navigator.language || options.locale, timeZone: options.timeZone };
}
