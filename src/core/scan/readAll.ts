// Reads every discovered file. Synchronous on purpose: measured on the 2-core bench machine (18k files,
// warm cache), readFileSync took ~120 ms where 32 callback reads in flight took ~280 ms and promise
// reads ~800 ms, and a worker thread lost more to cloning facts than it saved (README, figures).
import { FileReader, type FileOutcome, type ReadOptions } from './readFile';

/** Outcomes in the order of `files`. */
export function readAll(files: Array<{ file: string; abs: string }>, options: ReadOptions): FileOutcome[] {
  const reader = new FileReader(options);
  return files.map((f) => reader.read(f.file, f.abs));
}
