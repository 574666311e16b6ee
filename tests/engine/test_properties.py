"""Properties of the scoring model and the validator, checked with hypothesis."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment import api
from assessment.answers import Answer, Answers, Entity, parse_answers
from assessment.checklist import default_checklist
from assessment.errors import AnswersError
from assessment.scoring import Result, score_answers

CL = default_checklist()
IDS = CL.item_ids()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

answer_maps = st.dictionaries(st.sampled_from(IDS), st.sampled_from(("yes", "partial", "no", "na")))


def _score(values: dict[str, str], justify: bool = True) -> Result:
    """Score `values`; every "na" carries a justification note unless `justify` is False."""
    answers = Answers(
        CL.id,
        CL.version,
        Entity("E", "", "", "2026-01-01"),
        {
            k: Answer(v, "reason" if v == "na" and justify else "")  # type: ignore[arg-type]
            for k, v in values.items()
        },
    )
    return score_answers(answers, CL)


def _scores(r: Result) -> list[float | None]:
    return [r.overall, *(d.score for d in r.domains)]


@SETTINGS
@given(answer_maps)
def test_scores_stay_within_0_and_100(values: dict[str, str]) -> None:
    for s in _scores(_score(values)):
        assert s is None or 0.0 <= s <= 100.0


@SETTINGS
@given(answer_maps, st.sampled_from(IDS))
def test_no_to_yes_never_lowers_any_score(values: dict[str, str], item_id: str) -> None:
    before = _score({**values, item_id: "no"})
    after = _score({**values, item_id: "yes"})
    for b, a in zip(_scores(before), _scores(after), strict=True):
        assert (b is None) == (a is None)
        if b is not None and a is not None:
            assert a >= b
    assert after.level.rank >= before.level.rank


@SETTINGS
@given(answer_maps, st.sampled_from(IDS), st.sampled_from(("yes", "partial", "no")))
def test_na_does_not_change_other_items_contribution(
    values: dict[str, str], item_id: str, other: str
) -> None:
    with_na = _score({**values, item_id: "na"})
    without = _score({**values, item_id: other})
    for a, b in zip(with_na.items, without.items, strict=True):
        if a.item.id != item_id:
            assert (a.earned, a.possible) == (b.earned, b.possible)
    # ...and "na" counts exactly as if the item were not in the checklist at all.
    unanswered = {k: v for k, v in values.items() if k != item_id}
    assert _scores(with_na) == _scores(_score(unanswered))


CRITICAL_MUST = [i.id for i in CL.items if i.critical and i.obligation == "must"]


@SETTINGS
@given(answer_maps, st.sampled_from(CRITICAL_MUST))
def test_unjustified_na_on_a_critical_must_item_always_caps(
    values: dict[str, str], item_id: str
) -> None:
    r = _score({**values, item_id: "na"}, justify=False)
    assert r.level.rank <= 1
    assert item_id in {g.item.id for g in r.critical_gaps}


@SETTINGS
@given(answer_maps)
def test_a_level_needs_enough_applicable_answers(values: dict[str, str]) -> None:
    r = _score(values)
    c = r.completeness
    if r.level.rank >= 0:
        assert c.percent >= 80.0 and c.applicable_percent >= 50.0
    assert not (c.scored == 0 and c.percent == 100.0)


@SETTINGS
@given(answer_maps)
def test_completeness_is_a_share_of_applicable_items(values: dict[str, str]) -> None:
    c = _score(values).completeness
    assert 0.0 <= c.percent <= 100.0
    assert c.scored <= c.applicable <= c.total
    assert c.answered == len(values)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _mutated() -> st.SearchStrategy[dict[str, Any]]:
    keys = st.sampled_from(
        ["schema_version", "checklist", "checklist_version", "entity", "answers", "result"]
    )
    base = {
        "schema_version": 1,
        "checklist": CL.id,
        "checklist_version": CL.version,
        "entity": {"name": "E", "date": "2026-01-01"},
        "answers": {"gov-2fa": {"value": "yes"}},
    }
    return st.dictionaries(keys, json_values, max_size=3).map(lambda d: {**base, **d})


@SETTINGS
@given(json_values | _mutated())
def test_validator_only_raises_its_own_error(value: object) -> None:
    with contextlib.suppress(AnswersError):
        parse_answers(json.dumps(value), CL)


@SETTINGS
@given(st.text(max_size=200))
def test_api_never_raises_on_any_text(text: str) -> None:
    for out in (api.validate(text), api.score(text), api.render(text, "html", "ar")):
        assert isinstance(json.loads(out)["ok"], bool)
