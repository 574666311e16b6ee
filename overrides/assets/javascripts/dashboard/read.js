// @ts-check
// Reading the analyst's files in the page: in batches, each file decoded as strict UTF-8,
// with a size limit checked before reading. Pure helpers first (tested with node --test).

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

/**
 * @param {File} file
 * @param {number} maxBytes
 * @returns {Promise<FileText>}
 */
export async function readFile(file, maxBytes) {
  if (file.size > maxBytes) return { name: file.name, error: "too-large" };
  try {
    return decode(file.name, await file.arrayBuffer());
  } catch {
    return { name: file.name, error: "unreadable" };
  }
}

/** Let the page paint and handle input between batches. */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
