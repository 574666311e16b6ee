"""One error hierarchy; every message is bilingual and names the field it concerns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding about an input: where it is (`path`) and what is wrong, in both languages."""

    path: str
    ar: str
    en: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "ar": self.ar, "en": self.en}

    def text(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en

    def one_line(self, lang: str = "en") -> str:
        text = self.text(lang)
        return f"{self.path}: {text}" if self.path else text


class AssessmentError(Exception):
    """Base class: anything the engine rejects carries one or more `Problem`s."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("AssessmentError needs at least one problem")
        super().__init__(self.problems[0].one_line("en"))

    @property
    def path(self) -> str:
        return self.problems[0].path

    @property
    def ar(self) -> str:
        return self.problems[0].ar

    @property
    def en(self) -> str:
        return self.problems[0].en


class AnswersError(AssessmentError):
    """An answers file that cannot be scored."""


class PreviousAnswersError(AnswersError):
    """The earlier answers file given for a comparison cannot be read (paths start "previous")."""


class ChecklistError(AssessmentError):
    """Checklist data that breaks the engine's assumptions (a packaging bug, not user input)."""


class UsageError(AssessmentError):
    """A caller asked for something unsupported, e.g. an unknown language or format."""
