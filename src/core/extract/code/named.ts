// What the code readers (tree-sitter facts.ts for TS/JS, Python, Go; jvm/record.ts for Java, Kotlin, C#)
// agree on when they name a topic or test a literal: one home for the shapes both use.
import type { TopicUse } from '../../model/types';

export type Via = NonNullable<TopicUse['via']>;

/** A topic a call names: a literal, a pattern, or an indirection the model resolves. */
export interface Named {
  topic?: string;
  via?: Via;
  pattern?: boolean;
  start: number;
  end: number;
}

/** `${NAME}` / `${NAME:default}` written as a whole string literal. */
export const PLACEHOLDER = /^\$\{([^}:]+)(?::([^}]*))?\}$/;
/** The placeholder a whole-literal `${NAME}` / `${NAME:default}` reads; undefined for any other string. */
export function placeholderIn(value: string): { kind: 'placeholder'; name: string; fallback?: string } | undefined {
  const ph = PLACEHOLDER.exec(value);
  if (!ph) return undefined;
  return ph[2] !== undefined ? { kind: 'placeholder', name: ph[1], fallback: ph[2] } : { kind: 'placeholder', name: ph[1] };
}

/** What a plain (not interpolated) string literal names: the placeholder it is, else itself as a topic or pattern. */
export function namedLiteral(value: string, pattern: boolean | undefined, start: number, end: number): Named {
  const via = placeholderIn(value);
  return via ? { via, start, end } : { topic: value, pattern: pattern || undefined, start, end };
}

/** Characters a connection string (or a `${NAME:default}` around one) can hold: a cheap first filter. */
export const HOSTISH = /^[\w.\-:/[\],;${} \t\r\n]*[\w][\w.\-:/[\],;${} \t\r\n]*$/;
