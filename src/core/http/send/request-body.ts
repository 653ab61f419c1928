import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import type { OutgoingBody } from '../model';

/** A body ready for undici, made fresh for every send (streams cannot be replayed on a redirect). */
export interface PreparedBody {
  body: Buffer | Readable | undefined;
  /** byte length when known */
  length: number | undefined;
}

export async function prepareBody(body: OutgoingBody | undefined): Promise<PreparedBody> {
  if (!body) return { body: undefined, length: undefined };
  switch (body.kind) {
    case 'buffer':
      return { body: body.data, length: body.data.length };
    case 'file': {
      const stat = await fs.stat(body.path);
      return { body: createReadStream(body.path), length: stat.size };
    }
    case 'multipart': {
      let length = 0;
      for (const part of body.parts) {
        length += part.kind === 'buffer' ? part.data.length : (await fs.stat(part.path)).size;
      }
      return { body: Readable.from(multipartChunks(body.parts)), length };
    }
  }
}

async function* multipartChunks(parts: Extract<OutgoingBody, { kind: 'multipart' }>['parts']): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if (part.kind === 'buffer') {
      yield part.data;
    } else {
      for await (const chunk of createReadStream(part.path)) yield chunk as Buffer;
    }
  }
}

/** SHA-256 of the body bytes as hex, streaming files from disk (for AWS Signature v4). */
export async function sha256OfBody(body: OutgoingBody | undefined): Promise<string> {
  const hash = createHash('sha256');
  if (body?.kind === 'buffer') {
    hash.update(body.data);
  } else if (body?.kind === 'file') {
    for await (const chunk of createReadStream(body.path)) hash.update(chunk as Buffer);
  } else if (body?.kind === 'multipart') {
    for await (const chunk of multipartChunks(body.parts)) hash.update(chunk);
  }
  return hash.digest('hex');
}
