"""The reading a name in kanji probably has, offered to a clerk to check.

A dictionary knows how words are usually read, not how a person's name is:
角田 is カクタ, カドタ or ツノダ.  suggest_reading() is therefore only ever a
suggestion for the clerk to read back to the resident, never a fact to store
unchecked.  It uses MeCab through fugashi with the UniDic Lite dictionary,
which ships inside the Python package and works without a network.

Where the dictionary has no reading for a character, the name is tried once
more with its 異体字 folded as in kanji_search_key() (髙橋 is read as 高橋).
Where some part still has none, there is no suggestion at all: half a reading
would be worse than an empty field.
"""

import functools
import threading
from typing import Any

import fugashi  # type: ignore[import-untyped]

from madoguchi.japanese.itaiji import kanji_search_key
from madoguchi.japanese.kana import is_kana, to_katakana

# MeCab's tagger keeps state between calls; one thread at a time may use it.
_TAGGER_LOCK = threading.Lock()


def suggest_reading(name: str) -> str:
    """Return a likely reading of a name in katakana, or "" if there is none."""
    name = "".join(name.split())
    if not name:
        return ""

    reading = _read(name)
    if reading:
        return reading

    folded = "".join(ch if is_kana(ch) else kanji_search_key(ch) for ch in name)
    if folded == name:
        return ""
    return _read(folded)


def _read(text: str) -> str:
    """Return the dictionary's reading of every part of text, or ""."""
    with _TAGGER_LOCK:
        parts = [getattr(word.feature, "kana", None) for word in _tagger()(text)]
    known = [part for part in parts if isinstance(part, str) and part]
    if not known or len(known) != len(parts):
        return ""
    reading = to_katakana("".join(known))
    return reading if is_kana(reading) else ""


@functools.cache
def _tagger() -> Any:
    """Load the dictionary once; it takes a noticeable fraction of a second."""
    return fugashi.Tagger()
