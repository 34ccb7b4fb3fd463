// SHA-256 in hex: of bytes held in memory through WebCrypto, and of a Blob streamed through @noble/hashes
// (WebCrypto cannot hash incrementally). The CLI hashes files as it streams them, with node:crypto.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a Blob read slice by slice: a file larger than memory is hashed without being loaded. */
export async function sha256Blob(blob: Blob, chunk = 4 << 20): Promise<string> {
  const hash = sha256.create();
  for (let at = 0; at < blob.size; at += chunk)
    hash.update(new Uint8Array(await blob.slice(at, at + chunk).arrayBuffer()));
  return bytesToHex(hash.digest());
}
