// Unit tests of the answers document and task-list state (node --test tests/js/).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  buildDoc, datedPlan, domainStatus, emptyState, isOverdue, engineText, evidenceLines, landingStep, parseSaved, stateFromDoc, stateFromScored,
  stepFromHash, summary, withEarlyInput,
} from "../../overrides/assets/javascripts/assessment/model.js";

const entity = { name: "Ministry", code: "", unit: "", assessor: "K.", date: "2026-11-28" };
const fileEntity = { name: "Ministry", unit: "", assessor: "K.", date: "2026-11-28" };
/** @param {object} parts */
const st = (parts) => ({ ...emptyState(), entity, ...parts });

test("the answers file keeps notes with answers and notes of unanswered questions aside", () => {
  const { doc, pendingNotes } = buildDoc(st({ values: { a: "yes" }, notes: { a: "n1", b: "n2" } }), "cl", "1.0");
  assert.deepEqual(doc, { schema_version: 2, checklist: "cl", checklist_version: "1.0", entity: fileEntity, answers: { a: { value: "yes", note: "n1" } } });
  assert.deepEqual(pendingNotes, { b: "n2" });
});

test("schema 2: entity code, plan fields (only non-empty ones) and retired answers are written", () => {
  const state = st({
    entity: { ...entity, code: "MODEE-01" },
    values: { a: "no", b: "yes" },
    notes: {},
    plans: { a: { owner: "Media unit", due: "2027-01-31", evidence: ["https://x.example/a"] }, b: { owner: "", due: "", evidence: [] }, c: { owner: "Later" } },
    retired: { gone: { value: "partial", owner: "Old" } },
  });
  const { doc, pendingPlans } = buildDoc(state, "cl", "1.0");
  assert.deepEqual(doc, {
    schema_version: 2, checklist: "cl", checklist_version: "1.0",
    entity: { ...fileEntity, code: "MODEE-01" },
    answers: { a: { value: "no", owner: "Media unit", due: "2027-01-31", evidence: ["https://x.example/a"] }, b: { value: "yes" } },
    retired_answers: { gone: { value: "partial", owner: "Old" } },
  });
  assert.deepEqual(pendingPlans, { c: { owner: "Later" } });
});

test("a saved state round-trips, and what is not the checklist's is dropped", () => {
  const state = st({ values: { a: "yes", b: "na" }, notes: { a: "x", c: "pending" }, plans: { a: { due: "2027-02-01" }, c: { owner: "O" } } });
  const { doc, pendingNotes, pendingPlans } = buildDoc(state, "cl", "1.0");
  const raw = JSON.stringify({ doc, pending_notes: pendingNotes, pending_plans: pendingPlans });
  assert.deepEqual(parseSaved(raw, new Set(["a", "b", "c"])), state);
  assert.deepEqual(parseSaved(raw, new Set(["a"])), st({ values: { a: "yes" }, notes: { a: "x" }, plans: { a: { due: "2027-02-01" } } }));
});

test("an old saved state (schema 1, no plans) still loads and is written back as schema 2", () => {
  const v1 = { schema_version: 1, checklist: "cl", checklist_version: "1.0", entity: fileEntity, answers: { a: { value: "no", note: "n" } } };
  const state = parseSaved(JSON.stringify({ doc: v1, pending_notes: { b: "p" } }), new Set(["a", "b"]));
  assert.deepEqual(state, st({ values: { a: "no" }, notes: { a: "n", b: "p" } }));
  const { doc } = buildDoc(/** @type {any} */ (state), "cl", "1.0");
  assert.deepEqual(doc, { ...v1, schema_version: 2 });
});

test("a schema 2 file read and written again is unchanged", () => {
  const v2 = {
    schema_version: 2, checklist: "cl", checklist_version: "1.0",
    entity: { ...fileEntity, code: "E-7" },
    answers: { a: { value: "partial", note: "n", owner: "PR office", due: "2027-03-01", evidence: ["doc 12/2026", "https://x.example"] }, b: { value: "na" } },
    retired_answers: { "old-1": { value: "no", note: "kept", owner: "X", due: "2026-05-01", evidence: ["e"] } },
  };
  const { doc } = buildDoc(stateFromDoc(v2), "cl", "1.0");
  assert.equal(JSON.stringify(doc), JSON.stringify(v2));
});

test("hostile plan fields and retired answers are left out, never thrown", () => {
  const state = stateFromDoc({
    entity: { code: 7 },
    answers: {
      a: { value: "no", owner: 5, due: "tomorrow", evidence: "one" },
      b: { value: "no", owner: "ok", due: "2027-13-45", evidence: [1, null, " x ", "", { a: 1 }] },
      c: { value: "no", evidence: Array.from({ length: 30 }, (_, i) => `e${i}`) },
    },
    retired_answers: { r1: "yes", r2: { value: "maybe" }, r3: [1], r4: { value: "yes", due: 3 }, __proto__: { value: "yes" } },
  });
  assert.equal(state.entity.code, "");
  assert.deepEqual(state.plans.a, undefined);
  assert.deepEqual(state.plans.b, { owner: "ok", evidence: ["x"] });
  assert.equal(state.plans.c.evidence?.length, 20);
  assert.deepEqual(state.retired, { r4: { value: "yes" } });
  const saved = /** @type {any} */ (parseSaved(JSON.stringify({ doc: {}, pending_plans: { a: "x", b: { due: 5 }, c: { owner: "o" } } })));
  assert.deepEqual(saved.plans, { c: { owner: "o" } });
});

