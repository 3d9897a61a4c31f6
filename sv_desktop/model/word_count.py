"""Counting words as commissioners' portals and word processors count them, so a limit the Trust meets here
is met there too.

The rule, shown beside every count: words are runs of characters between spaces or line breaks; a hyphenated
word, a number, a web address and a word with an apostrophe each count as one word; bullet markers and dashes
standing on their own (-, *, •, –, —) are not counted.
"""

from __future__ import annotations

import re

from ..i18n import _

_TOKEN = re.compile(r"\S+")
_MARKER = re.compile(r"^(?:[-*•‣◦▪–—―+>·]+|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z][.)])$")
"""A token that is only a bullet or list marker, or a dash standing alone."""
_WORDLESS = re.compile(r"^[^\w]+$")
"""Only punctuation: an em dash between spaces, a lone ellipsis or ampersand... is not a word."""


def word_count_rule() -> str:
    """The counting rule in one sentence, for beside the count."""
    return _("Words are counted as your commissioner's portal counts them: anything between spaces or line "
             "breaks is one word, so hyphenated words, numbers, web addresses and words with apostrophes count "
             "as one each; bullet markers and dashes standing alone are not counted.")


def count_words(text: str) -> int:
    """The number of words in `text` by the rule of `word_count_rule()`."""
    return sum(1 for token in _TOKEN.findall(text) if not _MARKER.match(token) and not _WORDLESS.match(token))


def over_limit(text: str, limit: int | None) -> int:
    """How many words over `limit` the text is (0 when within it or when there is no limit)."""
    if limit is None:
        return 0
    return max(0, count_words(text) - limit)
