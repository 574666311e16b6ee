"""Which English pages are older than their Arabic page, by git history (as FastAPI's docs list
outdated translations).

An English page is *outdated* when the last commit that changed its Arabic page comes after the
last commit that changed it: a descendant of it, or, on parallel branches, a later commit date.
Where history cannot tell (no git, a file not committed yet, or a shallow clone whose cut-off
commit seems to touch every file) the page is *unknown*, never reported as up to date.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TranslationAge:
    outdated: list[str] = field(default_factory=list)  # English pages older than their Arabic
    unknown: dict[str, str] = field(default_factory=dict)  # page -> why history cannot tell
    current: list[str] = field(default_factory=list)


def _git(repo: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _boundary(repo: Path) -> set[str] | None:
    """Commits where a shallow clone's history is cut off; None when git is unusable."""
    if _git(repo, "rev-parse", "--is-inside-work-tree") != "true":
        return None
    shallow = _git(repo, "rev-parse", "--path-format=absolute", "--git-path", "shallow")
    path = Path(shallow) if shallow else None
    return set(path.read_text().split()) if path and path.is_file() else set()


def _is_later(repo: Path, ar: str, en: str) -> bool:
    if _git(repo, "merge-base", "--is-ancestor", en, ar) is not None:
        return True
    if _git(repo, "merge-base", "--is-ancestor", ar, en) is not None:
        return False
    dates = [_git(repo, "show", "-s", "--format=%ct", c) for c in (ar, en)]
    return int(dates[0] or 0) > int(dates[1] or 0)


def translation_age(repo: Path, pairs: list[tuple[str, str]]) -> TranslationAge:
    """Sort (arabic, english) paths, relative to `repo`, into outdated, unknown and current."""
    age = TranslationAge()
    boundary = _boundary(repo)
    for ar, en in pairs:
        if boundary is None:
            age.unknown[en] = "no git repository"
            continue
        ar_commit, en_commit = (_git(repo, "log", "-1", "--format=%H", "--", p) for p in (ar, en))
        if not ar_commit or not en_commit:
            age.unknown[en] = "not committed yet"
        elif boundary & {ar_commit, en_commit}:
            age.unknown[en] = "history cut off (shallow clone)"
        elif ar_commit != en_commit and _is_later(repo, ar_commit, en_commit):
            age.outdated.append(en)
        else:
            age.current.append(en)
    return age
