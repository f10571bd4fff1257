// The one error shape the parser reports, and the exception that carries it out of deep helpers.

export type ParseError = {
  message: string;
  /** 1-based line of the offending text, when known. */
  line: number | null;
  /** 1-based column of the offending text, when known. */
  column: number | null;
  /** 1-based index of the YAML document (the text between `---` lines), when known. */
  document: number | null;
  /** Dotted path of the offending field inside that document, e.g. `spec.containers[0].image`. */
  field: string | null;
};

/** Thrown inside the parser and caught by parseScenario: validation stops at the first problem. */
export class ScenarioError extends Error {
  readonly error: ParseError;
  constructor(error: ParseError) {
    super(error.message);
    this.error = error;
  }
}

export function fail(message: string, where: Partial<Omit<ParseError, 'message'>> = {}): never {
  throw new ScenarioError({
    message,
    line: where.line ?? null,
    column: where.column ?? null,
    document: where.document ?? null,
    field: where.field ?? null,
  });
}

/** "Line L, column C: message" when a position is known, else the message alone. */
export function formatParseError(e: ParseError): string {
  if (e.line === null) return e.message;
  if (e.column === null) return `Line ${e.line}: ${e.message}`;
  return `Line ${e.line}, column ${e.column}: ${e.message}`;
}
