"""The text layer of the PDFs Chromium prints: what search, copy and screen readers read.

Two repairs, both leaving every glyph where Chromium drew it (the pages render pixel for pixel
as before):

1. ToUnicode. Chromium (Skia) writes each glyph's Unicode text into the font's ToUnicode map
   from the shaper's clusters. Where one cluster has several glyphs (a letter with its
   diacritics, a letter Amiri draws in two pieces), it writes the cluster's text once as
   /ActualText around the glyphs and maps those glyphs to U+0000. pdftotext reads ActualText;
   pypdf and most PDF viewers' search and copy read only ToUnicode, so they got NULs instead of
   letters. `solve_glyphs` works out each such glyph's text from the clusters it appears in
   (the cluster's text minus what its already-mapped glyphs stand for).
2. Clusters with diacritics. pdftotext places an ActualText span from the start of its first
   glyph to the end of its last, and starts a new word where that box is more than a tenth of
   the font size away from its neighbours. Chromium draws the mark first (shadda in «مفضّلة»
   sits 1.9 pt into its 10 pt letter), so the word broke: «مفّض لة». `whole_clusters` draws the
   letters first and the marks after, and gives the last mark a character spacing (Tc) that
   ends the span where its letter ends. Every glyph keeps its own Td, so nothing moves.
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_HEX_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
# A glyph left over once its cluster's letters are all accounted for is an extra piece of a
# letter (Amiri draws lam before kaf in two glyphs): it reads as a tatweel, which search ignores.
TATWEEL = "\u0640"
_UNMAPPED = ("", "\x00")


def _utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be", errors="replace")


def parse_to_unicode(data: bytes) -> dict[int, str]:
    """Glyph code -> text of a ToUnicode CMap (bfchar and bfrange entries)."""
    table: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        for code, text in _HEX_PAIR.findall(block):
            table[int(code, 16)] = _utf16(text)
    for block in _BFRANGE.findall(data):
        for low_hex, high_hex, target in _HEX_RANGE.findall(block):
            low, high = int(low_hex, 16), int(high_hex, 16)
            if target.startswith(b"["):
                for offset, text in enumerate(_HEX.findall(target)):
                    table[low + offset] = _utf16(text)
                continue
            first = bytes.fromhex(target[1:-1].decode("ascii"))
            for offset in range(high - low + 1):
                last = int.from_bytes(first[-2:], "big") + offset
                table[low + offset] = (first[:-2] + last.to_bytes(2, "big")).decode(
                    "utf-16-be", errors="replace"
                )
    return table


def to_unicode_cmap(table: dict[int, str]) -> bytes:
    """A ToUnicode CMap (two-byte codes, as Chromium writes them) for `table`."""
    out = [
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo\n<<  /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    ]
    entries = sorted(table.items())
    for start in range(0, len(entries), 100):  # at most 100 entries per block (PDF spec)
        chunk = entries[start : start + 100]
        out.append(b"%d beginbfchar\n" % len(chunk))
        for code, text in chunk:
            out.append(b"<%04X> <%s>\n" % (code, text.encode("utf-16-be").hex().upper().encode()))
        out.append(b"endbfchar\n")
    out.append(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
    return b"".join(out)


def _codes(operand: object) -> list[int]:
    raw = getattr(operand, "original_bytes", None)
    data = raw if isinstance(raw, bytes) else bytes(operand)  # type: ignore[call-overload]
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]


Cluster = tuple[list[int], str]


def _page_fonts(page: PageObject) -> DictionaryObject | None:
    """The page's font resources (name -> font dictionary)."""
    resources = page["/Resources"].get_object()
    fonts = resources.get("/Font") if isinstance(resources, DictionaryObject) else None
    fonts = fonts.get_object() if fonts is not None else None
    return fonts if isinstance(fonts, DictionaryObject) else None


