"""For the Ministry: many entities' results side by side (the dashboard and `aggregate`).

Two steps, so the browser can show progress and the CLI and the page share one code path:

1. `read_files` turns each file (name + text, or a reason it could not be read) into a small
   `Record` or a `FileProblem`. A bad file never stops the others.
2. `build` combines the records of the current round (and optionally a previous round) into a
   `Dashboard`: summary statistics, the entity x domain table, the item view, the round
   comparison and the problems. Renderers write it as JSON, CSV or a printable HTML report.

The engine itself keeps no state: in the browser, `rounds.DashboardRounds` (one object held by the
page's worker) collects the records of each batch, so they never travel to the page and back.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .answers import parse_answers
from .checklist import Checklist, default_checklist
from .errors import AssessmentError
from .scoring import ALL_LEVELS, Result, score_answers
from .strings import text

# Files larger than this are not read at all (the page and the CLI check the size first): an
# answers file of 45 items with long notes is far below it, and the engine refuses anything
# over 1,000,000 characters anyway.
MAX_FILE_BYTES = 4_000_000

# Reasons a file could not be read before it reached the engine (the page sends the code).
READ_ERRORS = ("not-utf8", "too-large", "unreadable", "not-found")
ANSWER_KEYS = ("yes", "partial", "no", "na", "none")


@dataclass(frozen=True)
class Source:
    """One file as received: its name and its text, or the code of why it has no text."""

    name: str
    text: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class FileProblem:
    file: str
    kind: str  # "unreadable" | "duplicate" | "older"
    ar: str
    en: str
    round: str = "current"

    def as_dict(self) -> dict[str, str]:
        return {
            "file": self.file,
            "kind": self.kind,
            "ar": self.ar,
            "en": self.en,
            "round": self.round,
        }


def _problem(
    path: str, kind: str, key: str, round_: str = "current", /, **values: object
) -> FileProblem:
    ar, en = (text(f"dashboard.problem_{key}", lang=lang, **values) for lang in ("ar", "en"))
    return FileProblem(path, kind, ar, en, round_)


@dataclass(frozen=True)
class Record:
    """What the dashboard needs of one scored answers file."""

    file: str
    name: str
    code: str
    unit: str
    date: str
    overall: float | None
    level: str
    domains: tuple[float | None, ...]  # in checklist order
    values: Mapping[str, str]  # item id -> answer; unanswered items are absent
    gaps: int
    answered: int
    total: int

    @property
    def completeness(self) -> float:
        return round(100.0 * self.answered / self.total, 1) if self.total else 0.0

    @property
    def key(self) -> str:
        return "code:" + self.code if self.code else "name:" + normalise(self.name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "name": self.name,
            "code": self.code,
            "unit": self.unit,
            "date": self.date,
            "overall": self.overall,
            "level": self.level,
            "domains": list(self.domains),
            "values": dict(self.values),
            "gaps": self.gaps,
            "answered": self.answered,
            "total": self.total,
        }


def normalise(name: str) -> str:
    """Entity names as people type them: same letters, any case, any spacing."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _entity_code(entity: object) -> str:
    # Schema 2 adds `entity.code`; read it when the engine's Entity carries one.
    code = getattr(entity, "code", "")
    return code.strip() if isinstance(code, str) else ""


def read_source(source: Source, checklist: Checklist) -> Record | FileProblem:
    if source.text is None:
        code = source.error if source.error in READ_ERRORS else "unreadable"
        return _problem(
            source.name, "unreadable", str(code).replace("-", "_"), limit=f"{MAX_FILE_BYTES:,}"
        )
    try:
        result = score_answers(parse_answers(source.text, checklist), checklist)
    except AssessmentError as exc:
        first = exc.problems[0]
        more = len(exc.problems) - 1
        ar, en = (
            first.one_line(lang)
            + (" " + text("dashboard.problem_more", lang=lang, count=more) if more else "")
            for lang in ("ar", "en")
        )
        return FileProblem(source.name, "unreadable", ar, en)
    return record_of(source.name, result)


def record_of(file: str, result: Result) -> Record:
    entity = result.answers.entity
    return Record(
        file=file,
        name=entity.name.strip(),
        code=_entity_code(entity),
        unit=entity.unit,
        date=entity.date,
        overall=result.overall,
        level=result.level.id,
        domains=tuple(d.score for d in result.domains),
        values={r.item.id: r.value for r in result.items if r.value is not None},
        gaps=len(result.critical_gaps),
        answered=result.completeness.answered,
        total=result.completeness.total,
    )


@dataclass(frozen=True)
class ReadOut:
    records: tuple[Record, ...]
    problems: tuple[FileProblem, ...]


