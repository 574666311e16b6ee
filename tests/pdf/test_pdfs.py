"""The PDF editions `make build` renders (scripts/build_pdfs.py): files, pages, text, links.

Text: pypdf reads the structure, metadata and the Latin text; Arabic text is read with poppler's
`pdftotext` here and compared without spaces, diacritics and tatweel. Whether every Arabic word
survives in the text layer, for both extractors, is tests/pdf/test_arabic_text_layer.py.

Page 1 and one body page of each PDF are rendered to PNG in test-artifacts/pdf/ for review.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import Destination

from tests.conftest import ROOT, SITE, built_pages

ARTIFACTS = ROOT / "test-artifacts" / "pdf"
LANGS = ("ar", "en")
KINDS = ("guideline", "checklist")
PAGES = {"guideline": (10, 45), "checklist": (10, 30)}
# A body page: a chapter in the guideline, a domain of items in the worksheet.
BODY_PAGE = {"guideline": 8, "checklist": 4}
TITLES = {
    (
        "ar",
        "guideline",
    ): "الدليل الإرشادي لاستخدام منصات التواصل الاجتماعي للوزارات والمؤسسات الحكومية",
    (
        "en",
        "guideline",
    ): "Guideline for the Use of Social Media Platforms by Ministries and Government Institutions",
    (
        "ar",
        "checklist",
    ): "قائمة التقييم الذاتي للدليل الإرشادي لاستخدام منصات التواصل الاجتماعي (2024)",
    (
        "en",
        "checklist",
    ): "Self-assessment checklist for the Guideline for the Use of Social Media Platforms (2024)",
}
MINISTRY = {
    "ar": "وزارة الاقتصاد الرقمي والريادة",
    "en": "Ministry of Digital Economy and Entrepreneurship",
}
# English interface strings that must never appear in the Arabic editions (the footer, the
# cover, the TOC, the worksheet). The Arabic glossary legitimately holds English terms, so the
# list is of interface words, matched as whole words with their capital.
UI_STRINGS = (
    "Page",
    "Contents",
    "Table of Contents",
    "Print Site",
    "Permanent link",
    "Download",
    "Edition",
    "Source version",
    "Built",
    "Yes",
    "Partly",
    "Not applicable",
    "Notes",
    "Weight",
    "Obligation",
    "Critical",
    "Answer",
    "Entity",
    "Assessor",
    "Score",
    "Chapter",
)
ITEM_ID = re.compile(r"\b[a-z]+(?:-[a-z0-9]+)+\b")
# Spaces, diacritics, tatweel; and lam and the alef forms, because the lam-alef ligatures
# come out of the PDF as alef + lam + alef in either order.
_ARABIC_NOISE = re.compile(r"[\s\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640لاأإآ]")
_NUMBERING = re.compile(r"^\s*\d+\s*[.)]\s*")


def pdf_path(lang: str, kind: str) -> Path:
    return (SITE if lang == "ar" else SITE / lang) / "downloads" / f"{kind}.pdf"


ALL = [(lang, kind) for lang in LANGS for kind in KINDS]
IDS = [f"{kind}-{lang}" for lang, kind in ALL]


def squash(text: str) -> str:
    """Compare Arabic (and Latin) text as written: NFKC, no spaces, diacritics, tatweel or
    direction marks."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return _ARABIC_NOISE.sub("", text).lower()


def letters(text: str) -> str:
    """Only the letters of squashed text (digits and brackets come out of RTL lines reordered)."""
    return "".join(
        c for c in squash(text) if unicodedata.category(c).startswith("L") or c == "\ufffd"
    )


def has_words(haystack: str, needle: str) -> bool:
    """`needle`'s letters appear in order in `haystack`; a glyph poppler could not map (U+FFFD,
    seen in bold Arabic) stands for any one letter."""
    pattern = "".join(f"(?:{re.escape(c)}|\ufffd)" for c in letters(needle))
    return re.search(pattern, letters(haystack)) is not None


@cache
def reader(lang: str, kind: str) -> PdfReader:
    path = pdf_path(lang, kind)
    if not path.is_file():
        pytest.fail(f"{path} missing: `make build` renders the PDFs (scripts/build_pdfs.py)")
    return PdfReader(path)


