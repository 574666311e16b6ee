"""Validation of answers files: precise bilingual errors, warnings, migration."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from assessment.answers import MAX_CHARS, parse_answers
from assessment.checklist import Checklist, checklist_from_dict, default_checklist
from assessment.errors import AnswersError, AssessmentError

CL = default_checklist()


def doc(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "schema_version": 1,
        "checklist": CL.id,
        "checklist_version": CL.version,
        "entity": {"name": "Ministry", "unit": "Media", "assessor": "Ali", "date": "2026-11-01"},
        "answers": {"gov-two-admins": {"value": "yes", "note": "both approved"}},
    }
    base.update(changes)
    return base


def errors_of(data: object, checklist: Checklist = CL) -> dict[str, AssessmentError]:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(AnswersError) as info:
        parse_answers(text, checklist)
    for p in info.value.problems:
        assert p.ar and p.en and p.path
    return {p.path: info.value for p in info.value.problems}


def test_valid_file_parses() -> None:
    a = parse_answers(json.dumps(doc()), CL)
    assert a.value("gov-two-admins") == "yes"
    assert a.answers["gov-two-admins"].note == "both approved"
    assert a.warnings == ()


def test_valid_file_matches_the_published_schema() -> None:
    from importlib import resources

    schema = json.loads(
        resources.files("assessment").joinpath("schemas/answers.schema.json").read_text("utf-8")
    )
    jsonschema.validate(doc(), schema)


def test_not_json() -> None:
    assert "$" in errors_of("{not json")


def test_nan_is_not_json() -> None:
    assert "$" in errors_of('{"schema_version": NaN}')


def test_bom_is_accepted() -> None:
    assert parse_answers("\ufeff" + json.dumps(doc()), CL).entity.name == "Ministry"


def test_too_large() -> None:
    text = " " * (MAX_CHARS + 1)
    with pytest.raises(AnswersError) as info:
        parse_answers(text, CL)
    assert "1,000,000" in info.value.en and "1,000,000" in info.value.ar


def test_wrong_top_level_type() -> None:
    assert "$" in errors_of([1, 2])


def test_missing_fields_are_named() -> None:
    paths = errors_of({"schema_version": 1})
    assert {"checklist", "checklist_version", "entity", "answers"} <= set(paths)


def test_wrong_schema_version() -> None:
    assert "schema_version" in errors_of(doc(schema_version=3))
    assert "schema_version" in errors_of(doc(schema_version=True))


def test_other_checklist() -> None:
    assert "checklist" in errors_of(doc(checklist="something-else"))


def test_entity_fields() -> None:
    paths = errors_of(doc(entity={"name": "", "date": "2026-02-30", "unit": 5}))
    assert {"entity.name", "entity.date", "entity.unit"} <= set(paths)


def test_unknown_value_is_an_error_with_path() -> None:
    err = errors_of(doc(answers={"gov-2fa": {"value": "maybe"}}))["answers.gov-2fa.value"]
    assert "maybe" in err.en


def test_answer_must_be_an_object() -> None:
    assert "answers.gov-2fa" in errors_of(doc(answers={"gov-2fa": "yes"}))


def test_note_type() -> None:
    assert "answers.gov-2fa.note" in errors_of(doc(answers={"gov-2fa": {"value": "no", "note": 3}}))


def test_unknown_item_is_a_warning_not_an_error() -> None:
    a = parse_answers(json.dumps(doc(answers={"nope": {"value": "yes"}})), CL)
    assert a.answers == {}
    assert [w.path for w in a.warnings] == ["answers.nope"]


def test_report_extras_are_accepted_silently() -> None:
    a = parse_answers(json.dumps(doc(result={}, generator={})), CL)
    assert a.warnings == ()


def _old_checklist() -> Checklist:
    data = CL.as_dict()
    data["version"] = "1.2.0"
    data["renamed"] = {"gov-admins": "gov-two-admins"}
    data["removed"] = ["gov-fax"]
    return checklist_from_dict(data)


def test_older_version_is_migrated() -> None:
    cl = _old_checklist()
    text = json.dumps(
        doc(
            checklist_version="1.0.0",
            answers={"gov-admins": {"value": "partial"}, "gov-fax": {"value": "yes"}},
        )
    )
    a = parse_answers(text, cl)
    assert a.value("gov-two-admins") == "partial"
    assert "gov-fax" not in a.answers
    paths = [w.path for w in a.warnings]
    assert paths == ["checklist_version", "answers.gov-admins", "answers.gov-fax"]


def test_renamed_and_current_id_both_answered_keeps_current() -> None:
    text = json.dumps(
        doc(
            checklist_version="1.0.0",
            answers={"gov-two-admins": {"value": "yes"}, "gov-admins": {"value": "no"}},
        )
    )
    a = parse_answers(text, _old_checklist())
    assert a.value("gov-two-admins") == "yes"


def test_newer_version_warns() -> None:
    a = parse_answers(json.dumps(doc(checklist_version="9.0.0")), CL)
    assert [w.path for w in a.warnings] == ["checklist_version"]


def test_all_errors_are_reported_at_once() -> None:
    data = doc(schema_version=3, answers={"gov-2fa": {"value": 1}, "plan-kpis": {"value": "x"}})
    paths = errors_of(data)
    assert {"schema_version", "answers.gov-2fa.value", "answers.plan-kpis.value"} <= set(paths)


def _schema() -> dict[str, Any]:
    from importlib import resources

    text = resources.files("assessment").joinpath("schemas/answers.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def test_schema_2_fields_are_read_and_written_back() -> None:
    data = doc(schema_version=2)
    data["entity"]["code"] = "MOX-01"
    data["answers"]["gov-2fa"] = {
        "value": "partial",
        "owner": "IT unit",
        "due": "2027-01-31",
        "evidence": ["https://intranet.example/2fa", "Memo 14/2026"],
    }
    jsonschema.validate(data, _schema())
    a = parse_answers(json.dumps(data), CL)
    assert a.entity.code == "MOX-01"
    assert a.answers["gov-2fa"].evidence == ("https://intranet.example/2fa", "Memo 14/2026")
    assert a.as_dict() == data
    assert a.warnings == ()


def test_schema_1_migrates_to_2_without_loss() -> None:
    data = doc()
    a = parse_answers(json.dumps(data), CL)
    out = a.as_dict()
    assert out["schema_version"] == 2
    assert {k: v for k, v in out.items() if k != "schema_version"} == {
        k: v for k, v in data.items() if k != "schema_version"
    }
    jsonschema.validate(out, _schema())


@pytest.mark.parametrize(
    ("answer", "path"),
    [
        ({"value": "no", "due": "31/01/2027"}, "answers.gov-2fa.due"),
        ({"value": "no", "due": "2027-02-30"}, "answers.gov-2fa.due"),
        ({"value": "no", "evidence": "one string"}, "answers.gov-2fa.evidence"),
        ({"value": "no", "evidence": ["x"] * 21}, "answers.gov-2fa.evidence"),
        ({"value": "no", "evidence": [3]}, "answers.gov-2fa.evidence[0]"),
        ({"value": "no", "owner": 7}, "answers.gov-2fa.owner"),
        ({"value": "no", "owner": "x" * 301}, "answers.gov-2fa.owner"),
    ],
)
def test_bad_schema_2_fields(answer: dict[str, Any], path: str) -> None:
    assert path in errors_of(doc(schema_version=2, answers={"gov-2fa": answer}))


@pytest.mark.parametrize("where", ["name", "note", "key", "value", "checklist"])
def test_lone_surrogates_are_a_clear_error(where: str) -> None:
    data = doc()
    if where == "name":
        data["entity"]["name"] = "A\ud800B"
    elif where == "note":
        data["answers"]["gov-two-admins"]["note"] = "\udfff"
    elif where == "key":
        data["answers"]["gov\ud800"] = {"value": "yes"}
    elif where == "value":
        data["answers"]["gov-two-admins"]["value"] = "\ud83d"
    else:
        data["checklist"] = "\udc00"
    text = json.dumps(data)  # ensure_ascii: the surrogate is the JSON escape "\ud800"
    assert "\\ud" in text
    errors = errors_of(text)
    message = next(iter(errors.values())).problems[0]
    assert "surrogate" in message.en
    assert message.path.encode("utf-8")  # the path itself can be printed


@pytest.mark.parametrize(
    "text_of",
    [
        lambda d: json.dumps(d, ensure_ascii=False),  # the surrogate itself, not escaped
        lambda d: json.dumps(d).replace("\\udc00", "\\uDC00"),  # an upper-case escape
    ],
)
def test_lone_surrogates_are_found_however_written(text_of: Any) -> None:
    data = doc()
    data["entity"]["unit"] = "x\udc00"
    errors = errors_of(text_of(data))
    assert "surrogate" in next(iter(errors.values())).problems[0].en


@pytest.mark.parametrize("escaped", [True, False])
def test_surrogate_pairs_are_text(escaped: bool) -> None:
    data = doc()
    data["entity"]["unit"] = "Unit \U0001f600 \\ud800"  # an emoji, and a backslash before "ud800"
    text = json.dumps(data, ensure_ascii=escaped)
    assert ("\\ud83d\\ude00" in text) is escaped
    assert parse_answers(text, default_checklist()).entity.unit == "Unit \U0001f600 \\ud800"


@pytest.mark.parametrize(
    "bad", ["\x00", "\x1b[31m", "\x85", "\u202e", "\u2066", "\u202a", "\u2069", "\x7f"]
)
def test_control_and_bidi_override_characters_are_removed_with_a_warning(bad: str) -> None:
    data = doc()
    data["entity"]["name"] = f"Ministry{bad}X"
    data["answers"]["gov-two-admins"]["note"] = f"line 1\nline{bad} 2"
    a = parse_answers(json.dumps(data), CL)
    rest = bad[1:]  # an escape sequence loses its ESC, so it can no longer drive a terminal
    assert a.entity.name == f"Ministry{rest}X"
    assert a.answers["gov-two-admins"].note == f"line 1\nline{rest} 2"
    assert {w.path for w in a.warnings} == {"entity.name", "answers.gov-two-admins.note"}


def test_newlines_are_removed_from_one_line_fields_only() -> None:
    data = doc()
    data["entity"]["name"] = "Ministry\nof Example"
    a = parse_answers(json.dumps(data), CL)
    assert a.entity.name == "Ministryof Example"


def test_echoed_values_are_cut_to_a_short_prefix() -> None:
    huge = "z" * 900_000
    errors = errors_of(doc(answers={"gov-2fa": {"value": huge}}, checklist=huge))
    for exc in errors.values():
        for p in exc.problems:
            assert len(p.en) < 200 and len(p.ar) < 200 and len(p.path) < 100
    key = "k" * 5000
    data = doc(answers={key: {"value": 5}})
    for exc in errors_of(data).values():
        assert all(len(p.path) < 100 for p in exc.problems)


def test_duplicate_keys_are_reported_not_silently_overwritten() -> None:
    text = json.dumps(doc()).replace(
        '"answers": {', '"answers": {"gov-two-admins": {"value": "no"}, ', 1
    )
    a = parse_answers(text, CL)
    assert a.value("gov-two-admins") == "yes"  # JSON's rule: the last one wins ...
    assert [w.path for w in a.warnings] == ["$"]  # ... and the file is told so
    assert "'gov-two-admins'" in a.warnings[0].en
