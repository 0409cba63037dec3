import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../src/model/errors.ts';
import { ExtractionPool } from '../../src/workers/thread-pool.ts';
import { ROOT } from '../helpers/cli.ts';

const seed = new Uint8Array(readFileSync(join(ROOT, 'fixtures/seed/laharnsai-2568.mixed.txt')));

describe('ExtractionPool', () => {
  let pool: ExtractionPool;
  afterEach(async () => pool?.close());

  it('extracts in threads, several at once', async () => {
    pool = new ExtractionPool(2);
    const results = await Promise.all([pool.run(seed, 'a.txt'), pool.run(seed, 'b.txt'), pool.run(seed, 'c.txt')]);
    expect(results.map((r) => r.source.fileName)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(results[0].scores).toHaveLength(10);
  });

  it('a bad file is a PermanentError naming it; the pool goes on', async () => {
    pool = new ExtractionPool(1);
    await expect(pool.run(new Uint8Array(), 'empty.pdf')).rejects.toThrow(PermanentError);
    await expect(pool.run(new Uint8Array(), 'empty.pdf')).rejects.toThrow(/^empty\.pdf: the file is empty/);
    expect((await pool.run(seed, 'after.txt')).source.fileName).toBe('after.txt');
  });

  it('a task over its time limit is a TransientError, and its thread is replaced', async () => {
    pool = new ExtractionPool(1, 1);
    await expect(pool.run(seed, 'slow.txt')).rejects.toThrow(TransientError);
    await expect(pool.run(seed, 'slow.txt')).rejects.toThrow(/took longer than 0.001 s/);
  });
});