def _font_id(fonts: DictionaryObject, name: object) -> int:
    """The object number of the font a `Tf` names; -1 for a font not held by reference."""
    ref = fonts.raw_get(name)
    return ref.idnum if isinstance(ref, IndirectObject) else -1


def _clusters(page: PageObject, writer: PdfWriter) -> dict[int, list[Cluster]]:
    """ActualText clusters of a page by font (the font dictionary's object number)."""
    fonts = _page_fonts(page)
    if fonts is None:
        return {}
    found: dict[int, list[Cluster]] = defaultdict(list)
    font = -1
    open_span: Cluster | None = None
    depth = 0
    for operands, operator in ContentStream(page.get_contents(), writer).operations:
        if operator == b"Tf":
            font = _font_id(fonts, operands[0])
        elif operator in (b"BDC", b"BMC") and open_span is not None:
            depth += 1
        elif _is_actual_text((operands, operator)):
            open_span, depth = ([], str(operands[1]["/ActualText"])), 0
        elif operator == b"EMC" and open_span is not None:
            if depth:
                depth -= 1
            else:
                if font >= 0:
                    found[font].append(open_span)
                open_span = None
        elif operator == b"Tj" and open_span is not None:
            open_span[0].extend(_codes(operands[0]))
    return found


def _remaining(glyphs: list[int], text: str, known: dict[int, str]) -> tuple[list[str], list[int]]:
    """The cluster's characters not yet accounted for, and its glyphs with no text yet."""
    rest = list(text)
    unknown: list[int] = []
    for glyph in glyphs:
        if glyph in known:
            for char in known[glyph]:
                if char in rest:
                    rest.remove(char)
        elif glyph not in unknown:
            unknown.append(glyph)
    return rest, unknown


def solve_glyphs(table: dict[int, str], clusters: list[Cluster]) -> tuple[dict[int, str], int]:
    """Text for the glyphs `table` leaves unmapped, from the clusters they occur in; returns the
    new entries and how many glyphs stayed unknown."""
    known = {code: text for code, text in table.items() if text not in _UNMAPPED}
    solved: dict[int, str] = {}
    changed = True
    while changed:
        changed = False
        for glyphs, text in clusters:
            rest, unknown = _remaining(glyphs, text, known)
            if len(unknown) == 1 and rest:
                known[unknown[0]] = solved[unknown[0]] = "".join(rest)
                changed = True
    left: set[int] = set()
    for glyphs, text in clusters:
        rest, unknown = _remaining(glyphs, text, known)
        if unknown and not rest:
            for glyph in unknown:
                known[glyph] = solved[glyph] = TATWEEL
        else:
            left.update(unknown)
    return solved, len(left)


# --- Clusters with diacritics ------------------------------------------------------------------

Operation = tuple[list[object], bytes]


@dataclass(frozen=True)
class FontMetrics:
    """What the span rewrite needs of one font: advances and which glyphs are marks."""

    widths: dict[int, float]  # glyph code -> advance, in thousandths of the font size
    default_width: float
    marks: frozenset[int]  # zero-width glyphs whose text is combining marks only

    def advance(self, code: int, size: float) -> float:
        return self.widths.get(code, self.default_width) * size / 1000


def _cid_widths(descendant: DictionaryObject) -> dict[int, float]:
    """The /W array of a CID font: `c [w1 w2 ...]` and `c_first c_last w` entries."""
    entries = descendant.get("/W")
    entries = entries.get_object() if entries is not None else ArrayObject()
    widths: dict[int, float] = {}
    i = 0
    while i + 1 < len(entries):
        first, following = int(entries[i]), entries[i + 1].get_object()
        if isinstance(following, ArrayObject):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width)
            i += 2
        else:
            for code in range(first, int(following) + 1):
                widths[code] = float(entries[i + 2])
            i += 3
    return widths


