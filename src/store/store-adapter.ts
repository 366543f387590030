import type { Adapter } from 'lowdb';
import type { Backups } from './backups.js';
import { decodeStore, encodeStore } from './codec.js';
import type { DurableTextFile } from './durable-file.js';
import type { StoreData } from './schema.js';

/**
 * lowdb's adapter for the whole store: a read decodes and validates the file (null when there is none); a write
 * backs up the state it replaces when one is due, then writes the new one atomically and durably, in pieces.
 */
export class StoreAdapter implements Adapter<StoreData> {
  /** The file's length in characters, so the next write can choose its layout without measuring again. */
  length: number;

  constructor(
    private readonly text: DurableTextFile,
    private readonly backups: Backups,
    length: number,
  ) {
    this.length = length;
  }

  async read(): Promise<StoreData | null> {
    const bytes = await this.text.readBytes();
    if (bytes === null) return null;
    const { data, chars } = decodeStore(bytes, this.text.file, await this.backups.newest());
    this.length = chars;
    return data;
  }

  async write(data: StoreData): Promise<void> {
    await this.backups.beforeWrite();
    this.length = await this.text.writePieces(encodeStore(data, this.length));
  }
}
