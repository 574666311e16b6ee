"""Facts about the site's two languages, in one place: code, direction, URL prefix, name.

Arabic is the default language and has no URL prefix; English lives under ``en/``. Every
module that needs to know which language a page, path or file is in asks here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Problem, UsageError


@dataclass(frozen=True)
class Language:
    code: str
    direction: str  # "rtl" or "ltr"
    prefix: str  # URL path prefix below the site root: "" or "en/"
    name: str  # the language's own name, as the language switcher shows it


ARABIC = Language(code="ar", direction="rtl", prefix="", name="العربية")
ENGLISH = Language(code="en", direction="ltr", prefix="en/", name="English")
LANGUAGES: dict[str, Language] = {ARABIC.code: ARABIC, ENGLISH.code: ENGLISH}
CODES: tuple[str, ...] = tuple(LANGUAGES)
DEFAULT = ARABIC


def language(code: str) -> Language:
    """The language with this code, or a UsageError naming the supported ones."""
    try:
        return LANGUAGES[code]
    except (KeyError, TypeError):
        raise UsageError(
            [
                Problem(
                    "lang",
                    f"اللغة غير مدعومة {str(code)[:20]!r}؛ المتوقع ar أو en",
                    f"unsupported language {str(code)[:20]!r}; expected ar or en",
                )
            ]
        ) from None


def of_path(path: str) -> Language:
    """The language of a site path or docs path relative to the root ("en/…" is English).

    Accepts URL paths with or without a leading slash and docs source paths ("ar/…").
    """
    rel = path.lstrip("/")
    head = rel.split("/", 1)[0]
    if head in LANGUAGES and head != DEFAULT.code:
        return LANGUAGES[head]
    return DEFAULT


def url(path: str, *, lang: str) -> str:
    """A root-relative URL path ("/en/guideline/…") for a language-neutral page path."""
    return "/" + language(lang).prefix + path.lstrip("/")
