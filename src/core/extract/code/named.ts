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
/** Characters a connection string (or a `${NAME:default}` around one) can hold: a cheap first filter. */
export const HOSTISH = /^[\w.\-:/[\],;${} \t\r\n]*[\w][\w.\-:/[\],;${} \t\r\n]*$/;