def read_files(sources: Iterable[Source], checklist: Checklist | None = None) -> ReadOut:
    cl = checklist or default_checklist()
    records: list[Record] = []
    problems: list[FileProblem] = []
    for source in sources:
        out = read_source(source, cl)
        (records if isinstance(out, Record) else problems).append(out)  # type: ignore[arg-type]
    return ReadOut(tuple(records), tuple(problems))


# --- combining -------------------------------------------------------------------------


def _dedupe(records: Sequence[Record], round_: str) -> tuple[list[Record], list[FileProblem]]:
    """One record per entity: the latest assessment; the same entity and date twice is a
    duplicate (the first file counts), an earlier date is an older assessment."""
    by_key: dict[str, list[Record]] = {}
    for r in records:
        by_key.setdefault(r.key, []).append(r)
    kept: list[Record] = []
    problems: list[FileProblem] = []
    for group in by_key.values():
        latest = max(r.date for r in group)
        chosen = next(r for r in group if r.date == latest)
        kept.append(chosen)
        for r in group:
            if r is chosen:
                continue
            if r.date == chosen.date:
                problems.append(
                    _problem(
                        r.file,
                        "duplicate",
                        "duplicate",
                        round_,
                        name=r.name,
                        date=r.date,
                        file=chosen.file,
                    )
                )
            else:
                problems.append(
                    _problem(
                        r.file,
                        "older",
                        "older",
                        round_,
                        name=r.name,
                        date=r.date,
                        latest=chosen.date,
                        file=chosen.file,
                    )
                )
    kept.sort(key=lambda r: (normalise(r.name), r.file))
    return kept, problems


def _round1(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _median(values: Iterable[float | None]) -> float | None:
    scored = [v for v in values if v is not None]
    return _round1(statistics.median(scored)) if scored else None


def spread(values: Iterable[float | None]) -> dict[str, float | None]:
    """Median, quartiles (inclusive method) and range of the scored values."""
    scored = sorted(v for v in values if v is not None)
    if not scored:
        return {"median": None, "q1": None, "q3": None, "min": None, "max": None}
    if len(scored) == 1:
        q1 = q3 = scored[0]
    else:
        q1, _, q3 = statistics.quantiles(scored, n=4, method="inclusive")
    return {
        "median": _round1(statistics.median(scored)),
        "q1": _round1(q1),
        "q3": _round1(q3),
        "min": _round1(scored[0]),
        "max": _round1(scored[-1]),
    }


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 1)


def match_rounds(current: Sequence[Record], previous: Sequence[Record]) -> dict[int, Record]:
    """Index in `current` -> its previous record: by `entity.code` first, else by name."""
    matches: dict[int, Record] = {}
    by_code = {r.code: r for r in previous if r.code}
    used: set[int] = set()
    for i, r in enumerate(current):
        if r.code and r.code in by_code:
            matches[i] = by_code[r.code]
            used.add(id(by_code[r.code]))
    by_name: dict[str, Record] = {}
    for r in previous:
        if id(r) not in used:
            by_name.setdefault(normalise(r.name), r)
    for i, r in enumerate(current):
        if i in matches:
            continue
        prev = by_name.pop(normalise(r.name), None)
        # Two different codes are two different entities, whatever their names.
        if prev is not None and not (r.code and prev.code and r.code != prev.code):
            matches[i] = prev
            used.add(id(prev))
    return matches


