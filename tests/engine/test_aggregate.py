"""The dashboard's figures (assessment.aggregate) and `python -m assessment aggregate`."""

from __future__ import annotations

import csv
import io
import json
import statistics
import subprocess
import sys
from pathlib import Path

from assessment import aggregate_report
from assessment.aggregate import MAX_FILE_BYTES, ReadOut, Record, Source, build, read_files
from assessment.aggregate_report import entities_csv, matrix_csv, report_html
from assessment.checklist import default_checklist
from assessment.rounds import DashboardRounds
from assessment.strings import text

ROOT = Path(__file__).resolve().parents[2]
CL = default_checklist()


def doc(name: str, date: str, values: dict[str, str], **entity: str) -> str:
    return json.dumps(
        {
            "schema_version": 1,
            "checklist": CL.id,
            "checklist_version": CL.version,
            "entity": {"name": name, "date": date, **entity},
            "answers": {k: {"value": v} for k, v in values.items()},
        },
        ensure_ascii=False,
    )


def all_items(value: str) -> dict[str, str]:
    return dict.fromkeys(CL.item_ids(), value)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessment", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_summary_levels_and_quartiles() -> None:
    out = read_files(
        [
            Source("a.json", doc("A", "2026-01-01", all_items("yes"))),
            Source("b.json", doc("B", "2026-01-01", all_items("no"))),
            Source("c.json", doc("C", "2026-01-01", all_items("partial"))),
            Source("d.json", doc("D", "2026-01-01", {})),
            Source("e.json", doc("E", "2026-01-01", {CL.item_ids()[0]: "yes"})),
        ]
    )
    d = build(out)
    s = d.summary()
    assert s["entities"] == 5 and s["scored"] == 4 and s["files"] == 5
    assert s["overall"] == {"median": 75.0, "q1": 37.5, "q3": 100.0, "min": 0.0, "max": 100.0}
    assert s["levels"] == {
        "initial": 1,
        "developing": 1,
        "established": 0,
        "advanced": 1,
        "insufficient": 1,
        "not-assessed": 1,
    }
    assert s["with_gaps"] == 1  # every critical "must" answered "no" in B only
    assert [r.name for r in d.entities] == ["A", "B", "C", "D", "E"]
    # Every outcome has its title in every download (an unknown level once broke the report).
    for lang in ("ar", "en"):
        html = aggregate_report.render(d, "html", lang)
        assert text("term.level_insufficient", lang=lang) in html
        for fmt in ("csv", "matrix", "json"):
            assert aggregate_report.render(d, fmt, lang)


def test_item_counts_most_failed_first() -> None:
    ids = CL.item_ids()
    out = read_files(
        [
            Source("a.json", doc("A", "2026-01-01", {ids[5]: "no", ids[3]: "no", ids[0]: "yes"})),
            Source("b.json", doc("B", "2026-01-01", {ids[5]: "no", ids[3]: "partial"})),
        ]
    )
    items = build(out).item_counts()
    assert [i["id"] for i in items[:2]] == [ids[5], ids[3]]
    assert items[0]["counts"] == {"yes": 0, "partial": 0, "no": 2, "na": 0, "none": 0}
    assert items[1]["counts"]["partial"] == 1 and items[1]["counts"]["no"] == 1
    assert all(sum(i["counts"].values()) == 2 for i in items)
    assert len(items) == len(ids)