def font_metrics(font_dict: DictionaryObject, table: dict[int, str]) -> FontMetrics | None:
    """Metrics of a Type 0 font as Chromium writes it; None for any other kind."""
    descendants = font_dict.get("/DescendantFonts")
    if descendants is None:
        return None
    descendant = descendants.get_object()[0].get_object()
    assert isinstance(descendant, DictionaryObject)
    widths = _cid_widths(descendant)
    default_width = float(descendant.get("/DW", 1000))
    marks = frozenset(
        code
        for code, text in table.items()
        if widths.get(code, default_width) == 0
        and text
        and all(unicodedata.category(char) == "Mn" for char in text)
    )
    return FontMetrics(widths, default_width, marks)


def _single_glyph(operation: Operation) -> int | None:
    operands, operator = operation
    if operator != b"Tj" or not operands:
        return None
    codes = _codes(operands[0])
    return codes[0] if len(codes) == 1 else None


def letters_then_marks(
    inner: list[Operation], metrics: FontMetrics, size: float
) -> list[Operation] | None:
    """A span's inner operations (a Tf/Tm prefix, then one `Td`, `Tj` pair per glyph) redrawn
    letters first and marks last, the last glyph's character spacing ending the span where its
    widest glyph ends; None where the span has no mark, no letter, or another shape."""
    prefix = 0
    while prefix < len(inner) and inner[prefix][1] in (b"Tf", b"Tm"):
        prefix += 1
    pairs = inner[prefix:]
    if len(pairs) < 4 or len(pairs) % 2:
        return None
    glyphs: list[tuple[float, float, Operation, int]] = []
    x = y = 0.0
    for td, tj in zip(pairs[::2], pairs[1::2], strict=True):
        code = _single_glyph(tj)
        if td[1] != b"Td" or code is None:
            return None
        x, y = x + float(td[0][0]), y + float(td[0][1])  # type: ignore[arg-type]
        glyphs.append((x, y, tj, code))
    letters = [g for g in glyphs if g[3] not in metrics.marks]
    marks = [g for g in glyphs if g[3] in metrics.marks]
    if not letters or not marks:
        return None
    end = max(gx + metrics.advance(code, size) for gx, _gy, _tj, code in glyphs)
    out: list[Operation] = list(inner[:prefix])
    at_x = at_y = 0.0
    order = letters + marks
    for n, (gx, gy, tj, code) in enumerate(order):
        out.append(([FloatObject(gx - at_x), FloatObject(gy - at_y)], b"Td"))
        if n == len(order) - 1:
            out.append(([FloatObject(end - gx - metrics.advance(code, size))], b"Tc"))
        out.append(tj)
        at_x, at_y = gx, gy
    # Back to no character spacing (Chromium never sets any) and to where the span left the
    # line matrix, which the next Td is relative to.
    out.append(([NumberObject(0)], b"Tc"))
    out.append(([FloatObject(x - at_x), FloatObject(y - at_y)], b"Td"))
    return out


def _is_actual_text(operation: Operation) -> bool:
    operands, operator = operation
    return (
        operator == b"BDC"
        and operands[0] == "/Span"
        and isinstance(operands[1], DictionaryObject)
        and "/ActualText" in operands[1]
    )


