"""The checklist as typed, immutable data loaded from the JSON file shipped with the package."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .errors import ChecklistError, Problem
from .languages import language
from .packaged import data_text

Obligation = Literal["must", "should", "may"]
OBLIGATIONS: tuple[Obligation, ...] = ("must", "should", "may")
SOURCE_WORDS = ("يجب", "يُطلب", "يفضل")
LANGS = ("ar", "en")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Text:
    ar: str
    en: str

    def get(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en

    def as_dict(self) -> dict[str, str]:
        return {"ar": self.ar, "en": self.en}


@dataclass(frozen=True)
class Section:
    """A heading of the guideline site: `page` is the URL path, one anchor per language."""

    page: str
    anchor: Text

    def url(self, lang: str) -> str:
        return f"{language(lang).prefix}{self.page}/#{self.anchor.get(lang)}"

    def as_dict(self) -> dict[str, Any]:
        return {"page": self.page, "anchor": self.anchor.as_dict()}


@dataclass(frozen=True)
class Domain:
    id: str
    number: int
    title: Text
    section: Section

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title.as_dict(),
            "section": self.section.as_dict(),
        }


@dataclass(frozen=True)
class Item:
    id: str
    domain: str
    question: Text
    obligation: Obligation
    source_word: str | None
    weight: int
    critical: bool
    why: Text
    fix: Text
    evidence: Text
    section: Section

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "domain": self.domain,
            "question": self.question.as_dict(),
            "obligation": self.obligation,
            "source_word": self.source_word,
            "weight": self.weight,
            "critical": self.critical,
            "why": self.why.as_dict(),
            "fix": self.fix.as_dict(),
            "evidence": self.evidence.as_dict(),
            "section": self.section.as_dict(),
        }


@dataclass(frozen=True)
class Checklist:
    id: str
    version: str
    title: Text
    domains: tuple[Domain, ...]
    items: tuple[Item, ...]
    renamed: Mapping[str, str]
    removed: tuple[str, ...]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def domain(self, domain_id: str) -> Domain:
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)

    def item_ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def items_in(self, domain_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.domain == domain_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title.as_dict(),
            "domains": [d.as_dict() for d in self.domains],
            "items": [i.as_dict() for i in self.items],
            "renamed": dict(self.renamed),
            "removed": list(self.removed),
        }


class _Reader:
    """Walks the raw JSON and records every defect, so a broken file reports all of them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, en: str, ar: str) -> None:
        self.problems.append(Problem(path, ar, en))

    def obj(self, value: object, path: str) -> Mapping[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(path, "expected an object", "يُتوقع كائن JSON")
        return {}

    def string(self, value: object, path: str, pattern: re.Pattern[str] | None = None) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "expected a non-empty string", "يُتوقع نص غير فارغ")
            return ""
        if pattern is not None and not pattern.match(value):
            self.fail(
                path, f"does not match {pattern.pattern}", f"لا يطابق النمط {pattern.pattern}"
            )
        return value

    def text(self, value: object, path: str) -> Text:
        raw = self.obj(value, path)
        return Text(
            self.string(raw.get("ar"), f"{path}.ar"), self.string(raw.get("en"), f"{path}.en")
        )

    def section(self, value: object, path: str) -> Section:
        raw = self.obj(value, path)
        return Section(
            self.string(raw.get("page"), f"{path}.page"),
            self.text(raw.get("anchor"), f"{path}.anchor"),
        )


