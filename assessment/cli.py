"""Command line: `python -m assessment score|checklist|aggregate`.

User errors end with exit status 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import aggregate_report
from .aggregate import MAX_FILE_BYTES, ReadOut, Source, build, read_files
from .api import checklist_json
from .checklist import default_checklist
from .engine import FORMATS, assess, render
from .errors import AssessmentError, PreviousAnswersError, Problem
from .labels import OBLIGATION_LABELS
from .links import DEFAULT_SITE_URL
from .report_csv import BOM

EXIT_USAGE = 2
# `aggregate` wrote its output but skipped files it could not read.
EXIT_SKIPPED = 1


class _Fail(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage block; the contract is a single line.
        raise _Fail(f"{self.prog}: {message}")


def _read(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.buffer.read().decode("utf-8-sig")
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise _Fail(f"{path}: file not found") from None
    except IsADirectoryError:
        raise _Fail(f"{path}: is a directory") from None
    except UnicodeDecodeError:
        raise _Fail(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise _Fail(f"{path}: {exc.strerror or 'cannot be read'}") from None


def _write(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise _Fail(f"{output}: {exc.strerror or 'cannot be written'}") from None


MAX_WARNING_LINES = 20


def _error_line(source: str, exc: AssessmentError) -> str:
    first = exc.problems[0]
    more = f" (+{len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
    where = f"{source}: " if source else ""
    return f"{where}{first.one_line('en')}{more}"


def _warn(source: str, warnings: Sequence[Problem]) -> None:
    for w in warnings[:MAX_WARNING_LINES]:
        print(f"warning: {source}: {w.one_line('en')}", file=sys.stderr)
    if len(warnings) > MAX_WARNING_LINES:
        print(f"warning: {source}: (+{len(warnings) - MAX_WARNING_LINES} more)", file=sys.stderr)


def _score(args: argparse.Namespace) -> None:
    text = _read(args.answers)
    previous = _read(args.previous) if args.previous else None
    try:
        result = assess(text, previous)
        content = render(
            result, args.format, args.lang, site_url=args.site_url, report_date=args.report_date
        )
    except PreviousAnswersError as exc:
        raise _Fail(_error_line(args.previous, exc)) from None
    except AssessmentError as exc:
        raise _Fail(_error_line(args.answers, exc)) from None
    _warn(args.answers, result.warnings)
    _write(content, args.output)


def _checklist(args: argparse.Namespace) -> None:
    if args.format == "json":
        data = json.loads(checklist_json(args.lang))
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.output)
        return
    lang = args.lang or "ar"
    cl = default_checklist()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(
        ["chapter", "domain", "id", "question", "obligation", "weight", "critical", "section"]
    )
    for item in cl.items:
        domain = cl.domain(item.domain)
        writer.writerow(
            [
                domain.number,
                domain.title.get(lang),
                item.id,
                item.question.get(lang),
                OBLIGATION_LABELS[lang][item.obligation],
                item.weight,
                "yes" if item.critical else "no",
                item.section.url(lang),
            ]
        )
    _write(BOM + buf.getvalue(), args.output)


def _source(path: str) -> Source:
    name = Path(path).name
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            return Source(name, error="too-large")
        return Source(name, Path(path).read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        return Source(name, error="not-found")
    except UnicodeDecodeError:
        return Source(name, error="not-utf8")
    except OSError:
        return Source(name, error="unreadable")


def _round(paths: Sequence[str]) -> ReadOut:
    return read_files(_source(p) for p in paths)


def _aggregate(args: argparse.Namespace) -> int:
    previous = _round(args.previous) if args.previous else None
    dashboard = build(_round(args.files), previous)
    fmt = args.format
    if fmt is None:
        suffix = (args.output or "").lower()
        fmt = (
            "html"
            if suffix.endswith((".html", ".htm"))
            else "json"
            if suffix.endswith(".json")
            else "csv"
        )
    _write(aggregate_report.render(dashboard, fmt, args.lang), args.output)
    for problem in dashboard.problems:
        where = "previous round: " if problem.round == "previous" else ""
        label = "skipped" if problem.kind == "unreadable" else "warning"
        print(f"{label}: {where}{problem.file}: {problem.en}", file=sys.stderr)
    return EXIT_SKIPPED if any(p.kind == "unreadable" for p in dashboard.problems) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m assessment", description="Daleel self-assessment engine")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("score", help="score an answers file and write its report")
    p.add_argument("answers", help="answers JSON file (- for standard input)")
    p.add_argument("--previous", help="an earlier answers file of the same entity, to compare")
    p.add_argument("--lang", choices=("ar", "en"), default="ar")
    p.add_argument("--format", choices=tuple(FORMATS), default="html")
    p.add_argument(
        "--site-url",
        default=DEFAULT_SITE_URL,
        help=f"the published guideline site the report links to (default: {DEFAULT_SITE_URL})",
    )
    p.add_argument(
        "--report-date",
        metavar="YYYY-MM-DD",
        help="date against which due dates count as overdue (default: the assessment date)",
    )
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.set_defaults(run=_score)

    p = sub.add_parser("checklist", help="write the checklist itself")
    p.add_argument("--lang", choices=("ar", "en"), default=None, help="default: both languages")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("-o", "--output")
    p.set_defaults(run=_checklist)

    p = sub.add_parser(
        "aggregate",
        help="many entities' results: summary, entity table, item view, round comparison",
        description="Files that cannot be read are skipped and reported on standard error; "
        "the exit status is then 1.",
    )
    p.add_argument("files", nargs="+", help="answers files")
    p.add_argument(
        "--previous", nargs="+", metavar="FILE", help="answers files of the previous round"
    )
    p.add_argument("--lang", choices=("ar", "en"), default="ar")
    p.add_argument(
        "--format",
        choices=aggregate_report.FORMATS,
        default=None,
        help="csv: entity summary; matrix: answers per item; html: printable report; "
        "json: every figure (default: from -o, else csv)",
    )
    p.add_argument("-o", "--output")
    p.set_defaults(run=_aggregate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        status = args.run(args)
    except _Fail as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return status if isinstance(status, int) else 0