def whole_clusters(page: PageObject, writer: PdfWriter, metrics: dict[int, FontMetrics]) -> int:
    """Rewrite the page's ActualText spans with marks (`letters_then_marks`); returns how many."""
    fonts = _page_fonts(page)
    if fonts is None:
        return 0
    content = ContentStream(page.get_contents(), writer)
    operations: list[Operation] = content.operations
    if any(operator == b"Tc" for _operands, operator in operations):
        return 0  # the rewrite assumes no character spacing is ever set
    font: FontMetrics | None = None
    size = 0.0
    saved: list[tuple[FontMetrics | None, float]] = []
    out: list[Operation] = []
    rewritten = i = 0
    while i < len(operations):
        operands, operator = operations[i]
        if operator == b"q":
            saved.append((font, size))
        elif operator == b"Q" and saved:
            font, size = saved.pop()
        elif operator == b"Tf":
            font, size = metrics.get(_font_id(fonts, operands[0])), float(operands[1])  # type: ignore[arg-type]
        elif _is_actual_text(operations[i]):
            close = next(
                (
                    k
                    for k in range(i + 1, len(operations))
                    if operations[k][1] in (b"EMC", b"BDC", b"BMC")
                ),
                None,
            )
            if close is not None and operations[close][1] == b"EMC":
                inner = operations[i + 1 : close]
                for inner_operands, inner_operator in inner:
                    if inner_operator == b"Tf":
                        font = metrics.get(_font_id(fonts, inner_operands[0]))
                        size = float(inner_operands[1])  # type: ignore[arg-type]
                redrawn = letters_then_marks(inner, font, size) if font is not None else None
                if redrawn is not None:
                    out.extend([operations[i], *redrawn, operations[close]])
                    rewritten += 1
                    i = close + 1
                    continue
        out.append(operations[i])
        i += 1
    if rewritten:
        content.operations = out
        page.replace_contents(content)
    return rewritten


def _outline_items(writer: PdfWriter) -> list[DictionaryObject]:
    """The bookmarks in document order (depth first)."""
    root = writer.root_object.get("/Outlines")
    items: list[DictionaryObject] = []

    def walk(node: object) -> None:
        while isinstance(node, IndirectObject | DictionaryObject):
            entry = node.get_object()
            assert isinstance(entry, DictionaryObject)
            items.append(entry)
            walk(entry.get("/First"))
            node = entry.get("/Next")

    if root is not None:
        outline = root.get_object()
        if isinstance(outline, DictionaryObject):
            walk(outline.get("/First"))
    return items


def retitle_bookmarks(writer: PdfWriter, headings: list[str]) -> bool:
    """Chromium titles right-to-left bookmarks from the rendered line, words in visual order
    («الرسميّة الحسابات»); give each its heading's text in reading order instead. The outline
    lists the headings in document order, so they are matched by position; returns False (and
    changes nothing) if the counts differ."""
    items = _outline_items(writer)
    if len(items) != len(headings):
        return False
    for entry, title in zip(items, headings, strict=True):
        entry[NameObject("/Title")] = TextStringObject(title)
    return True


def repair_text_layer(pdf: bytes, headings: list[str] | None = None) -> tuple[bytes, int, int]:
    """`pdf` with every glyph Chromium left unmapped given its text where the document shows
    it, every cluster with diacritics read as one piece of its word, and (given the document's
    headings) its bookmarks titled in reading order; returns (new PDF, glyphs mapped, glyphs
    still unmapped)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    if headings is not None and not retitle_bookmarks(writer, headings):
        print(f"bookmarks: {len(headings)} headings do not match the outline", file=sys.stderr)
    clusters: dict[int, list[Cluster]] = defaultdict(list)
    for page in writer.pages:
        for font, found in _clusters(page, writer).items():
            clusters[font].extend(found)
    mapped = unknown = 0
    metrics: dict[int, FontMetrics] = {}
    for font, found in clusters.items():
        font_dict = writer.get_object(font)
        assert isinstance(font_dict, DictionaryObject)
        stream = font_dict.get("/ToUnicode")
        if stream is None:
            continue
        cmap = stream.get_object()
        assert isinstance(cmap, StreamObject)
        table = parse_to_unicode(cmap.get_data())
        solved, left = solve_glyphs(table, found)
        unknown += left
        if solved:
            mapped += len(solved)
            cmap.set_data(to_unicode_cmap({**table, **solved}))
        if (font_metrics_found := font_metrics(font_dict, {**table, **solved})) is not None:
            metrics[font] = font_metrics_found
    for page in writer.pages:
        if whole_clusters(page, writer, metrics):
            page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), mapped, unknown
