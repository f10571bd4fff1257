// The state an offline HTML file carries: a share hash (`v1:…`, see codec.ts) as a JSON string in
// <script type="application/json" id="podwalk-state">. The page reads it at start when its address has
// no hash of its own, so the file opens on the scenario and step it was exported at. The script is data,
// never run; the string is escaped so that nothing in it can close the tag or start markup.

export const STATE_SCRIPT_ID = 'podwalk-state';
/** What the offline template holds until an export puts a state in its place. */
export const STATE_PLACEHOLDER = `<script type="application/json" id="${STATE_SCRIPT_ID}">null</script>`;

/** JSON that is also safe between <script> tags: no <, >, & or line separators left as themselves. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function stateScript(hash: string): string {
  return `<script type="application/json" id="${STATE_SCRIPT_ID}">${scriptSafeJson(hash)}</script>`;
}

/** The template with `hash` in place of its placeholder; throws when the template has none. */
export function embedState(template: string, hash: string): string {
  const at = template.indexOf(STATE_PLACEHOLDER);
  if (at < 0) throw new Error('the offline template has no place for the state');
  return template.slice(0, at) + stateScript(hash) + template.slice(at + STATE_PLACEHOLDER.length);
}

/** `#v1:…` from the page's state script, or '' when there is none (the normal web page). */
export function embeddedShareHash(doc: Pick<Document, 'getElementById'>): string {
  const text = doc.getElementById(STATE_SCRIPT_ID)?.textContent ?? '';
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' && value.length > 0 ? `#${value}` : '';
  } catch {
    return '';
  }
}
