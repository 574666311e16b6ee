// Unit tests of the dashboard's level helpers (node --test tests/js/).
import assert from "node:assert/strict";
import { test } from "node:test";

import { band, levelOrder } from "../../overrides/assets/javascripts/dashboard/view.js";

// As assessment.aggregate sends them: ranked levels first, then the unranked outcomes.
const LEVELS = [
  { id: "initial", minimum: 0, ranked: true },
  { id: "developing", minimum: 40, ranked: true },
  { id: "established", minimum: 60, ranked: true },
  { id: "advanced", minimum: 85, ranked: true },
  { id: "insufficient", minimum: 0, ranked: false },
  { id: "not-assessed", minimum: 0, ranked: false },
];

test("a score's band is the highest ranked level it reaches", () => {
  assert.equal(band(null, LEVELS), "none");
  assert.equal(band(0, LEVELS), "initial");
  assert.equal(band(59.9, LEVELS), "developing");
  assert.equal(band(85, LEVELS), "advanced");
});

test("unranked outcomes sort below every level", () => {
  assert.deepEqual(
    ["advanced", "insufficient", "initial", "not-assessed", "unknown"].map((id) => levelOrder(id, LEVELS)),
    [3, -1, 0, -1, -1],
  );
});

import { decodeAll } from "../../overrides/assets/javascripts/dashboard/read.js";

test("the worker decodes each file's bytes as strict UTF-8 and keeps the page's reasons", () => {
  const utf8 = new TextEncoder().encode("\ufeff{\"a\": \"وزارة\"}").buffer;
  const binary = new Uint8Array([0x89, 0x50, 0xff, 0xfe]).buffer;
  assert.deepEqual(
    decodeAll([
      { name: "a.json", buffer: utf8 },
      { name: "b.png", buffer: binary },
      { name: "big.json", error: "too-large" },
      { name: "odd.json" },
    ]),
    [
      { name: "a.json", text: "{\"a\": \"وزارة\"}" },
      { name: "b.png", error: "not-utf8" },
      { name: "big.json", error: "too-large" },
      { name: "odd.json", error: "unreadable" },
    ],
  );
});
