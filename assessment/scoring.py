"""The scoring model: weighted points per item, domain and overall scores, maturity level.

Rules (documented on the methodology page): yes = 1, partial = 0.5, no = 0, each times the
item's weight; "na" and unanswered items are left out of both numerator and denominator.
A "must" item in a critical area answered "no" is a critical gap and caps the level; answered
"na" it needs a justification note, without which it counts as "no". No maturity level is given
unless enough of the checklist is applicable and answered (`MIN_APPLICABLE`, `MIN_COMPLETENESS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .answers import Answer, Answers, Value
from .checklist import Checklist, Domain, Item, Text
from .errors import Problem
from .strings import text

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


def _title(level_id: str) -> Text:
    key = f"term.level_{level_id.replace('-', '_')}"
    return Text(text(key, lang="ar"), text(key, lang="en"))


NOT_ASSESSED = Level("not-assessed", _title("not-assessed"), -1, 0.0)
INSUFFICIENT = Level("insufficient", _title("insufficient"), -1, 0.0)
LEVELS: tuple[Level, ...] = (
    Level("initial", _title("initial"), 0, 0.0),
    Level("developing", _title("developing"), 1, 40.0),
    Level("established", _title("established"), 2, 60.0),
    Level("advanced", _title("advanced"), 3, 85.0),
)
# Every outcome a result can have, ranked levels first: what a summary of many results counts.
ALL_LEVELS: tuple[Level, ...] = (*LEVELS, INSUFFICIENT, NOT_ASSESSED)
# In the spirit of the NCSC CAF: a basic control missing in a critical area means the entity
# cannot be called established, however well it does elsewhere.
CAP = LEVELS[1]
# A level needs at least this share (percent) of the applicable items answered ...
MIN_COMPLETENESS = 80.0
# ... and at least this share (percent) of all items applicable (not "na"): an entity for which
# most of the guideline does not apply is not being assessed against it.
MIN_APPLICABLE = 50.0


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
    answer: Answer | None = None

    @property
    def needs_justification(self) -> bool:
        """A critical "must" item may be "na" only with a note saying why."""
        return self.item.critical and self.item.obligation == "must"

    @property
    def unjustified_na(self) -> bool:
        return self.value == "na" and self.needs_justification and not self.note.strip()

    @property
    def justified_na(self) -> bool:
        return self.value == "na" and self.needs_justification and bool(self.note.strip())

    # Cached: the scores, the level and the plan read it about nine times per item.
    @cached_property
    def effective(self) -> Value | None:
        """The value scored: an unjustified "na" on a critical "must" item counts as "no"."""
        return "no" if self.unjustified_na else self.value

    @property
    def scored(self) -> bool:
        return self.effective is not None and self.effective != "na"

    @property
    def earned(self) -> float:
        value = self.effective
        return POINTS[value] * self.item.weight if value is not None and value != "na" else 0.0

    @property
    def possible(self) -> float:
        return float(self.item.weight) if self.scored else 0.0

    @property
    def is_critical_gap(self) -> bool:
        return self.needs_justification and self.effective == "no"

    def summary(self) -> dict[str, Any]:
        a = self.answer
        return {
            "owner": a.owner if a else "",
            "due": a.due if a else "",
            "evidence_given": list(a.evidence) if a else [],
            "why": self.item.why.as_dict(),
            "evidence": self.item.evidence.as_dict(),
            "unjustified_na": self.unjustified_na,
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
    """How much of the checklist the score rests on.

    `answered` counts every answer (including "na"); `percent` is the share of *applicable*
    items (not "na") answered yes/partial/no, so a file of "na" answers is not complete.
    """

    answered: int
    total: int
    scored: int = 0
    not_applicable: int = 0

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def percent(self) -> float:
        return round(100.0 * self.scored / self.applicable, 1) if self.applicable else 0.0

    @property
    def applicable_percent(self) -> float:
        return round(100.0 * self.applicable / self.total, 1) if self.total else 0.0

    @property
    def sufficient(self) -> bool:
        return (
            self.scored > 0
            and self.percent >= MIN_COMPLETENESS
            and self.applicable_percent >= MIN_APPLICABLE
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "answered": self.answered,
            "total": self.total,
            "percent": self.percent,
            "scored": self.scored,
            "not_applicable": self.not_applicable,
            "applicable": self.applicable,
            "applicable_percent": self.applicable_percent,
            "sufficient": self.sufficient,
            "min_percent": MIN_COMPLETENESS,
            "min_applicable_percent": MIN_APPLICABLE,
        }


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
    # Findings beyond the answers file's own: comparing with another entity or a later date.
    notices: tuple[Problem, ...] = ()

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.answers.warnings + self.notices

    @property
    def justified_na(self) -> tuple[ItemResult, ...]:
        return tuple(r for r in self.items if r.justified_na)

    def as_dict(self) -> dict[str, Any]:
        return {
            "checklist": {"id": self.checklist.id, "version": self.checklist.version},
            "entity": self.answers.entity.as_dict(),
            "overall": self.overall,
            "level": self.level.as_dict(),
            "uncapped_level": self.uncapped_level.as_dict(),
            "capped": self.capped,
            "insufficient": self.level is INSUFFICIENT,
            "completeness": self.completeness.as_dict(),
            "domains": [d.as_dict() for d in self.domains],
            "items": [
                {
                    "id": r.item.id,
                    "domain": r.item.domain,
                    "value": r.value,
                    "note": r.note,
                    # The plan fields too, so a resumed file keeps them on every item.
                    "owner": r.answer.owner if r.answer else "",
                    "due": r.answer.due if r.answer else "",
                    "evidence_given": list(r.answer.evidence) if r.answer else [],
                    "unjustified_na": r.unjustified_na,
                    "earned": r.earned,
                    "possible": r.possible,
                }
                for r in self.items
            ],
            "critical_gaps": [r.summary() for r in self.critical_gaps],
            "action_plan": [r.summary() for r in self.action_plan],
            "unanswered": list(self.unanswered),
            "comparison": None if self.comparison is None else self.comparison.as_dict(),
            "justified_na": [r.summary() for r in self.justified_na],
            "migrated_from": self.answers.migrated_from,
            "retired_answers": sorted(self.answers.retired),
            "warnings": [w.as_dict() for w in self.warnings],
        }


def _percent(earned: float, possible: float) -> float | None:
    return round(100.0 * earned / possible, 1) if possible > 0 else None


def _priority(r: ItemResult) -> tuple[int, int, int, int, int]:
    return (
        0 if r.is_critical_gap else 1,
        OBLIGATION_RANK[r.item.obligation],
        0 if r.item.critical else 1,
        -r.item.weight,
        0 if r.effective == "no" else 1,
    )


def action_plan(items: Sequence[ItemResult]) -> tuple[ItemResult, ...]:
    """Every "no"/"partial" item: critical gaps first, then obligation, criticality, weight."""
    todo = [r for r in items if r.effective in ("no", "partial")]
    # sorted() is stable, so ties keep the checklist's order.
    return tuple(sorted(todo, key=_priority))


def _item_result(item: Item, answer: Answer | None) -> ItemResult:
    if answer is None:
        return ItemResult(item, None, "")
    return ItemResult(item, answer.value, answer.note, answer)


def score_answers(answers: Answers, checklist: Checklist) -> Result:
    given = answers.answers
    items = tuple(_item_result(item, given.get(item.id)) for item in checklist.items)
    by_domain: dict[str, list[ItemResult]] = {domain.id: [] for domain in checklist.domains}
    for r in items:
        by_domain[r.item.domain].append(r)
    domains = []
    for domain in checklist.domains:
        rs = by_domain[domain.id]
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
    completeness = Completeness(
        answered=sum(1 for r in items if r.value is not None),
        total=len(items),
        # An unjustified "na" scores as "no" but is not an answer the level can rest on.
        scored=sum(1 for r in items if r.value in ("yes", "partial", "no")),
        not_applicable=sum(1 for r in items if r.effective == "na"),
    )
    uncapped = level_for(overall)
    gaps = tuple(r for r in items if r.is_critical_gap)
    level = uncapped
    if gaps and uncapped.rank > CAP.rank:
        level = CAP
    if overall is not None and not completeness.sufficient:
        level = uncapped = INSUFFICIENT
    return Result(
        checklist=checklist,
        answers=answers,
        overall=overall,
        level=level,
        uncapped_level=uncapped,
        capped=level is not uncapped,
        completeness=completeness,
        domains=tuple(domains),
        items=items,
        critical_gaps=gaps,
        action_plan=action_plan(items),
        unanswered=tuple(r.item.id for r in items if r.value is None),
    )
