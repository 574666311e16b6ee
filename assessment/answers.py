"""Parsing and validating an answers file by hand (no jsonschema at runtime: stdlib only).

Fatal problems are collected into an `AnswersError`; non-fatal ones (unknown or removed item
ids, an older checklist version) come back as warnings so that a slightly stale file still
scores.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .checklist import Checklist, version_key
from .errors import AnswersError, Problem

Value = Literal["yes", "partial", "no", "na"]
VALUES: tuple[Value, ...] = ("yes", "partial", "no", "na")
SCHEMA_VERSION = 1
MAX_CHARS = 1_000_000
MAX_NOTE_CHARS = 5_000
MAX_FIELD_CHARS = 300
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Keys a report written by render_json adds; accepting them lets a downloaded report be
# re-imported as the "previous" file for comparison.
TOP_LEVEL_KEYS = frozenset(
    {"schema_version", "checklist", "checklist_version", "entity", "answers"}
)
KNOWN_EXTRA_KEYS = frozenset({"result", "generator", "$schema"})


@dataclass(frozen=True)
class Entity:
    name: str
    unit: str
    assessor: str
    date: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "unit": self.unit, "assessor": self.assessor, "date": self.date}


@dataclass(frozen=True)
class Answer:
    value: Value
    note: str = ""

    def as_dict(self) -> dict[str, str]:
        out: dict[str, str] = {"value": self.value}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Answers:
    """A validated answers file, with item ids already migrated to the current checklist."""

    checklist_id: str
    checklist_version: str
    entity: Entity
    answers: Mapping[str, Answer]
    warnings: tuple[Problem, ...] = field(default=())

    def value(self, item_id: str) -> Value | None:
        answer = self.answers.get(item_id)
        return None if answer is None else answer.value

    def as_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "checklist": self.checklist_id,
            "checklist_version": self.checklist_version,
            "entity": self.entity.as_dict(),
            "answers": {k: a.as_dict() for k, a in self.answers.items()},
        }


def _type_name(value: object) -> tuple[str, str]:
    if value is None:
        return "null", "null"
    if isinstance(value, bool):
        return "a boolean", "قيمة منطقية"
    if isinstance(value, (int, float)):
        return "a number", "رقماً"
    if isinstance(value, str):
        return "a string", "نصاً"
    if isinstance(value, list):
        return "a list", "قائمة"
    return "an object", "كائناً"


class _Collector:
    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, path: str, en: str, ar: str) -> None:
        self.errors.append(Problem(path, ar, en))

    def warn(self, path: str, en: str, ar: str) -> None:
        self.warnings.append(Problem(path, ar, en))

    def wrong_type(self, path: str, value: object, want_en: str, want_ar: str) -> None:
        got_en, got_ar = _type_name(value)
        self.error(path, f"expected {want_en}, got {got_en}", f"يُتوقع {want_ar}، والموجود {got_ar}")

    def text(self, raw: Mapping[str, Any], key: str, path: str, required: bool, limit: int) -> str:
        value = raw.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            if key not in raw:
                self.error(path, "this field is required", "هذا الحقل مطلوب")
            else:
                self.wrong_type(path, value, "a string", "نصاً")
            return ""
        if required and not value.strip():
            self.error(path, "must not be empty", "يجب ألّا يكون فارغاً")
        if len(value) > limit:
            self.error(path, f"longer than {limit} characters", f"أطول من {limit} حرف")
        return value


def _reject_constant(name: str) -> Any:
    # json.loads accepts NaN and Infinity, which are not JSON; refuse them like any bad token.
    raise ValueError(f"invalid JSON constant {name}")


def _decode(text: str) -> object:
    if len(text) > MAX_CHARS:
        raise AnswersError(
            [
                Problem(
                    "$",
                    f"الملف كبير جداً ({len(text):,} حرف)؛ الحد الأقصى {MAX_CHARS:,} حرف.",
                    f"The file is too large ({len(text):,} characters); "
                    f"the limit is {MAX_CHARS:,}.",
                )
            ]
        )
    try:
        return json.loads(text.lstrip("\ufeff"), parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise AnswersError(
            [
                Problem(
                    "$",
                    f"ليس ملف JSON صالحاً: خطأ في السطر {exc.lineno}، العمود {exc.colno}.",
                    f"Not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
                )
            ]
        ) from None
    except (ValueError, RecursionError):
        raise AnswersError([Problem("$", "ليس ملف JSON صالحاً.", "Not valid JSON.")]) from None


def parse_answers(text: str, checklist: Checklist) -> Answers:
    """Parse an answers file; raise `AnswersError` with every fatal problem found."""
    return answers_from_object(_decode(text), checklist)


def answers_from_object(raw: object, checklist: Checklist) -> Answers:
    c = _Collector()
    if not isinstance(raw, dict):
        c.wrong_type("$", raw, "an object", "كائناً")
        raise AnswersError(c.errors)

    schema_version = raw.get("schema_version")
    if schema_version != SCHEMA_VERSION or isinstance(schema_version, bool):
        if "schema_version" not in raw:
            c.error("schema_version", "this field is required (1)", "هذا الحقل مطلوب (1)")
        else:
            c.error(
                "schema_version",
                f"unsupported schema version {schema_version!r}; expected 1",
                f"إصدار مخطط غير مدعوم {schema_version!r}؛ المتوقع 1",
            )

    checklist_id = c.text(raw, "checklist", "checklist", True, MAX_FIELD_CHARS)
    if checklist_id and checklist_id != checklist.id:
        c.error(
            "checklist",
            f"this file answers checklist {checklist_id!r}, not {checklist.id!r}",
            f"هذا الملف يجيب عن قائمة {checklist_id!r} وليس {checklist.id!r}",
        )
    version = c.text(raw, "checklist_version", "checklist_version", True, MAX_FIELD_CHARS)

    entity_raw = raw.get("entity")
    entity = Entity("", "", "", "")
    if not isinstance(entity_raw, dict):
        if "entity" not in raw:
            c.error("entity", "this field is required", "هذا الحقل مطلوب")
        else:
            c.wrong_type("entity", entity_raw, "an object", "كائناً")
    else:
        date = c.text(entity_raw, "date", "entity.date", True, MAX_FIELD_CHARS)
        if date and not _valid_date(date):
            c.error(
                "entity.date", "expected a date as YYYY-MM-DD", "يُتوقع تاريخ بالصيغة YYYY-MM-DD"
            )
        entity = Entity(
            name=c.text(entity_raw, "name", "entity.name", True, MAX_FIELD_CHARS),
            unit=c.text(entity_raw, "unit", "entity.unit", False, MAX_FIELD_CHARS),
            assessor=c.text(entity_raw, "assessor", "entity.assessor", False, MAX_FIELD_CHARS),
            date=date,
        )
        for key in entity_raw:
            if key not in ("name", "unit", "assessor", "date"):
                c.warn(f"entity.{key}", "unknown field, ignored", "حقل غير معروف، تم تجاهله")

    for key in raw:
        if key not in TOP_LEVEL_KEYS and key not in KNOWN_EXTRA_KEYS:
            c.warn(str(key), "unknown field, ignored", "حقل غير معروف، تم تجاهله")

    answers_raw = raw.get("answers")
    answers: dict[str, Answer] = {}
    if not isinstance(answers_raw, dict):
        if "answers" not in raw:
            c.error(
                "answers",
                "this field is required (it may be an empty object)",
                "هذا الحقل مطلوب (ويمكن أن يكون كائناً فارغاً)",
            )
        else:
            c.wrong_type("answers", answers_raw, "an object", "كائناً")
        answers_raw = {}

    known = set(checklist.item_ids())
    newer = bool(version) and version_key(version) > version_key(checklist.version)
    if version and version != checklist.version:
        if newer:
            c.warn(
                "checklist_version",
                f"made for checklist {version}, newer than this engine's "
                f"{checklist.version}; unknown items are ignored",
                f"أُعدّ الملف للإصدار {version} وهو أحدث من إصدار المحرك "
                f"{checklist.version}؛ تُتجاهل البنود غير المعروفة",
            )
        else:
            c.warn(
                "checklist_version",
                f"made for checklist {version}; migrated to {checklist.version}",
                f"أُعدّ الملف للإصدار {version}؛ تم ترحيله إلى الإصدار {checklist.version}",
            )

    for raw_id, entry in answers_raw.items():
        path = f"answers.{raw_id}"
        item_id = raw_id
        if raw_id not in known:
            if raw_id in checklist.renamed:
                item_id = checklist.renamed[raw_id]
                c.warn(
                    path,
                    f"item renamed to {item_id!r}; answer moved",
                    f"أُعيدت تسمية البند إلى {item_id!r} ونُقلت الإجابة",
                )
            elif raw_id in checklist.removed:
                c.warn(
                    path,
                    "item removed from the checklist; answer ignored",
                    "حُذف البند من القائمة؛ تم تجاهل الإجابة",
                )
                continue
            else:
                c.warn(
                    path, "unknown item id; answer ignored", "معرّف بند غير معروف؛ تم تجاهل الإجابة"
                )
                continue
        answer = _answer(entry, path, c)
        if answer is None:
            continue
        # An old id and its new name both answered: the current id is the newer intent.
        if item_id in answers and raw_id != item_id:
            c.warn(
                path,
                f"{item_id!r} is also answered; this old answer is ignored",
                f"البند {item_id!r} مُجاب أيضاً؛ تم تجاهل هذه الإجابة القديمة",
            )
            continue
        answers[item_id] = answer

    if c.errors:
        raise AnswersError(c.errors)
    ordered = {i: answers[i] for i in checklist.item_ids() if i in answers}
    return Answers(
        checklist_id=checklist_id,
        checklist_version=version,
        entity=entity,
        answers=ordered,
        warnings=tuple(c.warnings),
    )


def _answer(entry: object, path: str, c: _Collector) -> Answer | None:
    if not isinstance(entry, dict):
        c.wrong_type(
            path, entry, 'an object such as {"value": "yes"}', 'كائناً مثل {"value": "yes"}'
        )
        return None
    value = entry.get("value")
    note = entry.get("note", "")
    ok = True
    if _as_value(value) is None:
        ok = False
        if "value" not in entry:
            c.error(
                f"{path}.value",
                "this field is required (yes, partial, no or na)",
                "هذا الحقل مطلوب (yes أو partial أو no أو na)",
            )
        else:
            c.error(
                f"{path}.value",
                f"unknown value {value!r}; expected yes, partial, no or na",
                f"قيمة غير معروفة {value!r}؛ المتوقع yes أو partial أو no أو na",
            )
    if note is None:
        note = ""
    if not isinstance(note, str):
        ok = False
        c.wrong_type(f"{path}.note", note, "a string", "نصاً")
    elif len(note) > MAX_NOTE_CHARS:
        ok = False
        c.error(
            f"{path}.note",
            f"longer than {MAX_NOTE_CHARS} characters",
            f"أطول من {MAX_NOTE_CHARS} حرف",
        )
    for key in entry:
        if key not in ("value", "note"):
            c.warn(f"{path}.{key}", "unknown field, ignored", "حقل غير معروف، تم تجاهله")
    checked = _as_value(value)
    if not ok or checked is None or not isinstance(note, str):
        return None
    return Answer(checked, note)


def _as_value(value: object) -> Value | None:
    for known in VALUES:
        if value == known and isinstance(value, str):
            return known
    return None


def _valid_date(text: str) -> bool:
    if not DATE_RE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