@cache
def poppler_text(lang: str, kind: str, first: int = 0, last: int = 0) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    out = subprocess.run(
        [*args, str(pdf_path(lang, kind)), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


@cache
def pypdf_text(lang: str, kind: str) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(lang, kind).pages)


def text_of(lang: str, kind: str) -> str:
    """The document's text, squashed, from the extractor that reads that script correctly."""
    return squash(poppler_text(lang, kind) if lang == "ar" else pypdf_text(lang, kind))


def chapter_titles(lang: str) -> list[str]:
    pages = sorted((ROOT / "docs" / lang / "guideline").glob("*.md"))
    pages += [ROOT / "docs" / lang / "glossary.md", ROOT / "docs" / lang / "editorial-notes.md"]
    titles = []
    for page in pages:
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                titles.append(line[2:].strip())
                break
        else:
            pytest.fail(f"{page} has no title")
    return titles


@pytest.fixture(scope="module", autouse=True)
def _needs_poppler() -> None:
    if not shutil.which("pdftotext") or not shutil.which("pdftoppm"):
        pytest.fail("poppler-utils missing: run `make system-deps`")


@pytest.mark.parametrize(("lang", "kind"), ALL, ids=IDS)
def test_pdf_is_a4_with_the_expected_page_count(lang: str, kind: str) -> None:
    pdf = reader(lang, kind)
    low, high = PAGES[kind]
    assert low <= len(pdf.pages) <= high, len(pdf.pages)
    for page in pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)


@pytest.mark.parametrize(("lang", "kind"), ALL, ids=IDS)
def test_title_language_and_outline_metadata(lang: str, kind: str) -> None:
    pdf = reader(lang, kind)
    assert pdf.metadata is not None
    assert pdf.metadata.title == TITLES[(lang, kind)]
    catalog = pdf.root_object
    assert str(catalog["/Lang"]) == lang
    assert "/StructTreeRoot" in catalog, "not a tagged PDF"
    top = [entry for entry in pdf.outline if isinstance(entry, Destination)]
    assert len(top) >= (16 if kind == "guideline" else 12), "no bookmarks"


