/**
 * A fixed pool of extraction threads. A crashed thread fails only its own task (as a transient error, so the
 * queue retries it) and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { EXTRACTION_LIMITS } from '../extractors/limits.ts';
import type { ExtractionResult } from '../model/extraction-result.ts';
import { PermanentError, TransientError } from '../model/errors.ts';
import type { ThreadRequest, ThreadResponse } from './extract-thread.ts';

type Task = { req: ThreadRequest; resolve: (r: ExtractionResult) => void; reject: (e: Error) => void; transfer: boolean };
type Slot = { worker: Worker; task: Task | null; timer: NodeJS.Timeout | null };

/**
 * A file that keeps a thread busy longer than this is abandoned (the thread is replaced) as a transient failure.
 * A scan of the most pages OCR reads (EXTRACTION_LIMITS.maxOcrPages, ~3.5 s a page) fits with room to spare.
 */
export const DEFAULT_TASK_TIMEOUT_MS = 300_000;

export class ExtractionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  readonly size: number;
  private readonly timeoutMs: number;

  constructor(size: number, timeoutMs = DEFAULT_TASK_TIMEOUT_MS) {
    this.size = size;
    this.timeoutMs = timeoutMs;
    // Threads start when there is work for them (each costs ~150 MB once warm): a batch of one file, or of files
    // refused before extraction, never starts the second.
  }

  private spawn(): Slot {
    // A heap cap per thread: a document that needs more is refused (below), and the process stays bounded.
    const worker = new Worker(new URL('./extract-thread.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: EXTRACTION_LIMITS.threadHeapMb, maxYoungGenerationSizeMb: 16 },
    });
    const slot: Slot = { worker, task: null, timer: null };
    worker.on('message', (res: ThreadResponse) => {
      const task = slot.task;
      slot.task = null;
      if (slot.timer) clearTimeout(slot.timer);
      if (task) {
        if (res.ok) task.resolve(res.result as ExtractionResult);
        else task.reject(res.permanent ? new PermanentError(task.req.fileName, res.reason) : new TransientError(res.reason));
      }
      this.pump();
    });
    worker.on('error', (e) => this.lost(slot, e));
    worker.on('exit', (code) => {
      if (!this.closed) this.lost(slot, new Error(`extraction thread exited with code ${code}`));
    });
    return slot;
  }

  private lost(slot: Slot, e: Error): void {
    const task = slot.task;
    slot.task = null;
    if (slot.timer) clearTimeout(slot.timer);
    // Out of memory is the document's doing (it would fail again): permanent, with a plain reason, never retried.
    if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      task?.reject(new PermanentError(task.req.fileName, `needs more than ${EXTRACTION_LIMITS.threadHeapMb} MB of memory to read (too large or a decompression bomb): not read`));
    } else {
      task?.reject(new TransientError(`extraction thread failed: ${e.message}`));
    }
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) {
      slot.worker.removeAllListeners('exit');
      void slot.worker.terminate();
      this.slots[i] = this.spawn();
      this.pump();
    }
  }

  private pump(): void {
    while (this.slots.length < this.size && this.queue.length > this.slots.filter((x) => !x.task).length) this.slots.push(this.spawn());
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => this.lost(slot, new Error(`extraction of ${task.req.fileName} took longer than ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      const whole = task.req.bytes.byteOffset === 0 && task.req.bytes.byteLength === task.req.bytes.buffer.byteLength;
      slot.worker.postMessage(task.req, task.transfer && whole && task.req.bytes.buffer instanceof ArrayBuffer ? [task.req.bytes.buffer] : []);
    }
  }

  /**
   * Extracts one report in a thread; rejects with PermanentError (bad file) or TransientError. With `transfer`, the
   * bytes move to the thread instead of being copied (the caller must not use them afterwards).
   */
  run(bytes: Uint8Array, fileName: string, opts: { transfer?: boolean } = {}): Promise<ExtractionResult> {
    if (this.closed) return Promise.reject(new TransientError('extraction pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { id: this.nextId++, bytes, fileName }, resolve, reject, transfer: opts.transfer ?? false });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.slots) if (s.timer) clearTimeout(s.timer);
    for (const t of this.queue.splice(0)) t.reject(new TransientError('extraction pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
