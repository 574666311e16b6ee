"""Change between two assessments of the same entity, per domain and per item."""

from __future__ import annotations

import dataclasses

from .answers import Answers, Value, problem, short
from .errors import Problem
from .scoring import Comparison, DomainChange, ItemChange, Result

_RANK: dict[str, int] = {"no": 0, "partial": 1, "yes": 2}


def _trend(before: float | None, after: float | None) -> str:
    # A trend is only claimed when both sides were actually scored; newly answered or
    # "na" items are not progress.
    if before is None or after is None or before == after:
        return "unchanged"
    return "improved" if after > before else "regressed"


def _rank(value: Value | None) -> float | None:
    return None if value is None or value not in _RANK else float(_RANK[value])


def compare(current: Result, previous: Result) -> Comparison:
    domains = []
    before_by_id = {d.domain.id: d for d in previous.domains}
    for d in current.domains:
        before = before_by_id[d.domain.id].score if d.domain.id in before_by_id else None
        delta = None if before is None or d.score is None else round(d.score - before, 1)
        domains.append(DomainChange(d.domain.id, before, d.score, delta, _trend(before, d.score)))
    items = []
    prev_items = {r.item.id: r for r in previous.items}
    for r in current.items:
        before_value = prev_items[r.item.id].value if r.item.id in prev_items else None
        if before_value is None and r.value is None:
            continue
        items.append(
            ItemChange(
                r.item.id, before_value, r.value, _trend(_rank(before_value), _rank(r.value))
            )
        )
    return Comparison(
        previous_date=previous.answers.entity.date,
        overall_before=previous.overall,
        overall_after=current.overall,
        domains=tuple(domains),
        items=tuple(items),
    )


def with_comparison(current: Result, previous: Result) -> Result:
    return dataclasses.replace(current, comparison=compare(current, previous))


def _same_entity(a: Answers, b: Answers) -> bool:
    if a.entity.code and b.entity.code:
        return a.entity.code.strip().casefold() == b.entity.code.strip().casefold()
    return " ".join(a.entity.name.split()).casefold() == " ".join(b.entity.name.split()).casefold()


def comparison_notices(current: Answers, previous: Answers) -> list[Problem]:
    """Warnings when the "previous" file is of another entity or not earlier than this one."""
    out = []
    if not _same_entity(current, previous):
        found = previous.entity.code or previous.entity.name
        out.append(problem("previous.entity", "warning_other_entity", found=short(found)))
    if previous.entity.date and previous.entity.date > current.entity.date:
        out.append(
            problem("previous.entity.date", "warning_later_previous", found=previous.entity.date)
        )
    return out
