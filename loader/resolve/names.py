"""Names as the matcher compares them: any script transliterated to lower-case ASCII words,
spelling variants of romanized Russian evened out, and company forms dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from loader.resolve.model import Rec

# Legal forms, as they read after transliteration (Cyrillic PAO -> pao, OOO -> ooo).
COMPANY_FORMS = frozenset(
    {
        *("llc", "ooo", "oao", "zao", "pao", "ao", "jsc", "ojsc", "cjsc", "pjsc", "ltd"),
        *("limited", "inc", "incorporated", "corp", "corporation", "co", "company", "plc"),
        *("gmbh", "ag", "sa", "nv", "bv", "llp", "lp", "kg", "srl", "spa", "ab", "tov", "pat"),
        *("prat", "fgup", "gup", "mup", "ano", "ip"),
    }
)
_WORDS = re.compile(r"[^a-z0-9]+")
_WRITTEN = re.compile(r"(\w+)(\.?)")  # a word as written, and the dot of an abbreviation
_APOSTROPHES = re.compile(r"['\u2019\u02bc`]")
# Romanizations of Russian differ (Yuriy, Iurii, Jurij; Sergey, Sergei; Mariya, Mariia):
# rewrite each word to one spelling so these compare equal. Order matters.
_SPELLING = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        ("x", "ks"),
        ("w", "v"),
        ("j", "y"),
        ("kh", "h"),
        ("t[sz]", "c"),
        ("(?<=.)yo", "e"),
        ("iy", "i"),
        ("ii", "i"),
        ("yy", "y"),
        ("([aeou])ye", r"\1e"),
        ("ia", "ya"),
        ("iu", "yu"),
        ("ie", "ye"),
        ("^ye", "e"),
        ("([aeou])y(?![aeiou])", r"\1i"),
        (r"(.)\1", r"\1"),
    )
)


@dataclass(frozen=True)
class Name:
    text: str  # as written
    words: tuple[str, ...]  # folded: ASCII, lower case, company forms dropped
    skeleton: tuple[str, ...]  # the words in one spelling; an initial as its one letter
    latin: bool  # written in ASCII


def fold(text: str) -> list[str]:
    """The words of `text` in lower-case ASCII, any script transliterated."""
    return [word for word in _WORDS.split(anyascii(text).casefold().replace("'", "")) if word]


@lru_cache(maxsize=1 << 16)
def spelling(word: str) -> str:
    """One spelling for the romanizations of a word."""
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def _initial(written: str, dot: str) -> bool:
    """'V', 'V.' or 'Yu.' (a Cyrillic initial romanized in two letters)."""
    return len(written) == 1 or (len(written) == 2 and dot == ".")


def parse(text: str, company: bool) -> Name:
    """A name ready to compare; `company` drops legal forms unless nothing else is left."""
    pieces = [
        (word, _initial(written, dot))
        for written, dot in _WRITTEN.findall(_APOSTROPHES.sub("", text))
        for word in fold(written)
    ]
    if company:
        pieces = [(w, i) for w, i in pieces if w not in COMPANY_FORMS] or pieces
    skeleton = tuple(spelling(w)[:1] if initial else spelling(w) for w, initial in pieces)
    return Name(text, tuple(w for w, _ in pieces), skeleton, text.isascii())


@lru_cache(maxsize=1 << 16)
def key(name: Name) -> str:
    """The same for names of the same words in any order and spelling, initials aside."""
    return " ".join(sorted(w for w in name.skeleton if len(w) > 1))


def names_of(rec: Rec) -> tuple[Name, ...]:
    """A record's name and aliases, parsed, without repeats."""
    company = rec.kind != "Person"
    seen = dict.fromkeys(text for text in (rec.name, *rec.aliases) if text.strip())
    return tuple(parse(text, company) for text in seen)
