/** What replaces a value a log line must not hold. */
const hidden = '[redacted]';

/** Error fields that are the values of a query or a row: never logged. */
const valueFields = new Set(['params', 'parameters', 'where', 'internalQuery']);
/** Fields written from the error itself (or walked apart). */
const ownFields = new Set(['name', 'message', 'stack', 'cause', 'errors']);

/**
 * Database messages that echo a value (PostgreSQL's `invalid input syntax for type integer: "..."`,
 * `value "..." is out of range`, JSON's `Token "..." is invalid`), with the value hidden; identifiers stay.
 */
export function hideEchoedValues(text: string): string {
  return text.replace(/(: |\bvalue |\bToken )"(?:[^"\\]|\\.)*"/g, `$1"${hidden}"`);
}

/**
 * A failed query's message without its parameters (drizzle appends `params: ...`) and a PostgreSQL `detail`
 * without the row or key values it quotes (`Key (email)=(...)`, `Failing row contains (...)`).
 */
export function hideQueryValues(text: string): string {
  return hideEchoedValues(
    text
      .replace(/\nparams: [\s\S]*$/, `\nparams: ${hidden}`)
      .replace(/\)=\([\s\S]*\)/, `)=(${hidden})`)
      .replace(/\bcontains \([\s\S]*\)/, `contains (${hidden})`),
  );
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * A value about to be logged with every error in it (at any depth, causes and inner errors included) turned into a
 * plain object: type, message, stack, code and its other fields, minus the query parameters and row values a
 * database error carries. The log redactor then masks personal data in what is left.
 */
export function loggableErrors(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (value instanceof Error) {
    seen.add(value);
    return loggableError(value, seen);
  }
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((v) => loggableErrors(v, seen));
  }
  if (!isPlain(value)) return value;
  seen.add(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loggableErrors(v, seen)]));
}

function loggableError(err: Error, seen: WeakSet<object>): Record<string, unknown> {
  const message = hideQueryValues(String(err.message));
  const out: Record<string, unknown> = { type: err.name, message };
  for (const [key, v] of Object.entries(err)) {
    if (ownFields.has(key)) continue;
    if (valueFields.has(key)) out[key] = hidden;
    else if (typeof v === 'string') out[key] = hideQueryValues(v);
    else out[key] = loggableErrors(v, seen);
  }
  if (typeof err.stack === 'string') out.stack = loggableStack(err.stack, String(err.message), message);
  const { cause } = err as { cause?: unknown };
  if (cause !== undefined) out.cause = loggableErrors(cause, seen);
  if (err instanceof AggregateError) out.errors = err.errors.map((e: unknown) => loggableErrors(e, seen));
  return out;
}

/** The stack opens with the message (as it was when thrown): its values are hidden there too, frames kept. */
function loggableStack(stack: string, original: string, message: string): string {
  const replaced = original ? stack.split(original).join(message) : stack;
  const frames = replaced.search(/\n\s+at /);
  return frames < 0
    ? hideQueryValues(replaced)
    : hideQueryValues(replaced.slice(0, frames)) + replaced.slice(frames);
}
