"""The fonts forms are printed in, and which of them draws each character.

Values (names, addresses, dates) are drawn in IPAex明朝; a value with a
character IPAex lacks (𠮷) or an ideographic variation sequence (葛󠄂) is
drawn in IPAmj明朝, which has both. Labels and headings are drawn in
IPAexゴシック. All three are embedded in the PDF as subsets.

ReportLab maps one code point to one glyph and would draw a variation
selector as an empty box. A sequence is therefore given a private code
point (plane 15) that ReportLab maps to the glyph IPAmj's cmap format 14
table names for the sequence, and the PDF's ToUnicode map turns that code
back into base + selector, so text copied or searched from the PDF is the
name as registered. A character or sequence no font has raises PrintError
before anything is drawn.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont as FontToolsFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from madoguchi.paperwork.errors import PrintError

_PRIVATE_PLANE = 0xF0000


@dataclass(frozen=True)
class FontFiles:
    """Where the three TrueType fonts are; the defaults are Debian's paths."""

    mincho: Path = Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf")
    gothic: Path = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
    mj: Path = Path("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")


_PACKAGES = {
    "mincho": "fonts-ipaexfont",
    "gothic": "fonts-ipaexfont",
    "mj": "fonts-ipamj-mincho",
}


def is_selector(ch: str) -> bool:
    """Tell whether a character is a variation selector."""
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def units(text: str) -> Iterator[str]:
    """Yield the characters of text, each with its variation selector."""
    pending = ""
    for ch in text:
        if is_selector(ch):
            if not pending or len(pending) > 1:
                raise PrintError(
                    f"異体字セレクタ U+{ord(ch):04X} の前に漢字がありません"
                )
            pending += ch
            continue
        if pending:
            yield pending
        pending = ch
    if pending:
        yield pending


def describe(unit: str) -> str:
    """Name a character or sequence for a clerk: 「葛」+U+E0102."""
    codes = "+".join(f"U+{ord(ch):04X}" for ch in unit)
    return f"「{unit}」({codes})"


class Typeface(TTFont):  # type: ignore[misc]
    """A TrueType font that can also draw IPAmj's variation sequences."""

    def __init__(self, name: str, path: Path, sequences: bool) -> None:
        super().__init__(name, str(path))
        # ReportLab copies a whole table out of the file for every subset it
        # writes; IPAmj's glyf table is 40 MB, so keep the copies.
        self.face.get_table = functools.cache(self.face.get_table)
        self._path = path
        self._with_sequences = sequences
        self._glyph_of_sequence: dict[tuple[int, int], str] | None = None
        self._fonttools_font: Any = None
        self._codes: dict[str, str] = {}
        self._texts: dict[int, str] = {}
        self._next_code = _PRIVATE_PLANE
        self._lock = threading.Lock()

    def draws(self, unit: str) -> bool:
        """Tell whether this font has a glyph for a character or sequence."""
        if len(unit) == 1:
            return ord(unit) in self.face.charToGlyph
        return self._code_for_sequence(unit) is not None

    def encode(self, unit: str) -> str:
        """Return what ReportLab must draw for a unit this font draws."""
        if len(unit) == 1:
            return unit
        code = self._code_for_sequence(unit)
        assert code is not None, unit
        return code

    def _code_for_sequence(self, unit: str) -> str | None:
        if not self._with_sequences:
            return None
        known = self._codes.get(unit)
        if known is not None:
            return known
        with self._lock:
            glyph = self._sequences().get((ord(unit[0]), ord(unit[1])))
            if glyph is None:
                return None
            return self._codes.get(unit) or self._assign(unit, glyph)

    def _assign(self, unit: str, glyph: str) -> str:
        """Give a sequence a private code point that maps to its glyph."""
        face = self.face
        while self._next_code in face.charToGlyph:
            self._next_code += 1
        code = self._next_code
        self._next_code += 1
        fonttools = self._fonttools()
        face.charToGlyph[code] = fonttools.getGlyphID(glyph)
        advance = fonttools["hmtx"][glyph][0]
        face.charWidths[code] = advance * 1000 / fonttools["head"].unitsPerEm
        self._texts[code] = unit
        self._codes[unit] = chr(code)
        return chr(code)

    def _fonttools(self) -> Any:
        if self._fonttools_font is None:
            self._fonttools_font = FontToolsFont(str(self._path), lazy=True)
        return self._fonttools_font

    def _sequences(self) -> dict[tuple[int, int], str]:
        if self._glyph_of_sequence is None:
            table: dict[tuple[int, int], str] = {}
            cmap = self._fonttools()["cmap"]
            base_map = cmap.getBestCmap() or {}
            for subtable in cmap.tables:
                if subtable.format != 14:
                    continue
                for selector, pairs in subtable.uvsDict.items():
                    for base, glyph in pairs:
                        # A default sequence (no glyph named) is drawn with
                        # the base character's own glyph.
                        named = glyph or base_map.get(base)
                        if named is not None:
                            table[(base, selector)] = named
            self._glyph_of_sequence = table
        return self._glyph_of_sequence

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - ReportLab's name
        """Write the font subsets, with a ToUnicode map that is right.

        ReportLab writes code points above U+FFFF as five hex digits, which
        readers misread (𠮷 comes out as ₻); the map written here uses
        UTF-16 and turns private codes back into their sequences.
        """
        subsets = [list(subset) for subset in self._assignState(doc).subsets]
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            font_name = b"".join(
                (SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)
            ).decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + font_name]
            stream.content = self._to_unicode(font_name, subset)

    def _to_unicode(self, font_name: str, subset: list[int]) -> str:
        pairs = [
            f"<{index:02X}> <{self._texts.get(code, chr(code)).encode('utf-16-be').hex().upper()}>"
            for index, code in enumerate(subset)
            if code
        ]
        # A bfchar block holds at most 100 entries.
        blocks = []
        for start in range(0, len(pairs), 100):
            chunk = pairs[start : start + 100]
            blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
        return "\n".join(
            [
                "/CIDInit /ProcSet findresource begin",
                "12 dict begin",
                "begincmap",
                f"/CIDSystemInfo << /Registry ({font_name}) /Ordering ({font_name})"
                " /Supplement 0 >> def",
                f"/CMapName /{font_name} def",
                "/CMapType 2 def",
                "1 begincodespacerange",
                f"<00> <{max(len(subset) - 1, 0):02X}>",
                "endcodespacerange",
                *blocks,
                "endcmap",
                "CMapName currentdict /CMap defineresource pop",
                "end",
                "end",
            ]
        )


