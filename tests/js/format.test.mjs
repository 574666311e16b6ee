// Unit tests of the widget's pure text helpers (node --test tests/js/).
import assert from "node:assert/strict";
import { test } from "node:test";

import { clip, format, formatScore, isDate, signed, sizeText, slug, today } from "../../overrides/assets/javascripts/assessment/format.js";

test("format fills known placeholders and keeps unknown ones", () => {
  assert.equal(format("{answered} of {total}", { answered: 3, total: 45 }), "3 of 45");
  assert.equal(format("من {before} إلى {after}", { before: "54.0" }), "من 54.0 إلى {after}");
});

test("scores have one decimal; missing ones are null", () => {
  assert.equal(formatScore(71.75), "71.8");
  assert.equal(formatScore(0), "0.0");
  for (const v of [null, undefined, "", "abc", NaN]) assert.equal(formatScore(v), null);
});

test("a change always carries its sign", () => {
  assert.equal(signed(50), "+50.0");
  assert.equal(signed(-3.25), "-3.3");
  assert.equal(signed(0), "0.0");
  assert.equal(signed(null), null);
});

test("dates", () => {
  assert.ok(isDate("2026-11-30"));
  assert.ok(!isDate("2026-13-40"));
  assert.ok(!isDate("30/11/2026"));
  assert.equal(today(new Date(2026, 0, 5)), "2026-01-05");
});

test("file names keep letters of every script and nothing else", () => {
  assert.equal(slug("<img src=x onerror=alert(1)>"), "img-src-x-onerror-alert-1");
  assert.equal(slug("وزارة الاختبار"), "وزارة-الاختبار");
  assert.equal(slug("   "), "assessment");
  assert.equal(slug("x".repeat(100)).length, 60);
});

test("sizes and clipped echoes", () => {
  assert.equal(sizeText(20 * 1024 * 1024), "20.0 MB");
  assert.equal(sizeText(1500), "2 KB");
  assert.equal(clip("a".repeat(100), 10), `${"a".repeat(10)}…`);
  assert.equal(clip("short"), "short");
});
