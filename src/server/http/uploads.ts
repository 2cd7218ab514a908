/**
 * Receiving an uploaded file, before any database work (see pipeline.ts):
 *  - only a signed-in actor may send one (the pipeline refuses others before a byte of
 *    the body is read);
 *  - an account and a client address have a few uploads in progress at most;
 *  - the file is streamed to DATA_DIR/uploads (0700; the file 0600) under a deadline for
 *    the whole body and a limit on the gap between two pieces of it, so a client that
 *    trickles one byte a second is cut off;
 *  - only then does the route's transaction take a pool connection. A slow client can
 *    hold a socket, never a database connection.
 * The route's handler gets the stored file as `req.upload`. It is deleted when the
 * request ends unless the handler kept it (`keep()`) and the transaction committed.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { Config } from '../config.js';
import { AppError } from '../kernel/errors.js';

export interface ReceivedUpload {
  /** Where the file is stored (DATA_DIR/uploads/<id>.upload). */
  path: string;
  id: string;
  /** The name the client gave it. */
  filename: string;
  size: number;
  /** The file was longer than the route's limit (the rest was not stored). */
  truncated: boolean;
  /** The handler keeps the file (it recorded where it is); otherwise it is deleted after the request. */
  keep: () => void;
  readonly kept: boolean;
}

type Limits = Pick<Config, 'DATA_DIR' | 'UPLOAD_READ_SECONDS' | 'UPLOAD_IDLE_SECONDS'>;

/** The uploads directory, created private to the server's user. */
export async function uploadsDir(dataDir: string): Promise<string> {
  const dir = path.resolve(dataDir, 'uploads');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  return dir;
}

/** How many uploads are in progress per account and per address. */
export class UploadSlots {
  private readonly held = new Map<string, number>();
  constructor(
    private readonly perAccount: number,
    private readonly perAddress: number,
  ) {}

  /** Takes a slot for the account and the address, or refuses; returns the release. */
  take(accountId: string, address: string): () => void {
    const keys = [`a:${accountId}`, `ip:${address}`];
    const limits = [this.perAccount, this.perAddress];
    if (keys.some((k, i) => (this.held.get(k) ?? 0) >= limits[i]!)) throw new AppError('UPLOAD_BUSY');
    for (const k of keys) this.held.set(k, (this.held.get(k) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const k of keys) {
        const n = (this.held.get(k) ?? 1) - 1;
        if (n <= 0) this.held.delete(k);
        else this.held.set(k, n);
      }
    };
  }
}

/**
 * Reads the request's one file to disk under the deadlines; answers null when the form
 * carries no file, or the body is not a form at all (JSON sent to an upload route was a
 * 500: multipart's "not multipart" error is none of the catalogue's). A stalled or too
 * slow body is refused with UPLOAD_TOO_SLOW (408) and the connection is closed after the answer.
 */
export async function receiveUpload(req: FastifyRequest, limits: Limits): Promise<ReceivedUpload | null> {
  if (!req.isMultipart()) return null;
  const stop = new AbortController();
  const tooSlow = () => {
    req.raw.unpipe();
    stop.abort(new AppError('UPLOAD_TOO_SLOW'));
  };
  const deadline = setTimeout(tooSlow, limits.UPLOAD_READ_SECONDS * 1000);
  let idle = setTimeout(tooSlow, limits.UPLOAD_IDLE_SECONDS * 1000);
  const onData = () => {
    clearTimeout(idle);
    idle = setTimeout(tooSlow, limits.UPLOAD_IDLE_SECONDS * 1000);
  };
  req.raw.on('data', onData);
  const aborted = new Promise<never>((_, reject) =>
    stop.signal.addEventListener('abort', () => reject(stop.signal.reason as Error), { once: true }),
  );
  aborted.catch(() => undefined);
  let target: string | null = null;
  try {
    // The first part's headers; a client that never sends them is cut off like a slow one.
    const waiting = req.file({ throwFileSizeLimit: false });
    waiting.catch(() => undefined);
    const file: MultipartFile | undefined = await Promise.race([waiting, aborted]);
    if (!file) return null;
    const id = randomUUID();
    target = path.join(await uploadsDir(limits.DATA_DIR), `${id}.upload`);
    await pipeline(file.file, createWriteStream(target, { mode: 0o600 }), { signal: stop.signal });
    const size = (await stat(target)).size;
    const stored = target;
    let kept = false;
    return {
      path: stored,
      id,
      filename: file.filename,
      size,
      truncated: file.file.truncated,
      keep: () => {
        kept = true;
      },
      get kept() {
        return kept;
      },
    };
  } catch (e) {
    if (target) await rm(target, { force: true });
    // What is still coming is not read: the pipeline closes the connection with the refusal.
    if (stop.signal.aborted) throw stop.signal.reason as AppError;
    throw e;
  } finally {
    clearTimeout(deadline);
    clearTimeout(idle);
    req.raw.off('data', onData);
  }
}
