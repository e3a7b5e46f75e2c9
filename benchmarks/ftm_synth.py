"""A synthetic FollowTheMoney file: people, companies and the ownerships, directorships and
family ties between them, the same for the same seed and size.

Its size is counted in FtM statements, one per property value plus one per entity (its
schema and id). About 60% of them are people and companies; the rest are relations between
those, each end an entity of the file. Identifiers are unique, so no two records share a
strong key (and our loader joins none of them); countries are valid ISO codes.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATASET = "ftm_synthetic"
NODE_SHARE = 0.6  # of the statements, in people and companies
FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas"]
LAST = ["Ivanova", "Schmidt", "Okafor", "Larsen", "Petrov", "Moreau", "Silva", "Novak", "Kaya"]
WORDS = ["Nord", "Baltic", "Aurum", "Vector", "Polar", "Delta", "Summit", "Orion", "Kestrel"]
TRADES = ["Holding", "Trading", "Energy", "Shipping", "Capital", "Logistics", "Metals"]
SUFFIXES = ["LLC", "Ltd", "AG", "JSC", "S.A.", "B.V."]
COUNTRIES = ["ru", "de", "gb", "us", "fr", "cy", "ae", "ch", "nl", "lv", "ee", "kz", "ua", "it"]
ROLES = ["director", "chief executive", "board member", "secretary"]
KIN = ["brother", "sister", "spouse", "son", "daughter", "cousin"]


@dataclass
class Written:
    """What `write` wrote: entities and statements, by schema."""

    entities: Counter[str] = field(default_factory=Counter)
    statements: Counter[str] = field(default_factory=Counter)


def _date(rng: random.Random, first: int, last: int) -> str:
    return f"{rng.randint(first, last)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _ident(seed: int, schema: str, n: int) -> str:
    return hashlib.sha1(f"{seed}:{schema}:{n}".encode()).hexdigest()[:24]


def person(rng: random.Random, n: int) -> dict[str, list[str]]:
    first, last = rng.choice(FIRST), f"{rng.choice(LAST)}-{n}"
    props = {
        "name": [f"{first} {last}"],
        "firstName": [first],
        "lastName": [last],
        "birthDate": [_date(rng, 1940, 2000)],
        "nationality": [rng.choice(COUNTRIES)],
        "country": [rng.choice(COUNTRIES)],
        "gender": [rng.choice(["male", "female"])],
        "idNumber": [f"ID{n:09d}"],
    }
    if rng.random() < 0.5:
        props["alias"] = [f"{last.upper()}, {first}"]
    return props


def company(rng: random.Random, n: int) -> dict[str, list[str]]:
    name = f"{rng.choice(WORDS)} {rng.choice(TRADES)} {n} {rng.choice(SUFFIXES)}"
    country = rng.choice(COUNTRIES)
    props = {
        "name": [name],
        "country": [country],
        "jurisdiction": [country],
        "incorporationDate": [_date(rng, 1991, 2024)],
        "registrationNumber": [f"R{n:010d}"],
        "address": [f"{rng.randint(1, 200)} {rng.choice(WORDS)} Street, {country.upper()}"],
        "status": [rng.choice(["active", "dissolved"])],
    }
    if rng.random() < 0.4:
        props["innCode"] = [inn(770_000_000 + n)]
    return props


def inn(base: int) -> str:
    """A valid 10-digit Russian INN (of an organization) from 9 digits: FtM checks the digit."""
    digits = [int(d) for d in f"{base:09d}"]
    check = sum(w * d for w, d in zip((2, 4, 10, 3, 5, 9, 4, 6, 8), digits, strict=True))
    return f"{base:09d}{check % 11 % 10}"


def ownership(rng: random.Random, ends: tuple[str, str]) -> dict[str, list[str]]:
    props = {
        "owner": [ends[0]],
        "asset": [ends[1]],
        "percentage": [f"{rng.uniform(1, 100):.1f}"],
        "startDate": [_date(rng, 1995, 2024)],
    }
    if rng.random() < 0.3:
        props["role"] = ["shareholder"]
    return props


def directorship(rng: random.Random, ends: tuple[str, str]) -> dict[str, list[str]]:
    props = {
        "director": [ends[0]],
        "organization": [ends[1]],
        "role": [rng.choice(ROLES)],
        "startDate": [_date(rng, 1995, 2015)],
    }
    if rng.random() < 0.4:
        props["endDate"] = [_date(rng, 2016, 2024)]
    return props


def family(rng: random.Random, ends: tuple[str, str]) -> dict[str, list[str]]:
    return {"person": [ends[0]], "relative": [ends[1]], "relationship": [rng.choice(KIN)]}


Relation = Callable[[random.Random, tuple[str, str]], dict[str, list[str]]]
# schema, share of the relations, maker, and the schemata of its ends (source, target)
RELATIONS: list[tuple[str, float, Relation, tuple[str, str]]] = [
    ("Ownership", 0.45, ownership, ("*", "Company")),
    ("Directorship", 0.30, directorship, ("Person", "Company")),
    ("Family", 0.25, family, ("Person", "Person")),
]


def write(path: Path, statements: int, seed: int = 15) -> Written:
    """Write about `statements` statements of FtM entities to `path` as JSON lines, in an
    order shuffled by `seed` (relations often come before their ends, as in real exports)."""
    rng = random.Random(seed)
    written = Written()
    lines: list[str] = []
    ids: dict[str, list[str]] = {"Person": [], "Company": []}

    def add(schema: str, ident: str, props: dict[str, list[str]]) -> None:
        entity: dict[str, Any] = {"id": ident, "schema": schema, "properties": props}
        entity["datasets"] = [DATASET]
        if "name" in props:
            entity["caption"] = props["name"][0]
        lines.append(json.dumps(entity, ensure_ascii=False))
        written.entities[schema] += 1
        written.statements[schema] += 1 + sum(len(values) for values in props.values())

    while written.statements.total() < statements * NODE_SHARE or len(ids["Company"]) < 2:
        schema = "Person" if rng.random() < 0.6 else "Company"
        n = written.entities[schema]
        ident = _ident(seed, schema, n)
        ids[schema].append(ident)
        add(schema, ident, person(rng, n) if schema == "Person" else company(rng, n))
    shares = [share for _, share, _, _ in RELATIONS]
    while written.statements.total() < statements:
        schema, _, make, (source, target) = rng.choices(RELATIONS, shares)[0]
        ends = (_end(rng, ids, source), _end(rng, ids, target))
        if ends[0] == ends[1]:
            continue
        add(schema, _ident(seed, schema, written.entities[schema]), make(rng, ends))
    rng.shuffle(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def _end(rng: random.Random, ids: dict[str, list[str]], schema: str) -> str:
    """An entity of `schema` ("*": a person or a company)."""
    if schema == "*":
        schema = rng.choice(["Person", "Company"])
    return rng.choice(ids[schema])
