/**
 * A tagged template for HTML that escapes every interpolated value, so what reps typed (a
 * message full of `<script>`) stays text. `raw()` marks markup that is already safe.
 */

const SAFE = Symbol('safe html');

export interface SafeHtml {
  [SAFE]: true;
  value: string;
}

export function raw(value: string): SafeHtml {
  return { [SAFE]: true, value };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && (value as SafeHtml)[SAFE]) return (value as SafeHtml).value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return raw(out);
}

/** JSON for a <script type="application/json"> block: no "</script>" can close it early. */
export function jsonForScript(data: unknown): SafeHtml {
  return raw(JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}
