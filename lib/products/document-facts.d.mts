/** What the document contributes to the listing (document-facts.mjs). */
export interface DocumentFacts {
  operationCount: number;
  /** Declared tags (the document's `tags`, in order), then tags only operations use. */
  tags: string[];
  /** The document's top-level server URLs. */
  servers: string[];
  /** Each operation's summary (or operationId), without repeats. */
  summaries: string[];
}

export function documentFacts(document: unknown): DocumentFacts;

/** A string with its white space runs made single spaces, trimmed; anything else is ''. */
export function text(value: unknown): string;
