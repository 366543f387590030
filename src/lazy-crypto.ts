import { createRequire } from 'node:module';

type NodeCrypto = typeof import('node:crypto');
let loaded: NodeCrypto | undefined;

/**
 * node:crypto, loaded at its first use: a one-shot answer that hashes nothing (`brief` reads the store without
 * checking the seed's digest) does not pay for loading it and the streams it brings, about 8 ms of a start.
 */
export function nodeCrypto(): NodeCrypto {
  loaded ??= createRequire(import.meta.url)('node:crypto') as NodeCrypto;
  return loaded;
}
