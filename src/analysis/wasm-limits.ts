// The largest memory the kernels are given (see wasm.ts): its own module, so that the script that compiles
// kernels.wat (a shared memory's import states its largest size) reads it without the compiled bytes.

/** A WebAssembly page. */
export const PAGE = 65536;
/** Memories above this are not asked for (wasm32 addresses 4 GB; engines may give less). */
export const MAX_BYTES = 2 ** 31;
export const MAX_PAGES = MAX_BYTES / PAGE;
