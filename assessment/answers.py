"""Parsing and validating an answers file by hand (no jsonschema at runtime: stdlib only).

Fatal problems are collected into an `AnswersError`; non-fatal ones (unknown or removed item
ids, an older checklist version, neutralised control characters) come back as warnings so that
a slightly stale file still scores. Schema version 1 files are read and migrated to version 2
without loss; answers to items the checklist no longer has are kept (`retired`), never dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .checklist import Checklist, version_key
from .errors import AnswersError, Problem
from .strings import text as _text

Value = Literal["yes", "partial", "no", "na"]
VALUES: tuple[Value, ...] = ("yes", "partial", "no", "na")
SCHEMA_VERSION = 2
READABLE_SCHEMA_VERSIONS = (1, 2)
MAX_CHARS = 1_000_000
MAX_NOTE_CHARS = 5_000
MAX_FIELD_CHARS = 300
MAX_EVIDENCE = 20
MAX_EVIDENCE_CHARS = 2_000
ECHO_CHARS = 40
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# C0 controls other than tab/newline/carriage return, DEL, C1 controls, and the bidi
# embedding/override/isolate controls: they can hide text or reorder a line in a report.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Keys a report written by render_json adds; accepting them lets a downloaded report be
# re-imported as the "previous" file for comparison.
TOP_LEVEL_KEYS = frozenset(
    {"schema_version", "checklist", "checklist_version", "entity", "answers", "retired_answers"}
)
KNOWN_EXTRA_KEYS = frozenset({"result", "generator", "$schema"})
ENTITY_KEYS = ("name", "code", "unit", "assessor", "date")
ANSWER_KEYS = ("value", "note", "owner", "due", "evidence")


def short(value: object) -> str:
    """A value as it may be echoed in a message: repr, cut to a short prefix, printable."""
    shown = repr(value) if not isinstance(value, str) else repr(value[: ECHO_CHARS + 1])
    shown = shown.encode("utf-8", "backslashreplace").decode("utf-8")
    return shown if len(shown) <= ECHO_CHARS else shown[:ECHO_CHARS] + "…"


def _key(key: str) -> str:
    """An object key as it may appear in a path."""
    safe = _UNSAFE_ONE_LINE.sub("?", key).encode("utf-8", "backslashreplace").decode("utf-8")
    return safe if len(safe) <= ECHO_CHARS else safe[:ECHO_CHARS] + "…"


def problem(path: str, key: str, **values: object) -> Problem:
    """A `Problem` whose wording comes from the strings files (`report.<key>`), both languages."""
    return Problem(
        path,
        _text(f"report.{key}", lang="ar", **values),
        _text(f"report.{key}", lang="en", **values),
    )


@dataclass(frozen=True)
class Entity:
    name: str
    unit: str
    assessor: str
    date: str
    code: str = ""

    def as_dict(self) -> dict[str, str]:
        out = {"name": self.name, "unit": self.unit, "assessor": self.assessor, "date": self.date}
        if self.code:
            out["code"] = self.code
        return out


@dataclass(frozen=True)
class Answer:
    value: Value
    note: str = ""
    owner: str = ""
    due: str = ""
    evidence: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value}
        if self.note:
            out["note"] = self.note
        if self.owner:
            out["owner"] = self.owner
        if self.due:
            out["due"] = self.due
        if self.evidence:
            out["evidence"] = list(self.evidence)
        return out


@dataclass(frozen=True)
class Answers:
    """A validated answers file, with item ids already migrated to the current checklist."""

    checklist_id: str
    checklist_version: str
    entity: Entity
    answers: Mapping[str, Answer]
    warnings: tuple[Problem, ...] = field(default=())
    # Answers to ids this checklist does not have (removed, or from a newer checklist): kept
    # so that saving the file again loses nothing, but not scored.
    retired: Mapping[str, Answer] = field(default_factory=dict)
    # The checklist version the file was written for, when it differs from the current one.
    migrated_from: str = ""
    schema_version: int = SCHEMA_VERSION

    def value(self, item_id: str) -> Value | None:
        answer = self.answers.get(item_id)
        return None if answer is None else answer.value

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "checklist": self.checklist_id,
            "checklist_version": self.checklist_version,
            "entity": self.entity.as_dict(),
            "answers": {k: a.as_dict() for k, a in self.answers.items()},
        }
        if self.retired:
            out["retired_answers"] = {k: a.as_dict() for k, a in self.retired.items()}
        return out


def _type_key(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "object"


class _Collector:
    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, path: str, key: str, **values: object) -> None:
        self.errors.append(problem(path, key, **values))

    def warn(self, path: str, key: str, **values: object) -> None:
        self.warnings.append(problem(path, key, **values))

    def wrong_type(self, path: str, value: object, want: str) -> None:
        got = _type_key(value)
        self.errors.append(
            Problem(
                path,
                _text(
                    "report.error_wrong_type",
                    lang="ar",
                    want=_text(f"report.type_{want}", lang="ar"),
                    got=_text(f"report.type_{got}", lang="ar"),
                ),
                _text(
                    "report.error_wrong_type",
                    lang="en",
                    want=_text(f"report.type_{want}", lang="en"),
                    got=_text(f"report.type_{got}", lang="en"),
                ),
            )
        )

    def clean(self, value: str, path: str, one_line: bool) -> str:
        pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
        if not pattern.search(value):
            return value
        self.warn(path, "warning_controls_removed")
        return pattern.sub("", value)

    def text(
        self,
        raw: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
        limit: int = MAX_FIELD_CHARS,
        one_line: bool = True,
    ) -> str:
        value = raw.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            if key not in raw:
                self.error(path, "error_required")
            else:
                self.wrong_type(path, value, "string")
            return ""
        if len(value) > limit:
            self.error(path, "error_too_long", limit=limit)
            return ""
        value = self.clean(value, path, one_line)
        if required and not value.strip():
            self.error(path, "error_empty")
        return value

    def date(self, raw: Mapping[str, Any], key: str, path: str, *, required: bool) -> str:
        value = self.text(raw, key, path, required=required)
        if value and not valid_date(value):
            self.error(path, "error_date", value=short(value))
            return ""
        return value


def _reject_constant(name: str) -> Any:
    # json.loads accepts NaN and Infinity, which are not JSON; refuse them like any bad token.
    raise ValueError(f"invalid JSON constant {name}")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# A parsed string can hold a lone surrogate only if the text holds one or escapes one
# (\uD800-\uDFFF, which also matches valid pairs and escaped backslashes: those take the
# full walk below, which decides). The walk costs a third of reading a file.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _may_hold_surrogates(text: str) -> bool:
    return not _encodable(text) or _SURROGATE_ESCAPE.search(text) is not None


def _first_surrogate(value: object, path: str) -> str | None:
    """The path of the first string (key or value) holding a lone surrogate, if any."""
    if isinstance(value, str):
        return None if _encodable(value) else path
    if isinstance(value, dict):
        for k, v in value.items():
            sub = _key(k) if path == "$" else f"{path}.{_key(k)}"
            found = sub if not _encodable(k) else _first_surrogate(v, sub)
            if found:
                return found
    if isinstance(value, list):
        for i, v in enumerate(value):
            found = _first_surrogate(v, f"{path}[{i}]")
            if found:
                return found
    return None


def decode(text: str) -> object:
    """JSON text to Python objects, refusing what is not plain, encodable JSON."""
    return _decode(text, [])


def _decode(text: str, duplicates: list[str]) -> object:
    """`decode`, recording in `duplicates` every key that appears twice in one object."""
    if not isinstance(text, str):
        raise AnswersError([problem("$", "error_not_text")])
    if len(text) > MAX_CHARS:
        raise AnswersError([problem("$", "error_too_large", size=len(text), limit=MAX_CHARS)])

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                duplicates.append(key)
            out[key] = value
        return out

    try:
        raw = json.loads(
            text.lstrip("\ufeff"), parse_constant=_reject_constant, object_pairs_hook=pairs
        )
    except json.JSONDecodeError as exc:
        raise AnswersError(
            [problem("$", "error_json_at", line=exc.lineno, column=exc.colno)]
        ) from None
    except (ValueError, RecursionError):
        raise AnswersError([problem("$", "error_json")]) from None
    try:
        where = _first_surrogate(raw, "$") if _may_hold_surrogates(text) else None
    except RecursionError:
        raise AnswersError([problem("$", "error_json")]) from None
    if where is not None:
        raise AnswersError([problem(where, "error_surrogate")])
    return raw


def parse_answers(text: str, checklist: Checklist) -> Answers:
    """Parse an answers file; raise `AnswersError` with every fatal problem found."""
    duplicates: list[str] = []
    answers = answers_from_object(_decode(text, duplicates), checklist)
    if not duplicates:
        return answers
    # JSON keeps the last of two equal keys; say so rather than lose the first silently.
    seen = list(dict.fromkeys(duplicates))
    found = ", ".join(short(k) for k in seen[:5])
    extra = (problem("$", "warning_duplicate_keys", keys=found, count=len(seen)),)
    return dataclasses.replace(answers, warnings=answers.warnings + extra)


def _schema_version(raw: Mapping[str, Any], c: _Collector) -> int:
    found = raw.get("schema_version")
    if isinstance(found, int) and not isinstance(found, bool) and found in READABLE_SCHEMA_VERSIONS:
        return found
    if "schema_version" not in raw:
        c.error("schema_version", "error_required_schema")
    else:
        c.error("schema_version", "error_schema_version", value=short(found))
    return SCHEMA_VERSION


def _entity(raw: Mapping[str, Any], c: _Collector) -> Entity:
    entity_raw = raw.get("entity")
    if not isinstance(entity_raw, dict):
        if "entity" not in raw:
            c.error("entity", "error_required")
        else:
            c.wrong_type("entity", entity_raw, "object")
        return Entity("", "", "", "")
    for key in entity_raw:
        if key not in ENTITY_KEYS:
            c.warn(f"entity.{_key(str(key))}", "warning_unknown_field")
    return Entity(
        name=c.text(entity_raw, "name", "entity.name", required=True),
        unit=c.text(entity_raw, "unit", "entity.unit"),
        assessor=c.text(entity_raw, "assessor", "entity.assessor"),
        date=c.date(entity_raw, "date", "entity.date", required=True),
        code=c.text(entity_raw, "code", "entity.code"),
    )


def _version(raw: Mapping[str, Any], checklist: Checklist, c: _Collector) -> str:
    checklist_id = c.text(raw, "checklist", "checklist", required=True)
    if checklist_id and checklist_id != checklist.id:
        c.error("checklist", "error_other_checklist", found=short(checklist_id), want=checklist.id)
    version = c.text(raw, "checklist_version", "checklist_version", required=True)
    if version and version != checklist.version:
        if version_key(version) > version_key(checklist.version):
            c.warn(
                "checklist_version",
                "warning_newer_version",
                found=short(version),
                current=checklist.version,
            )
        else:
            c.warn(
                "checklist_version",
                "warning_migrated",
                found=short(version),
                current=checklist.version,
            )
    return version


def _answers_object(raw: Mapping[str, Any], key: str, c: _Collector) -> Mapping[str, Any]:
    value = raw.get(key)
    if isinstance(value, dict):
        return value
    if key not in raw:
        if key == "answers":
            c.error("answers", "error_required_answers")
    else:
        c.wrong_type(key, value, "object")
    return {}


def answers_from_object(raw: object, checklist: Checklist) -> Answers:
    c = _Collector()
    if not isinstance(raw, dict):
        c.wrong_type("$", raw, "object")
        raise AnswersError(c.errors)
    schema_version = _schema_version(raw, c)
    version = _version(raw, checklist, c)
    entity = _entity(raw, c)
    for key in raw:
        if key not in TOP_LEVEL_KEYS and key not in KNOWN_EXTRA_KEYS:
            c.warn(_key(str(key)), "warning_unknown_field")

    known = set(checklist.item_ids())
    answers: dict[str, Answer] = {}
    retired: dict[str, Answer] = {}
    for raw_id, entry in _answers_object(raw, "answers", c).items():
        path = f"answers.{_key(raw_id)}"
        item_id = raw_id
        if raw_id not in known:
            if raw_id in checklist.renamed:
                item_id = checklist.renamed[raw_id]
                c.warn(path, "warning_renamed", new=item_id)
            else:
                answer = _answer(entry, path, c)
                if answer is not None:
                    removed = raw_id in checklist.removed
                    c.warn(path, "warning_removed_kept" if removed else "warning_unknown_kept")
                    retired[_key(raw_id)] = answer
                continue
        answer = _answer(entry, path, c)
        if answer is None:
            continue
        # An old id and its new name both answered: the current id is the newer intent.
        if item_id in answers and raw_id != item_id:
            c.warn(path, "warning_duplicate_old", new=item_id)
            retired[_key(raw_id)] = answer
            continue
        answers[item_id] = answer
    for raw_id, entry in _answers_object(raw, "retired_answers", c).items():
        answer = _answer(entry, f"retired_answers.{_key(raw_id)}", c)
        if answer is not None:
            retired.setdefault(_key(raw_id), answer)

    if c.errors:
        raise AnswersError(c.errors)
    ordered = {i: answers[i] for i in checklist.item_ids() if i in answers}
    return Answers(
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        entity=entity,
        answers=ordered,
        warnings=tuple(c.warnings),
        retired=retired,
        migrated_from=version if version != checklist.version else "",
        schema_version=schema_version,
    )


def _evidence(entry: Mapping[str, Any], path: str, c: _Collector) -> tuple[str, ...] | None:
    raw = entry.get("evidence")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.wrong_type(f"{path}.evidence", raw, "list")
        return None
    if len(raw) > MAX_EVIDENCE:
        c.error(f"{path}.evidence", "error_too_many", limit=MAX_EVIDENCE)
        return None
    out = []
    before = len(c.errors)
    for i, item in enumerate(raw):
        if not isinstance(item, str):
            c.wrong_type(f"{path}.evidence[{i}]", item, "string")
            continue
        value = c.text({"e": item}, "e", f"{path}.evidence[{i}]", limit=MAX_EVIDENCE_CHARS)
        if value.strip():
            out.append(value.strip())
    return tuple(out) if len(c.errors) == before else None


def _answer(entry: object, path: str, c: _Collector) -> Answer | None:
    if not isinstance(entry, dict):
        c.wrong_type(path, entry, "answer")
        return None
    before = len(c.errors)
    value = _as_value(entry.get("value"))
    if value is None:
        if "value" not in entry:
            c.error(f"{path}.value", "error_required_value")
        else:
            c.error(f"{path}.value", "error_value", value=short(entry.get("value")))
    note = c.text(entry, "note", f"{path}.note", limit=MAX_NOTE_CHARS, one_line=False)
    owner = c.text(entry, "owner", f"{path}.owner")
    due = c.date(entry, "due", f"{path}.due", required=False)
    evidence = _evidence(entry, path, c)
    for key in entry:
        if key not in ANSWER_KEYS:
            c.warn(f"{path}.{_key(str(key))}", "warning_unknown_field")
    if value is None or evidence is None or len(c.errors) != before:
        return None
    return Answer(value, note, owner, due, evidence)


def _as_value(value: object) -> Value | None:
    for known in VALUES:
        if value == known and isinstance(value, str):
            return known
    return None


def valid_date(text: str) -> bool:
    if not DATE_RE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def entity_slug(answers: Answers) -> str:
    slug = re.sub(r"[^\w]+", "-", answers.entity.name.casefold()).strip("-_")
    return slug[:60].strip("-_") or "entity"
