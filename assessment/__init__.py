"""Daleel self-assessment engine for the 2024 Jordanian social-media guideline.

Stdlib only, so the same code runs on CPython and in the browser under Pyodide.
"""

from __future__ import annotations

__version__ = "2.0.0"

__all__ = ["__version__"]
