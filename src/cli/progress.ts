/** A progress line on stderr: redrawn in place on a terminal, a line every few seconds otherwise. */
import type { BatchProgress } from '../store/batches-repo.ts';

export function progressReporter(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastLine = 0;
  const tty = Boolean(stream.isTTY);
  /** A terminal line is redrawn at most five times a second; a log gets a line every five seconds. */
  const every = tty ? 200 : 5000;
  return {
    /** Whether a line would be drawn now: counting the batch for a line nobody sees is skipped (issue 10). */
    due: () => Date.now() - lastLine >= every,
    update(p: BatchProgress, final = false) {
      const now = Date.now();
      if (!final && now - lastLine < every) return;
      lastLine = now;
      const width = 30;
      const filled = total ? Math.round((p.done / total) * width) : width;
      const rate = p.done / Math.max(0.001, (now - started) / 1000);
      const s = p.byState;
      const left = Math.max(0, total - p.done);
      const eta = !final && p.done > 0 && left > 0 ? `  ETA ${duration(left / rate)}` : '';
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${total} reports  ${rate.toFixed(1)}/s${eta}  ` +
        `clean ${s.clean ?? 0} · review ${s.needs_review ?? 0} · failed ${s.failed ?? 0}`;
      stream.write(tty ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
    },
  };
}

/** "45s", "3m05s", "1h02m": the time left at the measured rate. */
export function duration(seconds: number): string {
  const t = Math.max(1, Math.round(seconds));
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${String(t % 60).padStart(2, '0')}s`;
  return `${Math.floor(t / 3600)}h${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}m`;
}
