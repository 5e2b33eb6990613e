import type { Tree } from 'web-tree-sitter';
import type { JvmRecorder } from './record';
import type { FileContext } from './sites';
export function readCSharp(_tree: Tree, _rec: JvmRecorder, _ctx: FileContext): void {}
