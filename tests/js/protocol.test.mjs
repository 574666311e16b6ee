// Unit tests of the page ↔ worker message protocol (node --test tests/js/).
import assert from "node:assert/strict";
import { test } from "node:test";

import { OPS, errorText, parseMessage, parseRequest, request } from "../../overrides/assets/javascripts/assessment/protocol.js";
import { decodeText } from "../../overrides/assets/javascripts/assessment/files.js";

test("requests round-trip and junk is refused", () => {
  assert.deepEqual(parseRequest(request(3, OPS.score, ["{}", null])), { id: 3, op: "score", args: ["{}", null] });
  assert.deepEqual(parseRequest({ id: 1, op: "x", args: "no" }), { id: 1, op: "x", args: [] });
  for (const junk of [null, 5, {}, { id: "1", op: "x" }]) assert.equal(parseRequest(junk), null);
});

test("worker messages", () => {
  assert.deepEqual(parseMessage({ type: "ready", ms: 12 }), { type: "ready", ms: 12 });
  assert.deepEqual(parseMessage({ type: "failed", error: "runtime file pyodide.asm.wasm: HTTP 404" }), { type: "failed", error: "runtime file pyodide.asm.wasm: HTTP 404" });
  assert.deepEqual(parseMessage({ id: 2, ok: true, value: "{}" }), { id: 2, ok: true, value: "{}", ms: 0 });
  assert.deepEqual(parseMessage({ id: 2, ok: false }), { id: 2, ok: false, error: "" });
  assert.equal(parseMessage({ hello: 1 }), null);
  assert.equal(errorText(new Error("boom")), "boom");
});

test("binary files are told apart from UTF-8 text", () => {
  assert.equal(decodeText(new TextEncoder().encode('{"a": "ب"}')), '{"a": "ب"}');
  assert.equal(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1])), null);
  assert.equal(decodeText(new Uint8Array([0xff, 0xfe, 0x41])), null);
});
