// INI syntax (`[section]` headers, `key = value` / `key: value`, `;` and `#` comments): the `.ini`
// reader's, and the fallback of the HOCON and XML readers for `.conf` files that turn out to be INI.
import type { ConfigRecorder } from './record';

const SECTION = /^[ \t]*\[([^\]\r\n]+)\][ \t]*(?:[;#].*)?$/;
const PAIR = /^([ \t]*)([^=:\s;#[][^=:]*?)[ \t]*[=:][ \t]*(.*?)[ \t]*$/d;
const MAX_PROBLEMS = 10;

/** Reads the whole text of the recorder as INI. */
export function scanIni(recorder: ConfigRecorder): void {
  const { text, facts, index } = recorder;
  let section = '';
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const line = text.slice(pos, end);
    const trimmed = line.trim();
    if (trimmed && !trimmed.startsWith(';') && !trimmed.startsWith('#')) {
      const header = SECTION.exec(line);
      if (header) section = header[1].trim();
      else {
        const pair = PAIR.exec(line);
        if (pair) {
          const key = section ? `${section}.${pair[2].trim()}` : pair[2].trim();
          let value = pair[3];
          let at = pos + pair.indices![3][0];
          if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
            value = value.slice(1, -1);
            at += 1;
          }
          recorder.scalar(key, value, at);
        } else if (facts.problems.length < MAX_PROBLEMS) {
          const p = index.position(pos + line.length - line.trimStart().length);
          facts.problems.push({
            file: facts.file,
            line: p.line,
            column: p.column,
            severity: 'warning',
            message: 'invalid INI: expected [section] or key = value',
          });
        }
      }
    }
    pos = nl + 1;
  }
}
