/**
 * A worker thread that runs the pure pipeline, so CPU-heavy extraction never blocks the event loop that keeps
 * queue locks renewed and the progress bar moving.
 */
import { parentPort } from 'node:worker_threads';
import { isPermanentError } from '../model/errors.ts';
import { extractReport } from '../pipeline.ts';

export type ThreadRequest = { id: number; bytes: Uint8Array; fileName: string };
export type ThreadResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; permanent: boolean; reason: string };

parentPort!.on('message', async (req: ThreadRequest) => {
  let res: ThreadResponse;
  try {
    res = { id: req.id, ok: true, result: await extractReport(req.bytes, req.fileName) };
  } catch (e) {
    res = isPermanentError(e)
      ? { id: req.id, ok: false, permanent: true, reason: e.reason }
      : { id: req.id, ok: false, permanent: false, reason: `internal error: ${(e as Error).message}` };
  }
  parentPort!.postMessage(res);
});