@pytest.mark.parametrize(("lang", "kind"), ALL, ids=IDS)
def test_fonts_are_the_self_hosted_ones_embedded(lang: str, kind: str) -> None:
    out = subprocess.run(
        ["pdffonts", str(pdf_path(lang, kind))], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = [line.split()[0].split("+", 1)[-1] for line in out]
    assert all(line.split()[-5] == "yes" for line in out), out  # the "emb" column
    assert "NotoSans-Regular" in names
    if lang == "ar":
        # The Arabic face of the PDFs (print.css); the site's Noto Sans Arabic is not used.
        assert {"Amiri-Regular", "Amiri-Bold"} <= set(names), names
        assert not any(name.startswith("NotoSansArabic") for name in names), names


@pytest.mark.parametrize(("lang", "kind"), ALL, ids=IDS)
def test_cover_page(lang: str, kind: str) -> None:
    raw = (
        poppler_text(lang, kind, 1) if lang == "ar" else reader(lang, kind).pages[0].extract_text()
    )
    cover = squash(raw)
    assert squash(TITLES[(lang, kind)].removesuffix(" (2024)")) in cover
    assert squash(MINISTRY[lang]) in cover
    assert "2024" in cover
    assert squash("النسخة العربية" if lang == "ar" else "English translation") in cover
    # Build identifiers are in the colophon at the end, not on the cover (issue 16).
    assert not re.search(r"sha256|\bgit [0-9a-f]", raw), "build identifiers on the cover"
    assert not re.search(r"20\d\d-\d\d-\d\d", raw), "build date on the cover"


@pytest.mark.parametrize(("lang", "kind"), ALL, ids=IDS)
def test_colophon_on_the_last_page_has_the_build_identifiers(lang: str, kind: str) -> None:
    pages = len(reader(lang, kind).pages)
    raw = (
        poppler_text(lang, kind, pages)
        if lang == "ar"
        else reader(lang, kind).pages[-1].extract_text()
    )
    assert squash("عن هذه النسخة" if lang == "ar" else "About this edition") in squash(raw)
    assert re.search(r"20\d\d-\d\d-\d\d", raw), "build date"
    assert re.search(r"sha256 [0-9a-f]{12}", raw), raw[-300:]
    if kind == "guideline":
        assert re.search(r"git [0-9a-f]{7,}", raw), raw[-300:]


@pytest.mark.parametrize("lang", LANGS)
def test_chapters_flow_on_without_a_page_each(lang: str) -> None:
    titles = [squash(_NUMBERING.sub("", title)) for title in chapter_titles(lang)[:14]]
    pdf = reader(lang, "guideline")
    shared = 0
    for number in range(4, len(pdf.pages) + 1):
        page = squash(
            poppler_text(lang, "guideline", number)
            if lang == "ar"
            else pdf.pages[number - 1].extract_text()
        )
        shared += sum(title in page for title in titles) >= 2
    assert shared >= 2, "every chapter still starts a page of its own"


@pytest.mark.parametrize("lang", LANGS)
def test_worksheet_marks_critical_only_the_items_whose_no_caps_the_level(lang: str) -> None:
    from assessment.checklist import default_checklist

    items = default_checklist().items
    capping = [i for i in items if i.critical and i.obligation == "must"]
    assert capping
    raw = poppler_text(lang, "checklist") if lang == "ar" else pypdf_text(lang, "checklist")
    label = "بند حرج" if lang == "ar" else "Critical item"
    assert squash(raw).count(squash(label)) == len(capping)


@pytest.mark.parametrize("lang", LANGS)
def test_guideline_has_every_chapter_in_order(lang: str) -> None:
    text = text_of(lang, "guideline")
    titles = [squash(_NUMBERING.sub("", title)) for title in chapter_titles(lang)]
    # The table of contents lists them all first; the chapters follow it, in order.
    toc = text.find(titles[0])
    assert toc > 0, "no table of contents"
    position = text.find(titles[-1], toc) + len(titles[-1])
    for title, needle in zip(chapter_titles(lang), titles, strict=True):
        found = text.find(needle, position)
        assert found > 0, f"chapter missing or out of order: {title}"
        position = found + len(needle)


@pytest.mark.parametrize("lang", LANGS)
def test_guideline_has_the_glossary_and_editorial_notes(lang: str) -> None:
    text = text_of(lang, "guideline")
    terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    for term in terms:
        assert squash(term[lang]) in text, term[lang]
    corrections = yaml.safe_load((ROOT / "source" / "corrections.yml").read_text(encoding="utf-8"))
    assert corrections, "no corrections to list"


def test_arabic_guideline_has_the_body_text() -> None:
    text = text_of("ar", "guideline")
    for phrase in (
        "يُطلب من الجهة الحكومية تعيين مديرين",
        "وضع آليات للتفاعل السريع والفعّال مع الجمهور",
        "المصادقة الثنائية",
        "حماية الحسابات",
    ):
        assert squash(phrase) in text, phrase


@pytest.mark.parametrize("kind", KINDS)
def test_arabic_pdf_has_no_latin_page_or_english_interface_strings(kind: str) -> None:
    # Both extractors: the footer and cover are checked whichever way the text is read.
    for raw in (poppler_text("ar", kind), pypdf_text("ar", kind)):
        for ui in UI_STRINGS:
            assert not re.search(rf"\b{re.escape(ui)}\b", raw), f"English {ui!r} in Arabic PDF"
    # The running footer is there, in Arabic, on every page.
    pages = len(reader("ar", kind).pages)
    footers = re.findall(r"صفحة(\d+)من(\d+)", squash(poppler_text("ar", kind)))
    assert len(footers) == pages, footers[:3]
    assert {int(total) for _n, total in footers} == {pages}


@pytest.mark.parametrize("kind", KINDS)
def test_english_pdf_has_an_english_page_footer(kind: str) -> None:
    pdf = reader("en", kind)
    for number, page in enumerate(pdf.pages, 1):
        assert f"Page {number} of {len(pdf.pages)}" in (page.extract_text() or "")


@pytest.mark.parametrize("lang", LANGS)
def test_table_of_contents_links_and_page_numbers(lang: str) -> None:
    pdf = reader(lang, "guideline")
    links = [
        annot.get_object()
        for page in pdf.pages[1:4]
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    internal = [a for a in links if "/Dest" in a or "/GoTo" in str(a.get("/A"))]
    assert len(internal) >= 16, "the TOC entries are not clickable"
    # The TOC's page numbers match where the chapters really are.
    toc = poppler_text(lang, "guideline", 2, 3)
    lines = [
        "".join(c for c in line if unicodedata.category(c) != "Cf") for line in toc.splitlines()
    ]
    numbers = [int(line) for line in lines if line.strip().isdigit()]
    assert numbers, "no page numbers in the TOC"
    assert numbers == sorted(numbers) and numbers[0] >= 3 and numbers[-1] <= len(pdf.pages)


@pytest.mark.parametrize("lang", LANGS)
def test_worksheet_lists_every_item_with_answers_and_scoring(lang: str) -> None:
    from assessment.checklist import default_checklist
    from assessment.labels import VALUE_LABELS

    checklist = default_checklist()
    latin = pypdf_text(lang, "checklist")
    found_ids = set(ITEM_ID.findall(latin))
    assert {item.id for item in checklist.items} <= found_ids
    text = text_of(lang, "checklist")
    raw = poppler_text(lang, "checklist") if lang == "ar" else latin
    for item in checklist.items:
        assert has_words(raw, item.question.get(lang)), item.id
    for domain in checklist.domains:
        assert squash(domain.title.get(lang)) in text, domain.id
    for value in ("yes", "partial", "no", "na"):
        assert squash(VALUE_LABELS[lang][value]) in text
    last = squash(
        poppler_text(lang, "checklist", len(reader(lang, "checklist").pages))
        if lang == "ar"
        else reader(lang, "checklist").pages[-1].extract_text()
    )
    assert (
        squash("احتساب النتيجة يدوياً" if lang == "ar" else "Scoring by hand")
        in squash(
            poppler_text(lang, "checklist", len(reader(lang, "checklist").pages) - 1)
            if lang == "ar"
            else reader(lang, "checklist").pages[-2].extract_text()
        )
        + last
    )
    entity = squash("اسم الجهة" if lang == "ar" else "Entity name")
    assert entity in text


def _pdftoppm(number: int) -> list[str]:
    return ["pdftoppm", "-singlefile", "-f", str(number), "-l", str(number)]


def _grey_levels(pgm: bytes) -> bytes:
    """Pixels of a binary PGM (P5) image."""
    parts = pgm.split(maxsplit=4)
    assert parts[0] == b"P5"
    return parts[4][-int(parts[1]) * int(parts[2]) :]


@pytest.mark.parametrize(("lang", "kind"), ALL, ids=IDS)
def test_pages_render_to_png_for_review(lang: str, kind: str, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = pdf_path(lang, kind)
    for label, number in (("page1", 1), ("body", BODY_PAGE[kind])):
        stem = ARTIFACTS / f"{kind}-{lang}-{label}"
        subprocess.run(
            [*_pdftoppm(number), "-png", "-r", "80", str(path), str(stem)],
            check=True,
            capture_output=True,
        )
        png = stem.with_suffix(".png")
        assert png.is_file() and png.stat().st_size > 15_000, png
        subprocess.run(
            [*_pdftoppm(number), "-gray", "-r", "30", str(path), str(tmp_path / "page")],
            check=True,
            capture_output=True,
        )
        pgm = (tmp_path / "page.pgm").read_bytes()
        pixels = _grey_levels(pgm)
        ink = sum(1 for p in pixels if p < 128) / len(pixels)
        assert 0.005 < ink < 0.5, f"{png.name}: {ink:.3%} dark pixels"


def test_home_pages_and_every_footer_link_the_pdfs_with_their_size() -> None:
    slot = re.compile(
        r'<a href="([^"]+\.pdf)"[^>]*>[^<]*(?:</a>\s*)?<span class="daleel-pdf-size" '
        r'data-daleel-pdf="(\w+)/(\w+)">([^<]*)</span>'
    )
    pages = built_pages()
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = "en" if page.relative_to(SITE).parts[:1] == ("en",) else "ar"
        links = slot.findall(html)
        kinds = {kind for _href, link_lang, kind, _size in links if link_lang == lang}
        assert kinds == set(KINDS), f"{page}: footer links {links}"
        for href, link_lang, kind, size in links:
            assert link_lang == lang, f"{page}: links the other language's PDF"
            target = (page.parent / href).resolve()
            assert target == pdf_path(lang, kind).resolve(), (page, href)
            unit = r"(?:كيلوبايت|ميغابايت)" if lang == "ar" else r"(?:KB|MB)"
            assert re.fullmatch(rf"\(\d+(?:\.\d)? {unit}\)", size), (page, size)
    for lang, home in (("ar", SITE / "index.html"), ("en", SITE / "en" / "index.html")):
        article = home.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>")[0]
        assert len(slot.findall(article)) == len(KINDS), f"{lang} home page has no PDF links"


@pytest.mark.parametrize("lang", LANGS)
def test_bookmarks_read_as_the_chapter_titles(lang: str) -> None:
    # Chromium titles right-to-left bookmarks in visual word order; build_pdfs.py retitles them.
    top = [
        entry.title for entry in reader(lang, "guideline").outline if isinstance(entry, Destination)
    ]
    titles = chapter_titles(lang)
    assert top[1 : 1 + len(titles)] == titles, top
