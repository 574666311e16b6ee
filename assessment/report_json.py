"""Machine-readable report: the answers file itself plus the computed result.

Because it is a superset of the answers format, a downloaded report can be imported again
(to resume, or as the previous assessment for a comparison).
"""

from __future__ import annotations

import json
from typing import Any

from . import __version__
from .scoring import Result


def report_object(result: Result) -> dict[str, Any]:
    out = result.answers.as_dict()
    # Keep the version the answers were given against only if it matches; after migration
    # the ids are those of the current checklist.
    out["checklist_version"] = result.checklist.version
    out["generator"] = {"name": "daleel-assessment", "version": __version__}
    out["result"] = result.as_dict()
    return out


def render_json(result: Result) -> str:
    return json.dumps(report_object(result), ensure_ascii=False, indent=2) + "\n"
