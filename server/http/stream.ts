/**
 * Writes a response a chunk at a time, however long it is: the next chunk is read only once the
 * client has taken the last (`write` returning false means its buffer is full: wait for
 * 'drain'), and nothing more is read once the client has gone. So an export of a million ratings
 * holds one chunk in memory, and a closed tab stops the reads it was causing.
 */
import type { Response } from 'express';

/** Resolves once the response can take more, or has closed. */
function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes each chunk in turn, then ends the response. Leaving the loop early (the client closed
 * the connection) returns the generator, so it stops reading. Throws what the chunks throw.
 */
export async function writeChunks(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  // 'close' comes once: after the end, or as soon as the connection is lost before it.
  let gone = false;
  const onClose = () => (gone = true);
  res.once('close', onClose);
  try {
    for await (const chunk of chunks) {
      if (gone) return;
      if (!res.write(chunk)) await drainedOrClosed(res);
      if (gone) return;
    }
    res.end();
  } finally {
    res.off('close', onClose);
  }
}