def checklist_from_dict(raw: object) -> Checklist:
    """Build a `Checklist` from parsed JSON, raising `ChecklistError` listing every defect."""
    r = _Reader()
    top = r.obj(raw, "$")
    domains: list[Domain] = []
    for i, d in enumerate(top.get("domains") or []):
        p = f"domains[{i}]"
        dd = r.obj(d, p)
        number = dd.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            r.fail(f"{p}.number", "expected an integer", "يُتوقع عدد صحيح")
            number = 0
        domains.append(
            Domain(
                r.string(dd.get("id"), f"{p}.id", ID_RE),
                number,
                r.text(dd.get("title"), f"{p}.title"),
                r.section(dd.get("section"), f"{p}.section"),
            )
        )
    domain_ids = {d.id for d in domains}
    items: list[Item] = []
    for i, it in enumerate(top.get("items") or []):
        p = f"items[{i}]"
        d = r.obj(it, p)
        raw_obligation = d.get("obligation")
        obligation: Obligation = "should"
        for known in OBLIGATIONS:
            if raw_obligation == known:
                obligation = known
                break
        else:
            r.fail(f"{p}.obligation", "expected must, should or may", "يُتوقع must أو should أو may")
        word = d.get("source_word")
        if word is not None and word not in SOURCE_WORDS:
            r.fail(f"{p}.source_word", "unknown source word", "كلمة مصدر غير معروفة")
        weight = d.get("weight")
        if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 3:
            r.fail(f"{p}.weight", "expected an integer from 1 to 3", "يُتوقع عدد صحيح من 1 إلى 3")
            weight = 1
        critical = d.get("critical")
        if not isinstance(critical, bool):
            r.fail(f"{p}.critical", "expected true or false", "يُتوقع true أو false")
            critical = False
        domain = r.string(d.get("domain"), f"{p}.domain")
        if domain and domain not in domain_ids:
            r.fail(f"{p}.domain", f"unknown domain {domain!r}", f"مجال غير معروف {domain!r}")
        items.append(
            Item(
                id=r.string(d.get("id"), f"{p}.id", ID_RE),
                domain=domain,
                question=r.text(d.get("question"), f"{p}.question"),
                obligation=obligation,
                source_word=word if isinstance(word, str) else None,
                weight=weight,
                critical=critical,
                why=r.text(d.get("why"), f"{p}.why"),
                fix=r.text(d.get("fix"), f"{p}.fix"),
                evidence=r.text(d.get("evidence"), f"{p}.evidence"),
                section=r.section(d.get("section"), f"{p}.section"),
            )
        )
    ids = [item.id for item in items]
    for dup in sorted({x for x in ids if ids.count(x) > 1}):
        r.fail("items", f"duplicate item id {dup!r}", f"معرّف بند مكرر {dup!r}")
    renamed_raw = r.obj(top.get("renamed", {}), "renamed")
    renamed = {str(k): str(v) for k, v in renamed_raw.items()}
    for old, new in renamed.items():
        if new not in ids:
            r.fail(
                f"renamed.{old}",
                f"renamed to unknown id {new!r}",
                f"أُعيدت تسميته إلى معرّف غير معروف {new!r}",
            )
    removed_raw = top.get("removed", [])
    if not isinstance(removed_raw, list):
        r.fail("removed", "expected a list", "يُتوقع قائمة")
        removed_raw = []
    checklist = Checklist(
        id=r.string(top.get("id"), "id", ID_RE),
        version=r.string(top.get("version"), "version", VERSION_RE),
        title=r.text(top.get("title"), "title"),
        domains=tuple(domains),
        items=tuple(items),
        renamed=renamed,
        removed=tuple(str(x) for x in removed_raw),
    )
    if not domains or not items:
        r.fail("$", "a checklist needs domains and items", "تحتاج القائمة إلى مجالات وبنود")
    if r.problems:
        raise ChecklistError(r.problems)
    return checklist


# The checklist is immutable, so parsing it once per process is safe; the widget re-scores on
# every answer change and should not re-read the file each time.
@functools.cache
def default_checklist() -> Checklist:
    """The checklist shipped with the package (data/checklist.json)."""
    return checklist_from_dict(json.loads(data_text("checklist.json")))


def version_key(version: str) -> tuple[int, ...]:
    """Numeric ordering for "MAJOR.MINOR.PATCH"; anything unparsable sorts first."""
    if not VERSION_RE.match(version):
        return (-1,)
    return tuple(int(part) for part in version.split("."))
