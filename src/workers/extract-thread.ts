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
    // The pipeline is a pure function of the bytes: whatever it throws for this file it will throw again (a page
    // tree that loops, a structure pdf.js rejects), so the failure is the document's, named and never retried.
    res = isPermanentError(e)
      ? { id: req.id, ok: false, permanent: true, reason: e.reason }
      : { id: req.id, ok: false, permanent: true, reason: `could not be read (${(e as Error).message.split('\n')[0]}): a damaged file, or a fault in ita-ingest` };
  }
  parentPort!.postMessage(res);
});
