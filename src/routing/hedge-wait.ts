/**
 * A pack's queued wording ready to fill with `describeWait`, which hedges by itself ("about 4 minutes",
 * "less than a minute"): an "about" the pack author wrote before `{{wait}}` is dropped, so the customer never
 * reads "about about 4 minutes" or "about less than a minute".
 */
export function hedgeWait(template: string): string {
  return template.replace(/\b(about|around|approximately|roughly)\s+(\{\{\s*wait\s*\}\})/gi, '$2');
}
