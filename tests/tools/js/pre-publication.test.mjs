// node --test: the pre-publication check's status and record (pure functions).
import assert from "node:assert/strict";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import path from "node:path";

const site = process.env.SITE_DIR;
const pp = await import(pathToFileURL(path.join(site, "assets", "javascripts", "tools", "pre-publication.js")).href);

const lines = [
  { ar: "موافقة", en: "Approval", obligation: "must", ticked: true },
  { ar: "خصوصية", en: "Privacy", obligation: "must", ticked: false },
  { ar: "عربية", en: "Arabic", obligation: "should", ticked: true },
];

test("counts per obligation", () => {
  assert.deepEqual(pp.count(lines, "must"), { done: 1, total: 2 });
  assert.deepEqual(pp.count(lines, "should"), { done: 1, total: 1 });
});

test("the status says plainly whether every required line is ticked", () => {
  assert.match(pp.statusText(lines, "en"), /^Required lines ticked: 1 of 2\. Not complete/);
  const all = lines.map((l) => ({ ...l, ticked: true }));
  assert.match(pp.statusText(all, "en"), /^Complete: every required line is ticked \(2 of 2\)\./);
  assert.match(pp.statusText(all, "ar"), /^اكتمل التحقق/);
});

test("the record is Arabic then English, with marks and empty fields shown", () => {
  const record = pp.recordText({ title: " Launch ", date: "", approver: "", lines });
  const [ar, en] = record.trimEnd().split("\n\n");
  assert.match(ar, /^سجل التحقق قبل النشر\n/);
  assert.match(en, /^Pre-publication check record\n/);
  assert.ok(en.includes("Post title: Launch\n"));
  assert.ok(en.includes("Publication date: —\n"));
  assert.ok(ar.includes("[✓] موافقة (إلزامي)"));
  assert.ok(en.includes("[ ] Privacy (Must)"));
  assert.ok(en.includes("Check not complete: Required lines: 1 of 2"));
});
