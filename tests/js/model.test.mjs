// Unit tests of the answers document and task-list state (node --test tests/js/).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  buildDoc, domainStatus, engineText, landingStep, parseSaved, stateFromDoc, stateFromScored, stepFromHash, summary,
} from "../../overrides/assets/javascripts/assessment/model.js";

const entity = { name: "Ministry", unit: "", assessor: "K.", date: "2026-11-28" };

test("the answers file keeps notes with answers and notes of unanswered questions aside", () => {
  const { doc, pendingNotes } = buildDoc({ entity, values: { a: "yes" }, notes: { a: "n1", b: "n2" } }, "cl", "1.0");
  assert.deepEqual(doc, { schema_version: 1, checklist: "cl", checklist_version: "1.0", entity, answers: { a: { value: "yes", note: "n1" } } });
  assert.deepEqual(pendingNotes, { b: "n2" });
});

test("a saved state round-trips, and what is not the checklist's is dropped", () => {
  const state = { entity, values: { a: "yes", b: "na" }, notes: { a: "x", c: "pending" } };
  const { doc, pendingNotes } = buildDoc(state, "cl", "1.0");
  const raw = JSON.stringify({ doc, pending_notes: pendingNotes });
  assert.deepEqual(parseSaved(raw, new Set(["a", "b", "c"])), state);
  assert.deepEqual(parseSaved(raw, new Set(["a"])), { entity, values: { a: "yes" }, notes: { a: "x" } });
});

test("malformed saved data never throws", () => {
  assert.equal(parseSaved(null), null);
  assert.equal(parseSaved("{not json"), "corrupt");
  assert.equal(parseSaved("[]"), "corrupt");
  const odd = stateFromDoc({ entity: { name: 5 }, answers: { a: { value: "maybe" }, b: "yes", c: { value: "no", note: 3 } } });
  assert.deepEqual(odd, { entity: { name: "", unit: "", assessor: "", date: "" }, values: { c: "no" }, notes: {} });
  assert.deepEqual(stateFromDoc(JSON.parse('{"__proto__": {"x": 1}, "answers": {"__proto__": {"value": "yes"}}}')).values, {});
});

test("the engine gets placeholders for a missing name and date, never for a wrong type", () => {
  const sent = JSON.parse(engineText({ entity: { name: " ", date: "" }, answers: {} }, "2026-01-01"));
  assert.deepEqual(sent.entity, { name: "-", date: "2026-01-01", unit: "", assessor: "" });
  assert.equal(JSON.parse(engineText({ entity: { name: 5 } }, "2026-01-01")).entity.name, 5);
  assert.equal(engineText([1]), "[1]");
});

test("domain status", () => {
  assert.equal(domainStatus(0, 3), "not_started");
  assert.equal(domainStatus(1, 3), "in_progress");
  assert.equal(domainStatus(3, 3), "completed");
});

test("steps from URL fragments", () => {
  const steps = new Set(["overview", "domain-5", "check"]);
  assert.equal(stepFromHash("#domain-5", steps), "domain-5");
  assert.equal(stepFromHash("#nope", steps), null);
  assert.equal(stepFromHash("", steps), null);
});

test("a first visit lands on the first domain, a returning one on the task list", () => {
  const empty = { entity: { name: "", unit: "", assessor: "", date: "" }, values: {}, notes: {} };
  assert.equal(landingStep(empty, "domain-2"), "domain-2");
  assert.equal(landingStep({ ...empty, values: { a: "no" } }, "domain-2"), "overview");
});

test("a resumed file takes the engine's migrated items and the file's own entity", () => {
  const data = { entity: { name: "Old ministry", date: "2025-01-01" } };
  const state = stateFromScored(data, [{ id: "new-id", value: "yes", note: "kept" }, { id: "b", value: null }]);
  assert.deepEqual(state.values, { "new-id": "yes" });
  assert.deepEqual(state.notes, { "new-id": "kept" });
  assert.deepEqual(summary(state), { name: "Old ministry", assessor: "", date: "2025-01-01", answered: 1 });
});
