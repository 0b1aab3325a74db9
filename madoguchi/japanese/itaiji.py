"""The search key that folds 異体字, so 髙橋 finds 高橋 and 渡邊 finds 渡辺.

Before folding, variation selectors and spaces go, compatibility
ideographs (神 U+FA19) become their unified form (神 U+795E), full-width
letters and digits become half-width, letters become capitals, and kana
fold as in kana_search_key().

The pairs come from jageocoder's itaiji_dic.json (variant → standard),
less those that madoguchi's own itaiji_supplement.json leaves out as
different characters (佐 and 左), plus those it adds.  A pair links two
characters both ways, and characters linked through any chain of pairs
share one class, so 齋, 齊, 斎 and 斉 give one key.  A class is written as
the smallest code point among its standard forms.  Keys stored for search
must be rebuilt whenever either table changes.
"""

import functools
import json
import re
import unicodedata
from pathlib import Path

from madoguchi.japanese.kana import is_kana, kana_search_key

_DATA = Path(__file__).with_name("data")
_KANA_RUN = re.compile("[\u3041-\u30ff\u31f0-\u31ff\uff65-\uff9f]+")


def kanji_search_key(text: str) -> str:
    """Fold a name written in kanji to the key its 異体字 share."""
    classes = _classes()
    folded = "".join(classes.get(ch, ch) for ch in map(_plain, text))
    return _KANA_RUN.sub(lambda run: kana_search_key(run.group()), folded)


def name_search_key(text: str) -> str:
    """Fold a name, read as kana if it is all kana, else as kanji."""
    return kana_search_key(text) if is_kana(text) else kanji_search_key(text)


def _plain(ch: str) -> str:
    """Return a character without selector, compatibility form or space."""
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or ch.isspace():
        return ""
    if 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F:
        return unicodedata.normalize("NFKC", ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0).upper()
    return ch.upper() if ch.isascii() else ch


@functools.cache
def _classes() -> dict[str, str]:
    """Map every character of the tables to its class's representative."""
    pairs = json.loads((_DATA / "itaiji_dic.json").read_text(encoding="utf-8"))
    supplement = json.loads(
        (_DATA / "itaiji_supplement.json").read_text(encoding="utf-8")
    )
    for variant, standard in supplement["left_out"].items():
        if pairs.pop(variant) != standard:
            raise ValueError(f"itaiji_dic.json no longer maps {variant} to {standard}")
    pairs.update(supplement["pairs"])

    parent: dict[str, str] = {}

    def root(ch: str) -> str:
        while parent.setdefault(ch, ch) != ch:
            ch = parent[ch]
        return ch

    for variant, standard in pairs.items():
        parent[root(variant)] = root(standard)

    members: dict[str, set[str]] = {}
    for ch in parent:
        members.setdefault(root(ch), set()).add(ch)
    standards = set(pairs.values())
    classes: dict[str, str] = {}
    for group in members.values():
        representative = min(group & standards or group)
        classes.update(dict.fromkeys(group, representative))
    return classes