def test_bad_files_never_stop_the_others() -> None:
    sources = [
        Source("ok.json", doc("A", "2026-01-01", all_items("yes"))),
        Source("broken.json", '{"schema_version": 1,'),
        Source("wrong.json", json.dumps({"hello": "world"})),
        Source("binary.bin", error="not-utf8"),
        Source("huge.json", error="too-large"),
        Source("list.json", "[1, 2]"),
        Source("weird.json", error="something else"),
    ]
    out = read_files(sources)
    assert [r.file for r in out.records] == ["ok.json"]
    problems = {p.file: p for p in out.problems}
    assert set(problems) == {s.name for s in sources[1:]}
    assert "Not valid JSON" in problems["broken.json"].en
    assert "(+" in problems["wrong.json"].en  # several fields missing: counted, not listed
    assert "UTF-8" in problems["binary.bin"].en and "UTF-8" in problems["binary.bin"].ar
    assert f"{MAX_FILE_BYTES:,}" in problems["huge.json"].en
    assert problems["weird.json"].en == "The file could not be read."
    assert all(p.kind == "unreadable" and p.ar and p.en for p in out.problems)


def test_duplicates_and_older_assessments() -> None:
    out = read_files(
        [
            Source("a1.json", doc("Ministry A", "2026-03-01", all_items("no"))),
            Source("a2.json", doc("  ministry   a ", "2026-03-01", all_items("yes"))),
            Source("a0.json", doc("Ministry A", "2025-03-01", all_items("yes"))),
            Source("b.json", doc("B", "2026-03-01", all_items("yes"), code="X-1")),
            Source("b2.json", doc("B renamed", "2026-03-01", all_items("yes"), code="X-1")),
        ]
    )
    d = build(out)
    # Schema 1 files have no entity.code, so b2 counts only if the engine reads codes.
    files = [r.file for r in d.entities]
    assert "a1.json" in files and "a2.json" not in files and "a0.json" not in files
    assert "b.json" in files and ("b2.json" in files) != ("b2.json" in {p.file for p in d.problems})
    kinds = {p.file: p.kind for p in d.problems}
    assert kinds["a2.json"] == "duplicate" and kinds["a0.json"] == "older"
    assert "a1.json" in next(p.en for p in d.problems if p.file == "a2.json")
    assert d.summary()["duplicates"] >= 2


def test_round_comparison_by_code_then_name() -> None:
    def rec(file: str, name: str, code: str, overall: float) -> Record:
        return Record(
            file=file,
            name=name,
            code=code,
            unit="",
            date="2026-01-01",
            overall=overall,
            level="developing",
            domains=(overall,) * len(CL.domains),
            values={},
            gaps=0,
            answered=0,
            total=45,
        )

    current = [
        rec("a.json", "Ministry of A (renamed)", "A1", 60.0),
        rec("b.json", "Ministry of B", "", 50.0),
        rec("c.json", "Ministry of C", "", 40.0),
        rec("e.json", "Ministry of E", "E2", 10.0),
    ]
    previous = [
        rec("a-old.json", "Ministry of A", "A1", 50.0),
        rec("b-old.json", "ministry of  B", "", 55.0),
        rec("d-old.json", "Ministry of D", "", 70.0),
        rec("e-old.json", "Ministry of E", "E1", 20.0),
    ]

    data = build(ReadOut(tuple(current), ()), ReadOut(tuple(previous), ())).as_dict()
    c = data["comparison"]
    assert c["matched"] == 2 and c["improved"] == 1 and c["regressed"] == 1
    assert sorted(c["new"]) == ["c.json", "e.json"]  # E's codes differ: another entity
    assert sorted(m["file"] for m in c["missing"]) == ["d-old.json", "e-old.json"]
    rows = {r["file"]: r for r in data["entities"]}
    assert rows["a.json"]["change"]["delta"] == 10.0
    assert rows["b.json"]["change"]["before"] == 55.0
    assert rows["c.json"]["change"] == {"status": "new"}
    assert c["overall"] == {
        "before": statistics.median([50.0, 55.0]),
        "after": 55.0,
        "delta": 2.5,
    }


