"""Kana conversion and the fuzzy key that a register's kana search compares.

kana_search_key() folds every common spelling of a reading to one key.  In
order, it:

1. turns hiragana and half-width katakana into full-width katakana;
2. removes spaces (U+3000 too) and the middle dot ・;
3. removes 濁点 and 半濁点: ガ→カ, パ→ハ, ヴ→ウ, ヂ→チ, ヅ→ツ;
4. writes small kana full size: ァ→ア, ッ→ツ, ャ→ヤ, ヮ→ワ, ヵ→カ, ヶ→ケ;
5. writes old kana as today's: ヰ→イ, ヱ→エ, ヲ→オ;
6. turns the iteration marks ヽ and ヾ into the kana before them;
7. turns the long-vowel mark ー into the vowel of the kana before it
   (サトー→サトオ), and drops it where there is none;
8. turns ウ after an オ段 kana into オ, so サトウ, サトー and サトオ all give
   サトオ.

エ段 + イ is not folded: ケイコ and ケーコ give different keys, because the
register spells such names with イ and a clerk does too.  Other characters
are kept as they are.
"""

import unicodedata

import jaconv

_HIRAGANA = range(0x3041, 0x30A0)
_KATAKANA = range(0x30A0, 0x3100)
_HALF_WIDTH_KATAKANA = range(0xFF65, 0xFFA0)
_SMALL_KATAKANA_EXTENSIONS = range(0x31F0, 0x3200)

_SOUND_MARKS = {"\u3099", "\u309a", "゛", "゜", "ﾞ", "ﾟ"}
_DROPPED = {"・", "･"}
_NOT_LETTERS = {"ー", "ｰ", *_DROPPED, *_SOUND_MARKS}
_FULL_SIZE = str.maketrans(
    "ァィゥェォッャュョヮヵヶヰヱヲㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ",
    "アイウエオツヤユヨワカケイエオクシストヌハヒフヘホムラリルレロ",
)
_VOWEL_OF = {
    kana: vowel
    for vowel, row in (
        ("ア", "アカサタナハマヤラワ"),
        ("イ", "イキシチニヒミリ"),
        ("ウ", "ウクスツヌフムユル"),
        ("エ", "エケセテネヘメレ"),
        ("オ", "オコソトノホモヨロ"),
    )
    for kana in row
}


def to_katakana(text: str) -> str:
    """Turn hiragana and half-width katakana into full-width katakana."""
    return jaconv.hira2kata(jaconv.h2z(text, kana=True, ascii=False, digit=False))


def is_kana(text: str) -> bool:
    """Tell whether text is only kana, ー, ・ and spaces, with some kana."""
    has_kana = False
    for ch in text:
        if ch.isspace() or ch in _NOT_LETTERS:
            continue
        if not _is_kana_letter(ch):
            return False
        has_kana = True
    return has_kana


def kana_search_key(text: str) -> str:
    """Fold a reading to the key that every common spelling of it shares."""
    letters = [
        _base_kana(ch)
        for ch in to_katakana(text)
        if not ch.isspace() and ch not in _DROPPED and ch not in _SOUND_MARKS
    ]

    key: list[str] = []
    for ch in letters:
        before = key[-1] if key else ""
        if ch == "ヽ":
            ch = before
        elif ch == "ー":
            ch = _VOWEL_OF.get(before, "")
        elif ch == "ウ" and _VOWEL_OF.get(before) == "オ":
            ch = "オ"
        if ch:
            key.append(ch)
    return "".join(key)


def _base_kana(ch: str) -> str:
    """Return a katakana without sound marks and at full size."""
    if not _is_kana_letter(ch):
        return ch
    bare = "".join(
        part for part in unicodedata.normalize("NFD", ch) if part not in _SOUND_MARKS
    )
    return bare.translate(_FULL_SIZE)


def _is_kana_letter(ch: str) -> bool:
    code = ord(ch)
    return (
        code in _HIRAGANA
        or code in _KATAKANA
        or code in _HALF_WIDTH_KATAKANA
        or code in _SMALL_KATAKANA_EXTENSIONS
    ) and ch not in _NOT_LETTERS
