// @ts-check
// The analyst's files, in batches: read as bytes in the page (size limit checked first), then
// decoded as strict UTF-8 in the scoring worker (worker.js). Pure helpers tested by node --test.

/** @typedef {{name: string, text?: string, error?: string}} FileText */

/**
 * Split a list into consecutive batches.
 * @template T
 * @param {readonly T[]} items
 * @param {number} size
 * @returns {T[][]}
 */
export function batches(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * What the engine gets for one file's bytes: its text, or why there is none.
 * @param {string} name
 * @param {ArrayBuffer} buffer
 * @returns {FileText}
 */
export function decode(name, buffer) {
  try {
    // Strict, so a binary file is named as such instead of becoming replacement characters;
    // a UTF-8 byte order mark is dropped as the CLI's utf-8-sig does.
    return { name, text: new TextDecoder("utf-8", { fatal: true }).decode(buffer) };
  } catch {
    return { name, error: "not-utf8" };
  }
}

/** @typedef {{name: string, buffer?: ArrayBuffer, error?: string}} FileBytes */

/**
 * One file's bytes, read in the page (the browser reads off the main thread) so that they can
 * be transferred to the worker: posting the File objects themselves cost about 1 ms each on the
 * main thread (scripts/bench_dashboard.py, 1,000 files).
 * @param {File} file
 * @param {number} maxBytes
 * @returns {Promise<FileBytes>}
 */
export async function readBytes(file, maxBytes) {
  if (file.size > maxBytes) return { name: file.name, error: "too-large" };
  try {
    return { name: file.name, buffer: await file.arrayBuffer() };
  } catch {
    return { name: file.name, error: "unreadable" };
  }
}

/**
 * What the engine gets for each file of a batch (in the worker).
 * @param {readonly FileBytes[]} files
 * @returns {FileText[]}
 */
export function decodeAll(files) {
  return files.map((f) => (f.buffer ? decode(f.name, f.buffer) : { name: f.name, error: f.error || "unreadable" }));
}

/** Let the page paint and handle input between batches. */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