class Fonts:
    """The three fonts, registered with ReportLab, and the runs they draw."""

    def __init__(self, files: FontFiles) -> None:
        for role, path in (
            ("mincho", files.mincho),
            ("gothic", files.gothic),
            ("mj", files.mj),
        ):
            if not path.is_file():
                package = _PACKAGES[role]
                raise PrintError(
                    f"フォント {path} がありません。Debian のパッケージ {package} を"
                    f"入れてください(apt-get install {package})。場所は設定 "
                    f"MADOGUCHI_FONT_{role.upper()} で変えられます"
                )
        self.mincho = Typeface(
            f"madoguchi-mincho-{files.mincho.stem}", files.mincho, False
        )
        self.gothic = Typeface(
            f"madoguchi-gothic-{files.gothic.stem}", files.gothic, False
        )
        self.mj = Typeface(f"madoguchi-mj-{files.mj.stem}", files.mj, True)
        for typeface in (self.mincho, self.gothic, self.mj):
            pdfmetrics.registerFont(typeface)
        self.label = self.gothic.fontName
        self._value_chain = (self.mincho, self.mj)
        self._label_chain = (self.gothic, self.mincho, self.mj)
        self._values: dict[str, list[tuple[str, str]]] = {}
        self._labels: dict[str, list[tuple[str, str]]] = {}

    def value_runs(self, text: str) -> list[tuple[str, str]]:
        """Split a value into (font name, text to draw) runs."""
        if len(text) > 2:
            # Names and addresses are not kept in memory past the packet.
            return _runs(self._value_chain, text)
        return self._cached(self._values, self._value_chain, text)

    def label_runs(self, text: str) -> list[tuple[str, str]]:
        """Split a label or heading into (font name, text to draw) runs."""
        return self._cached(self._labels, self._label_chain, text)

    def _cached(
        self,
        cache: dict[str, list[tuple[str, str]]],
        chain: tuple[Typeface, ...],
        text: str,
    ) -> list[tuple[str, str]]:
        # Labels and single characters repeat on every copy of every form.
        runs = cache.get(text)
        if runs is None:
            runs = _runs(chain, text)
            if len(cache) < 20_000:
                cache[text] = runs
        return list(runs)


def _runs(chain: tuple[Typeface, ...], text: str) -> list[tuple[str, str]]:
    """Draw text in the first font that has all of it, else font by font."""
    pieces = list(units(text))
    for typeface in chain:
        if all(typeface.draws(unit) for unit in pieces):
            return [(typeface.fontName, "".join(map(typeface.encode, pieces)))]

    runs: list[tuple[str, str]] = []
    for unit in pieces:
        found = next((t for t in chain if t.draws(unit)), None)
        if found is None:
            if len(unit) > 1:
                raise PrintError(
                    f"{describe(unit)} の異体字を印刷できるフォントがありません"
                )
            raise PrintError(f"{describe(unit)} を印刷できるフォントがありません")
        typeface = found
        if runs and runs[-1][0] == typeface.fontName:
            runs[-1] = (typeface.fontName, runs[-1][1] + typeface.encode(unit))
        else:
            runs.append((typeface.fontName, typeface.encode(unit)))
    return runs


@functools.cache
def load_fonts(files: FontFiles) -> Fonts:
    """Load and register the fonts once per process."""
    return Fonts(files)
