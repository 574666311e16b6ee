"""The scoring model: weighted points per item, domain and overall scores, maturity level.

Rules (documented on the methodology page): yes = 1, partial = 0.5, no = 0, each times the
item's weight; "na" and unanswered items are left out of both numerator and denominator.
A "must" item in a critical area answered "no" is a critical gap and caps the level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .answers import Answers, Value
from .checklist import Checklist, Domain, Item, Text

POINTS: dict[str, float] = {"yes": 1.0, "partial": 0.5, "no": 0.0}
OBLIGATION_RANK = {"must": 0, "should": 1, "may": 2}


@dataclass(frozen=True)
class Level:
    id: str
    title: Text
    rank: int
    minimum: float

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "ar": self.title.ar, "en": self.title.en}


NOT_ASSESSED = Level("not-assessed", Text("لم يُقيَّم بعد", "Not yet assessed"), -1, 0.0)
LEVELS: tuple[Level, ...] = (
    Level("initial", Text("مبتدئ", "Initial"), 0, 0.0),
    Level("developing", Text("قيد التطوير", "Developing"), 1, 40.0),
    Level("established", Text("راسخ", "Established"), 2, 60.0),
    Level("advanced", Text("متقدّم", "Advanced"), 3, 85.0),
)
# In the spirit of the NCSC CAF: a basic control missing in a critical area means the entity
# cannot be called established, however well it does elsewhere.
CAP = LEVELS[1]


def level_for(overall: float | None) -> Level:
    if overall is None:
        return NOT_ASSESSED
    chosen = LEVELS[0]
    for level in LEVELS:
        if overall >= level.minimum:
            chosen = level
    return chosen


@dataclass(frozen=True)
class ItemResult:
    item: Item
    value: Value | None
    note: str

    @property
    def scored(self) -> bool:
        return self.value is not None and self.value != "na"

    @property
    def earned(self) -> float:
        return POINTS[self.value] * self.item.weight if self.scored and self.value else 0.0

    @property
    def possible(self) -> float:
        return float(self.item.weight) if self.scored else 0.0

    @property
    def is_critical_gap(self) -> bool:
        return self.item.critical and self.item.obligation == "must" and self.value == "no"

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.item.id,
            "domain": self.item.domain,
            "question": self.item.question.as_dict(),
            "fix": self.item.fix.as_dict(),
            "obligation": self.item.obligation,
            "weight": self.item.weight,
            "critical": self.item.critical,
            "value": self.value,
            "note": self.note,
            "section": self.item.section.as_dict(),
        }


@dataclass(frozen=True)
class DomainResult:
    domain: Domain
    score: float | None
    answered: int
    total: int
    earned: float
    possible: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.domain.id,
            "number": self.domain.number,
            "title": self.domain.title.as_dict(),
            "score": self.score,
            "answered": self.answered,
            "total": self.total,
            "section": self.domain.section.as_dict(),
        }


@dataclass(frozen=True)
class Completeness:
    answered: int
    total: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.answered / self.total, 1) if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"answered": self.answered, "total": self.total, "percent": self.percent}


@dataclass(frozen=True)
class DomainChange:
    id: str
    before: float | None
    after: float | None
    delta: float | None
    trend: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "before": self.before,
            "after": self.after,
            "delta": self.delta,
            "trend": self.trend,
        }


@dataclass(frozen=True)
class ItemChange:
    id: str
    before: Value | None
    after: Value | None
    trend: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "before": self.before, "after": self.after, "trend": self.trend}


@dataclass(frozen=True)
class Comparison:
    previous_date: str
    overall_before: float | None
    overall_after: float | None
    domains: tuple[DomainChange, ...]
    items: tuple[ItemChange, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "previous_date": self.previous_date,
            "overall": {"before": self.overall_before, "after": self.overall_after},
            "domains": [d.as_dict() for d in self.domains],
            "items": [i.as_dict() for i in self.items],
        }


@dataclass(frozen=True)
class Result:
    checklist: Checklist
    answers: Answers
    overall: float | None
    level: Level
    uncapped_level: Level
    capped: bool
    completeness: Completeness
    domains: tuple[DomainResult, ...]
    items: tuple[ItemResult, ...]
    critical_gaps: tuple[ItemResult, ...]
    action_plan: tuple[ItemResult, ...]
    unanswered: tuple[str, ...]
    comparison: Comparison | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "checklist": {"id": self.checklist.id, "version": self.checklist.version},
            "entity": self.answers.entity.as_dict(),
            "overall": self.overall,
            "level": self.level.as_dict(),
            "uncapped_level": self.uncapped_level.as_dict(),
            "capped": self.capped,
            "completeness": self.completeness.as_dict(),
            "domains": [d.as_dict() for d in self.domains],
            "items": [
                {
                    "id": r.item.id,
                    "domain": r.item.domain,
                    "value": r.value,
                    "note": r.note,
                    "earned": r.earned,
                    "possible": r.possible,
                }
                for r in self.items
            ],
            "critical_gaps": [r.summary() for r in self.critical_gaps],
            "action_plan": [r.summary() for r in self.action_plan],
            "unanswered": list(self.unanswered),
            "comparison": None if self.comparison is None else self.comparison.as_dict(),
            "warnings": [w.as_dict() for w in self.answers.warnings],
        }


def _percent(earned: float, possible: float) -> float | None:
    return round(100.0 * earned / possible, 1) if possible > 0 else None


def _priority(r: ItemResult) -> tuple[int, int, int, int, int]:
    return (
        0 if r.is_critical_gap else 1,
        OBLIGATION_RANK[r.item.obligation],
        0 if r.item.critical else 1,
        -r.item.weight,
        0 if r.value == "no" else 1,
    )


def action_plan(items: Sequence[ItemResult]) -> tuple[ItemResult, ...]:
    """Every "no"/"partial" item: critical gaps first, then obligation, criticality, weight."""
    todo = [r for r in items if r.value in ("no", "partial")]
    # sorted() is stable, so ties keep the checklist's order.
    return tuple(sorted(todo, key=_priority))


def score_answers(answers: Answers, checklist: Checklist) -> Result:
    items = tuple(
        ItemResult(
            item,
            answers.value(item.id),
            answers.answers[item.id].note if item.id in answers.answers else "",
        )
        for item in checklist.items
    )
    domains = []
    for domain in checklist.domains:
        rs = [r for r in items if r.item.domain == domain.id]
        earned = sum(r.earned for r in rs)
        possible = sum(r.possible for r in rs)
        domains.append(
            DomainResult(
                domain=domain,
                score=_percent(earned, possible),
                answered=sum(1 for r in rs if r.value is not None),
                total=len(rs),
                earned=earned,
                possible=possible,
            )
        )
    overall = _percent(sum(r.earned for r in items), sum(r.possible for r in items))
    uncapped = level_for(overall)
    gaps = tuple(r for r in items if r.is_critical_gap)
    level = uncapped
    if gaps and uncapped.rank > CAP.rank:
        level = CAP
    return Result(
        checklist=checklist,
        answers=answers,
        overall=overall,
        level=level,
        uncapped_level=uncapped,
        capped=level is not uncapped,
        completeness=Completeness(sum(1 for r in items if r.value is not None), len(items)),
        domains=tuple(domains),
        items=items,
        critical_gaps=gaps,
        action_plan=action_plan(items),
        unanswered=tuple(r.item.id for r in items if r.value is None),
    )
