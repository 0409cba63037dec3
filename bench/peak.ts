/** What the benches share: the peak resident memory of a child process. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Peak resident memory (VmHWM, kB) of a child process, polled until it exits; read it once it has. */
export function watchPeak(child: ChildProcess): () => number {
  let peak = 0;
  const t = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // exited
    }
  }, 50);
  child.on('exit', () => clearInterval(t));
  return () => peak;
}
