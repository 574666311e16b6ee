"""The PDF text-layer rewrite of clusters with diacritics (scripts/pdf_text_layer.py): glyphs
stay where Chromium drew them and the span covers its letter (issue 10)."""

from __future__ import annotations

from pdf_text_layer import FontMetrics, Operation, letters_then_marks
from pypdf.generic import ByteStringObject, FloatObject, NameObject, NumberObject

SIZE = 14.0
LETTER, SHADDA, FATHA = 389, 48, 47
METRICS = FontMetrics({LETTER: 722.0, SHADDA: 0.0, FATHA: 0.0}, 1000.0, frozenset({SHADDA, FATHA}))


def td(x: float, y: float = 0.0) -> Operation:
    return ([FloatObject(x), FloatObject(y)], b"Td")


def tj(code: int) -> Operation:
    return ([ByteStringObject(code.to_bytes(2, "big"))], b"Tj")


def drawn(
    operations: list[Operation],
) -> tuple[list[tuple[int, float, float]], tuple[float, float]]:
    """Each glyph's code and position, and where the line matrix ends (Td is relative to it)."""
    x = y = 0.0
    glyphs = []
    for operands, operator in operations:
        if operator == b"Td":
            x, y = x + float(operands[0]), y + float(operands[1])  # type: ignore[arg-type]
        elif operator == b"Tj":
            glyphs.append((int.from_bytes(bytes(operands[0]), "big"), round(x, 6), round(y, 6)))  # type: ignore[call-overload]
    return glyphs, (round(x, 6), round(y, 6))


def span_box(operations: list[Operation]) -> tuple[float, float]:
    """Where pdftotext puts an ActualText span: from the first glyph's origin to the last
    glyph's origin plus its advance (character spacing included)."""
    x = spacing = 0.0
    first: float | None = None
    end = 0.0
    for operands, operator in operations:
        if operator == b"Td":
            x += float(operands[0])  # type: ignore[arg-type]
        elif operator == b"Tc":
            spacing = float(operands[0])  # type: ignore[arg-type]
        elif operator == b"Tj":
            code = int.from_bytes(bytes(operands[0]), "big")  # type: ignore[call-overload]
            first = x if first is None else first
            end = x + METRICS.advance(code, SIZE) + spacing
    assert first is not None
    return round(first, 6), round(end, 6)


def test_letter_first_and_nothing_moves() -> None:
    # As Chromium draws «ضّ»: the shadda 1.9 pt to the right of where its letter starts.
    span = [td(10.8919678), tj(SHADDA), td(-1.8760071), tj(LETTER)]
    redrawn = letters_then_marks(span, METRICS, SIZE)
    assert redrawn is not None
    before, after = drawn(span), drawn(redrawn)
    assert sorted(after[0]) == sorted(before[0]) and after[1] == before[1]
    assert [code for code, _x, _y in after[0]] == [LETTER, SHADDA]
    letter_x = 10.8919678 - 1.8760071
    assert span_box(redrawn) == (round(letter_x, 6), round(letter_x + 722 * SIZE / 1000, 6))
    assert span_box(span)[0] > letter_x + 0.1 * SIZE  # why pdftotext broke the word
    assert redrawn[-2] == ([NumberObject(0)], b"Tc")


def test_marks_raised_and_a_font_prefix_keep_their_places() -> None:
    prefix: list[Operation] = [([NameObject("/F4"), FloatObject(SIZE)], b"Tf")]
    span = [*prefix, td(16.9, 0.88), tj(FATHA), td(-3.4, -0.88), tj(SHADDA), td(-2.3), tj(LETTER)]
    redrawn = letters_then_marks(span, METRICS, SIZE)
    assert redrawn is not None and redrawn[0] == prefix[0]
    before, after = drawn(span[1:]), drawn(redrawn[1:])
    assert sorted(after[0]) == sorted(before[0]) and after[1] == before[1]
    assert after[0][0][0] == LETTER


def test_spans_without_marks_or_of_another_shape_are_left_alone() -> None:
    assert letters_then_marks([td(1), tj(LETTER), td(2), tj(LETTER)], METRICS, SIZE) is None
    assert letters_then_marks([td(1), tj(SHADDA), td(2), tj(FATHA)], METRICS, SIZE) is None
    assert letters_then_marks([td(1), tj(LETTER)], METRICS, SIZE) is None
    two_glyph_string: Operation = ([ByteStringObject(b"\x01\x85\x00\x30")], b"Tj")
    assert letters_then_marks([td(1), two_glyph_string, td(2), tj(SHADDA)], METRICS, SIZE) is None
