"""English pages whose Arabic page changed after them are reported (not failed: an Arabic-only
correction, such as a typo, rightly leaves the English as it is). The logic is tested on real
throwaway git repositories, including a shallow clone."""

from __future__ import annotations

import os
import subprocess
import warnings
from pathlib import Path

import pytest

from tests.content.markdown_pages import ROOT, counterpart, pages
from tests.content.translation_age import translation_age


class OutdatedTranslation(UserWarning):
    """An English page is older than its Arabic page."""


def test_report_english_pages_older_than_their_arabic_page() -> None:
    pairs = [
        (p.relative_to(ROOT).as_posix(), counterpart(p, "en").relative_to(ROOT).as_posix())
        for p in pages("ar")
    ]
    age = translation_age(ROOT, pairs)
    assert sorted([*age.outdated, *age.unknown, *age.current]) == sorted(en for _, en in pairs)
    if age.outdated:
        warnings.warn(
            OutdatedTranslation("Arabic changed after: " + ", ".join(age.outdated)), stacklevel=1
        )
    if age.unknown:
        reasons = sorted(set(age.unknown.values()))
        warnings.warn(OutdatedTranslation(f"translation age unknown: {reasons}"), stacklevel=1)


def _git(repo: Path, *args: str, date: int = 0) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{1_700_000_000 + date} +0000",
        "GIT_COMMITTER_DATE": f"{1_700_000_000 + date} +0000",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
    }
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        check=True,
        capture_output=True,
        env=env,
    )


def _commit(repo: Path, files: dict[str, str], date: int) -> None:
    for name, content in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(content, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", f"at {date}", date=date)


PAIRS = [("ar/a.md", "en/a.md"), ("ar/b.md", "en/b.md"), ("ar/c.md", "en/c.md")]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, {p: "1" for pair in PAIRS for p in pair}, date=1)
    _commit(repo, {"ar/a.md": "2"}, date=2)  # Arabic changed later: en/a.md is outdated
    _commit(repo, {"ar/b.md": "2", "en/b.md": "2"}, date=3)  # changed together: current
    _commit(repo, {"en/c.md": "2"}, date=4)  # English changed later: current
    return repo


def test_an_english_page_older_than_its_arabic_page_is_named(repo: Path) -> None:
    age = translation_age(repo, PAIRS)
    assert age.outdated == ["en/a.md"]
    assert age.current == ["en/b.md", "en/c.md"]
    assert age.unknown == {}


def test_a_shallow_clone_reports_unknown_not_current(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    age = translation_age(clone, PAIRS)
    # The one commit kept seems to have written every file: en/a.md must not pass as current.
    assert age.unknown == {en: "history cut off (shallow clone)" for _, en in PAIRS}
    assert age.outdated == age.current == []


def test_outside_git_everything_is_unknown(tmp_path: Path) -> None:
    age = translation_age(tmp_path, PAIRS)
    assert set(age.unknown) == {en for _, en in PAIRS}
    assert age.outdated == age.current == []


def test_an_uncommitted_page_is_unknown(repo: Path) -> None:
    (repo / "ar" / "d.md").write_text("new", encoding="utf-8")
    (repo / "en" / "d.md").write_text("new", encoding="utf-8")
    age = translation_age(repo, [("ar/d.md", "en/d.md")])
    assert age.unknown == {"en/d.md": "not committed yet"}