def test_worker_rounds_add_in_batches_and_refuse_bad_input() -> None:
    texts = [
        {"name": f"e{i}.json", "text": doc(f"E{i}", "2026-02-02", all_items("yes"))}
        for i in range(3)
    ]
    texts.append({"name": "bad.bin", "error": "not-utf8"})
    rounds = DashboardRounds()
    assert json.loads(rounds.add("current", json.dumps(texts[:2]))) == {"ok": True, "files": 2}
    assert json.loads(rounds.add("current", json.dumps(texts[2:])))["files"] == 4
    old = [{"name": "old.json", "text": doc("E0", "2025-02-02", all_items("no"))}]
    assert json.loads(rounds.add("previous", json.dumps(old)))["files"] == 1
    data = json.loads(rounds.figures())["dashboard"]
    one_pass = build(
        read_files(Source(t["name"], t.get("text"), t.get("error")) for t in texts),
        read_files([Source("old.json", old[0]["text"])]),
    )
    assert data == json.loads(json.dumps(one_pass.as_dict()))
    assert data["summary"]["entities"] == 3 and data["summary"]["unreadable"] == 1
    reply = json.loads(rounds.render("matrix", "en"))
    assert reply["ok"] and reply["filename"].endswith(".csv")
    for bad in (
        rounds.render("pdf", "en"),
        rounds.render("csv", "fr"),
        rounds.add("middle", "[]"),
        rounds.add("current", "{"),
        rounds.add("current", json.dumps([{"text": "x"}])),
    ):
        assert json.loads(bad)["ok"] is False
    assert json.loads(rounds.figures())["dashboard"]["summary"]["files"] == 4  # unchanged
    assert json.loads(rounds.clear())["files"] == 0
    assert json.loads(rounds.figures())["dashboard"]["summary"]["files"] == 0


def test_csvs_parse_back_in_both_languages() -> None:
    out = read_files(
        [
            Source("a.json", doc("=HYPERLINK(1)", "2026-01-01", all_items("yes"))),
            Source("b.json", doc("وزارة، «ب»", "2026-01-01", all_items("no"))),
        ]
    )
    d = build(out)
    for lang in ("ar", "en"):
        rows = list(csv.reader(io.StringIO(entities_csv(d, lang).lstrip("\ufeff"))))
        assert len(rows) == 3 and len({len(r) for r in rows}) == 1
        assert rows[1][1].startswith("'=")  # formula injection neutralised
        assert rows[2][1] == "وزارة، «ب»"
        matrix = list(csv.reader(io.StringIO(matrix_csv(d, lang).lstrip("\ufeff"))))
        assert matrix[0][4:] == list(CL.item_ids()) and len(matrix) == 3
        html = report_html(d, lang)
        assert f'lang="{lang}"' in html and "&lt;" not in html and "HYPERLINK" in html


def test_cli_skips_bad_files_reports_them_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(doc("A", "2026-01-01", all_items("yes")), encoding="utf-8")
    (tmp_path / "b.json").write_bytes(b"\xff\xfe\x00binary")
    (tmp_path / "c.json").write_text(doc("C", "2026-01-01", all_items("no")), encoding="utf-8")
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    proc = run(
        "aggregate",
        *(str(tmp_path / n) for n in ("a.json", "b.json", "c.json")),
        str(big),
        str(tmp_path / "missing.json"),
        "--lang",
        "en",
    )
    assert proc.returncode == 1
    rows = list(csv.reader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    assert [r[1] for r in rows[1:]] == ["A", "C"]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("skipped: ") for line in lines)
    assert "Traceback" not in proc.stderr
    ok = run(
        "aggregate",
        str(tmp_path / "a.json"),
        "--previous",
        str(tmp_path / "c.json"),
        "--format",
        "json",
    )
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert (
        data["comparison"]["new"] == ["a.json"] and data["comparison"]["missing"][0]["name"] == "C"
    )


def test_cli_format_from_output_name(tmp_path: Path) -> None:
    sample = ROOT / "tests" / "engine" / "golden" / "sample-answers.json"
    out = tmp_path / "all.html"
    proc = run("aggregate", str(sample), "--lang", "en", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "sample-answers.json" in html and "A4 landscape" in html
    proc = run("aggregate", str(sample), "--format", "nope")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
