// node --test: the breach runbook's pure data functions (overrides/assets/javascripts/tools/).
// Run through tests/tools/test_js_units.py against the built site (SITE_DIR).
import assert from "node:assert/strict";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import path from "node:path";

const site = process.env.SITE_DIR;
const load = (name) => import(pathToFileURL(path.join(site, "assets", "javascripts", "tools", name)).href);
const data = await load("runbook-data.js");

test("a runbook survives its own export", () => {
  const rb = data.emptyRunbook();
  rb.entity = "وزارة";
  rb.officials.push({ name: "Rana", role: "IT", phone: "1", email: "r@x" });
  rb.accounts.push({ platform: "X", name: "@m", admin1: "A", admin2: "" });
  rb.incident = data.newIncident("@m", "2026-11-30T22:00:00.000Z");
  const text = JSON.stringify(rb);
  const result = data.parseRunbookFile(text, text.length);
  assert.equal(result.ok, true);
  assert.deepEqual(result.runbook, rb);
});

test("refusals name their reason and field", () => {
  assert.equal(data.parseRunbookFile("{", 1).reason, "malformed");
  assert.equal(data.parseRunbookFile("{}", data.MAX_FILE_BYTES + 1).reason, "too_large");
  assert.equal(data.parseRunbookFile('{"tool": "daleel.breach-incident-log"}', 40).reason, "wrong_tool");
  assert.equal(data.parseRunbookFile("null", 4).reason, "wrong_tool");
  const bad = (extra) => data.checkRunbook({ tool: data.TOOL, version: 1, ...extra });
  assert.deepEqual(bad({ version: 2 }), { ok: false, reason: "invalid", where: "version" });
  assert.equal(bad({ accounts: [{ name: 5 }] }).where, "accounts[0].name");
  assert.equal(bad({ entity: "x".repeat(5000) }).where, "entity");
  assert.equal(bad({ incident: { started_at: "not a date", steps: [] } }).where, "incident.steps");
  assert.equal(bad({ incident: { started_at: "nope", steps: [{}, {}, {}] } }).where, "incident.started_at");
  assert.equal(bad({ officials: new Array(101).fill({}) }).where, "officials");
});

test("steps go in order and administrators are counted", () => {
  const inc = data.newIncident("", "2026-11-30T22:00:00.000Z");
  assert.equal(data.nextStep(null), -1);
  assert.equal(data.nextStep(inc), 0);
  inc.steps[0].done_at = "2026-11-30T22:01:00.000Z";
  assert.equal(data.nextStep(inc), 1);
  assert.equal(data.adminCount({ platform: "", name: "", admin1: " ", admin2: "B" }), 1);
});

test("the incident log carries every step", () => {
  const rb = data.emptyRunbook();
  rb.incident = data.newIncident("@m", "2026-11-30T22:00:00.000Z");
  rb.incident.steps[1].note = "n";
  const titles = [1, 2, 3].map((n) => ({ ar: `a${n}`, en: `e${n}` }));
  const log = data.incidentLog(rb, titles, "2026-11-30T23:00:00.000Z");
  assert.equal(log.tool, data.LOG_TOOL);
  assert.deepEqual(log.steps.map((s) => [s.step, s.title.en, s.note]), [[1, "e1", ""], [2, "e2", "n"], [3, "e3", ""]]);
});
