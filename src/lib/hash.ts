// SHA-256 of bytes held in memory, in hex, through WebCrypto (in browsers and in Node alike). The CLI hashes
// files as it streams them, with node:crypto.

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