test("evidence: one reference per line, trimmed, at most 20", () => {
  assert.deepEqual(evidenceLines("  a \r\n\n b\n   \n"), ["a", "b"]);
  assert.equal(evidenceLines(Array.from({ length: 25 }, (_, i) => `l${i}`).join("\n")).length, 20);
  assert.deepEqual(evidenceLines(""), []);
});

test("malformed saved data never throws", () => {
  assert.equal(parseSaved(null), null);
  assert.equal(parseSaved("{not json"), "corrupt");
  assert.equal(parseSaved("[]"), "corrupt");
  const odd = stateFromDoc({ entity: { name: 5 }, answers: { a: { value: "maybe" }, b: "yes", c: { value: "no", note: 3 } } });
  assert.deepEqual(odd, { ...emptyState(), values: { c: "no" } });
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
  const empty = emptyState();
  assert.equal(landingStep(empty, "domain-2"), "domain-2");
  assert.equal(landingStep({ ...empty, values: { a: "no" } }, "domain-2"), "overview");
});

test("answers given before the script ran are kept over the saved ones; the entity is not taken", () => {
  const saved = st({ values: { a: "yes", b: "no" }, notes: { b: "saved note" }, plans: { b: { owner: "Unit", due: "", evidence: [] } }, retired: { old: { value: "no" } } });
  const early = { ...emptyState(), entity: { ...entity, name: "restored by the browser" }, values: { b: "partial", c: "na" }, notes: { c: "typed early" } };
  const { state, kept } = withEarlyInput(saved, early);
  assert.equal(kept, 3);
  assert.deepEqual(state.values, { a: "yes", b: "partial", c: "na" });
  assert.deepEqual(state.notes, { b: "saved note", c: "typed early" });
  assert.deepEqual(state.plans, saved.plans);
  assert.deepEqual(state.entity, entity);
  assert.deepEqual(state.retired, saved.retired);
  assert.deepEqual(saved.values, { a: "yes", b: "no" }, "the saved state is not changed");
  assert.deepEqual(withEarlyInput(saved, emptyState()), { state: saved, kept: 0 });
});

test("a resumed file takes the engine's migrated items and the file's own entity", () => {
  const data = {
    entity: { name: "Old ministry", code: "OM", date: "2025-01-01" },
    answers: { removed: { value: "no", owner: "A" }, "new-id": { value: "yes" } },
    retired_answers: { older: { value: "yes", evidence: ["x"] }, ignored: { value: "no" } },
  };
  const items = [
    { id: "new-id", value: "yes", note: "kept", owner: "Comms", due: "2025-06-30", evidence_given: ["https://e.example"] },
    { id: "b", value: null, owner: "", due: "", evidence_given: [] },
  ];
  const state = stateFromScored(data, items, ["older", "removed"]);
  assert.deepEqual(state.values, { "new-id": "yes" });
  assert.deepEqual(state.notes, { "new-id": "kept" });
  assert.deepEqual(state.plans, { "new-id": { owner: "Comms", due: "2025-06-30", evidence: ["https://e.example"] } });
  assert.deepEqual(state.retired, { older: { value: "yes", evidence: ["x"] }, removed: { value: "no", owner: "A" } });
  assert.equal(state.entity.code, "OM");
  assert.deepEqual(summary(state), { name: "Old ministry", assessor: "", date: "2025-01-01", answered: 1 });
});

test("overdue: a due date before the assessment date on an item still to act on", () => {
  assert.equal(isOverdue({ due: "2026-01-01", value: "no" }, "2026-06-01"), true);
  assert.equal(isOverdue({ due: "2026-01-01", value: "partial" }, "2026-06-01"), true);
  assert.equal(isOverdue({ due: "2026-06-01", value: "no" }, "2026-06-01"), false);
  assert.equal(isOverdue({ due: "2026-01-01", value: "yes" }, "2026-06-01"), false);
  assert.equal(isOverdue({ due: "2026-01-01", value: "na" }, "2026-06-01"), false);
  assert.equal(isOverdue({ due: "2026-01-01", value: "na", unjustified_na: true }, "2026-06-01"), true);
  assert.equal(isOverdue({ due: "", value: "no" }, "2026-06-01"), false);
  assert.equal(isOverdue({ due: 5, value: "no" }, "2026-06-01"), false);
});

test("the calendar has the plan items with a due date", () => {
  assert.deepEqual(datedPlan([{ id: "a", due: "2027-01-01" }, { id: "b", due: "" }, null, "x"]).map((i) => i.id), ["a"]);
  assert.deepEqual(datedPlan(undefined), []);
});
