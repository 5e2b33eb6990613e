// The engine worker yields the CPU to the extension host's thread. On Linux each thread has its own nice
// value and os.setPriority() without a pid sets the calling thread's only; the scan workers the engine
// starts inherit it. On macOS and Windows the same call would lower the whole extension host (every
// extension in it), so it is not made there.
import * as os from 'node:os';

/** The nice value the engine's threads run at, at least (PRIORITY_BELOW_NORMAL: 10 on Linux). */
export const ENGINE_NICE = os.constants.priority.PRIORITY_BELOW_NORMAL;

/** Lowers the calling thread's scheduling priority where that touches this thread alone; true when done. */
export function yieldCpuToHost(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    // Never above the priority it started with (a host already run at nice 15 keeps its engine at 15).
    os.setPriority(Math.max(os.getPriority(), ENGINE_NICE));
    return true;
  } catch {
    // A sandbox that forbids it: the engine still runs, only at the host's priority.
    return false;
  }
}