@dataclass(frozen=True)
class Dashboard:
    checklist: Checklist
    entities: tuple[Record, ...]
    previous: tuple[Record, ...] | None
    matches: Mapping[int, Record]
    problems: tuple[FileProblem, ...]
    files: int
    previous_files: int = 0

    # ---- figures ----
    def summary(self) -> dict[str, Any]:
        levels = {lv.id: 0 for lv in ALL_LEVELS}
        for r in self.entities:
            levels[r.level] = levels.get(r.level, 0) + 1
        return {
            "files": self.files,
            "entities": len(self.entities),
            "scored": sum(1 for r in self.entities if r.overall is not None),
            "overall": spread(r.overall for r in self.entities),
            "levels": levels,
            "with_gaps": sum(1 for r in self.entities if r.gaps),
            "unreadable": sum(
                1 for p in self.problems if p.kind == "unreadable" and p.round == "current"
            ),
            "duplicates": sum(
                1 for p in self.problems if p.kind != "unreadable" and p.round == "current"
            ),
        }

    def domain_medians(self) -> list[float | None]:
        return [
            _median(r.domains[i] for r in self.entities) for i in range(len(self.checklist.domains))
        ]

    def item_counts(self) -> list[dict[str, Any]]:
        tallies: list[tuple[int, str, str, dict[str, int]]] = []
        for n, item in enumerate(self.checklist.items):
            counts = dict.fromkeys(ANSWER_KEYS, 0)
            for r in self.entities:
                counts[r.values.get(item.id, "none")] += 1
            tallies.append((n, item.id, item.domain, counts))
        # Most-failed first: most "no", then most "partial", then checklist order.
        tallies.sort(key=lambda t: (-t[3]["no"], -t[3]["partial"], t[0]))
        return [{"id": i, "domain": d, "counts": c} for _, i, d, c in tallies]

    def comparison(self) -> dict[str, Any] | None:
        if self.previous is None:
            return None
        matched_prev = {id(p) for p in self.matches.values()}
        pairs = [(self.entities[i], p) for i, p in sorted(self.matches.items())]
        domains = []
        for n, d in enumerate(self.checklist.domains):
            before = _median(p.domains[n] for _, p in pairs)
            after = _median(c.domains[n] for c, _ in pairs)
            domains.append(
                {"id": d.id, "before": before, "after": after, "delta": _delta(before, after)}
            )
        before = _median(p.overall for _, p in pairs)
        after = _median(c.overall for c, _ in pairs)
        deltas = [_delta(p.overall, c.overall) for c, p in pairs]
        return {
            "previous_files": self.previous_files,
            "previous_entities": len(self.previous),
            "matched": len(pairs),
            "overall": {"before": before, "after": after, "delta": _delta(before, after)},
            "improved": sum(1 for x in deltas if x is not None and x > 0),
            "regressed": sum(1 for x in deltas if x is not None and x < 0),
            "unchanged": sum(1 for x in deltas if x == 0),
            "domains": domains,
            "new": [r.file for i, r in enumerate(self.entities) if i not in self.matches],
            "missing": [
                {"name": p.name, "code": p.code, "date": p.date, "file": p.file}
                for p in self.previous
                if id(p) not in matched_prev
            ],
        }

    def entity_rows(self) -> list[dict[str, Any]]:
        rows = []
        for i, r in enumerate(self.entities):
            row = r.as_dict()
            del row["values"]
            row["completeness"] = r.completeness
            prev = self.matches.get(i)
            if self.previous is None:
                row["change"] = None
            elif prev is None:
                row["change"] = {"status": "new"}
            else:
                row["change"] = {
                    "status": "matched",
                    "previous_file": prev.file,
                    "previous_date": prev.date,
                    "before": prev.overall,
                    "delta": _delta(prev.overall, r.overall),
                    "domains": [_delta(b, a) for b, a in zip(prev.domains, r.domains, strict=True)],
                }
            rows.append(row)
        return rows

    def as_dict(self) -> dict[str, Any]:
        cl = self.checklist
        items = {i.id: i for i in cl.items}
        return {
            "checklist": {"id": cl.id, "version": cl.version},
            "domains": [
                {"id": d.id, "number": d.number, "title": d.title.as_dict()} for d in cl.domains
            ],
            "levels": [
                {**lv.as_dict(), "minimum": lv.minimum, "ranked": lv.rank >= 0} for lv in ALL_LEVELS
            ],
            "summary": self.summary(),
            "domain_medians": self.domain_medians(),
            "entities": self.entity_rows(),
            "items": [
                {
                    **row,
                    "question": items[row["id"]].question.as_dict(),
                    "obligation": items[row["id"]].obligation,
                    "critical": items[row["id"]].critical,
                }
                for row in self.item_counts()
            ],
            "comparison": self.comparison(),
            "problems": [p.as_dict() for p in self.problems],
        }


def build(
    current: ReadOut,
    previous: ReadOut | None = None,
    checklist: Checklist | None = None,
) -> Dashboard:
    cl = checklist or default_checklist()
    n_domains = len(cl.domains)
    for r in (*current.records, *(previous.records if previous else ())):
        if len(r.domains) != n_domains:
            raise ValueError(f"{r.file}: record has {len(r.domains)} domains, expected {n_domains}")
    entities, dupes = _dedupe(current.records, "current")
    problems = [*current.problems, *dupes]
    prev_entities: list[Record] | None = None
    if previous is not None:
        prev_entities, prev_dupes = _dedupe(previous.records, "previous")
        problems += [FileProblem(p.file, p.kind, p.ar, p.en, "previous") for p in previous.problems]
        problems += prev_dupes
    return Dashboard(
        checklist=cl,
        entities=tuple(entities),
        previous=None if prev_entities is None else tuple(prev_entities),
        matches=match_rounds(entities, prev_entities or []),
        problems=tuple(problems),
        files=len(current.records) + len(current.problems),
        previous_files=0 if previous is None else len(previous.records) + len(previous.problems),
    )


@dataclass(frozen=True)
class Row:
    """One scored file (kept for callers of the first `aggregate_csv`)."""

    source: str
    result: Result


def aggregate_csv(rows: Sequence[Row], lang: str) -> str:
    """The entity summary CSV of already scored results."""
    from .aggregate_report import entities_csv

    return entities_csv(
        build(ReadOut(tuple(record_of(r.source, r.result) for r in rows), ())), lang
    )
