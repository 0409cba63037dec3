/**
 * PostgreSQL settings of the embedded database. shared_buffers at 16 MB instead of 128 MB: the embedded database
 * holds one province's results (a few MB), and the buffers are WASM heap the process can never give back
 * (measured: 540 → 387 MB RSS after opening).
 */
export const PGLITE_CONF = 'shared_buffers=16MB';
