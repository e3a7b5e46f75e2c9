"""Probable matches: `loader.resolve.candidates` on synthetic records with planted duplicates,
against exact matching of folded names, in the same run.

    .venv/bin/python benchmarks/resolve.py                       # 100k records
    .venv/bin/python benchmarks/resolve.py --size 10000 --seed 2

Persons (Russian names in Cyrillic and three romanizations, and Western names) and
organizations over four datasets. An entity may have duplicates: transliterated, with one typo,
reordered, shortened (patronymic dropped or initials), another legal form, or sharing a strong
id (wikidata, inn) under another spelling; and hard negatives: other people of the same name
born in other years. Sure matches are records sharing a strong key (loader.grouping.group),
counted in record pairs against every pair that is one entity in truth. The candidates'
targets are the planted pairs (an original and its duplicate) that keys left in two
entities, counted in entity pairs. Columns: pairs found; right, those one entity in truth
(precision); caught, the targets found (recall); wanted, the targets.
"""

# Cyrillic letters are this file's data, and its word lists read better as text.
# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from math import comb

from common import verdict

from loader.grouping import group
from loader.resolve import Candidate, Rec, candidates
from loader.resolve.names import fold

TARGET_SURE_PRECISION = 1.0
TARGET_RECALL = 0.95
TARGET_SECONDS = 60.0
DATASETS = ("sanctions", "registry", "leaks", "wiki")
THRESHOLDS = (0.8, 0.9, 0.95)

MALE = (
    "Александр Алексей Анатолий Андрей Антон Аркадий Борис Вадим Валентин Валерий Василий "
    "Виктор Виталий Владимир Владислав Вячеслав Геннадий Георгий Глеб Григорий Денис Дмитрий "
    "Евгений Егор Иван Игорь Кирилл Константин Леонид Максим Михаил Николай Олег Павел Пётр "
    "Роман Руслан Сергей Станислав Степан Тимофей Фёдор Юрий Ярослав Эдуард Семён Матвей"
).split()
FEMALE = (
    "Александра Алина Алла Анастасия Анна Валентина Валерия Вера Галина Дарья Екатерина Елена "
    "Елизавета Ирина Кристина Ксения Любовь Людмила Марина Мария Наталья Надежда Нина Ольга "
    "Полина Светлана София Татьяна Юлия Яна Евгения Зоя"
).split()
SURNAMES = (
    "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
    "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев "
    "Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв "
    "Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков "
    "Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров "
    "Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов "
    "Куликов Карпов Власов Абрамов Тихонов Щербаков Ефимов Чернов Юдин Хохлов Цветков Шевченко "
    "Бондаренко Ткаченко Кравченко Коваленко Ющенко Черных Седых Долгих Высоцкий Вишневский "
    "Ковальский Ржевский Левицкий Рыбаков Прохоров Чистяков Шубин Шестаков Ершов Щукин"
).split()
SYLLABLES = (
    "ба ва га да за ка ла ма на па ра са та фа ха ча ша бо во го до зо ко ло мо но по ро со то "
    "бу ву гу ду зу ку лу му ну пу ру су ту ле ме не ре се те ли ми ни ри си ти жа жу це цы шу "
    "щу ю я ё ой ай ей ан ар ин ол ун ер ор ам от ус"
).split()
SURNAME_ENDINGS = ("ов", "ин", "ев", "ский", "енко", "ых")
SECTORS = "Банк Нефть Энерго Строй Трейд Холдинг Групп Инвест Транс Телеком Агро Металл".split()
FORMS = {"ООО": ("LLC", "OOO", "Ltd"), "ПАО": ("PJSC", "PAO"), "АО": ("JSC", "AO")}
WESTERN_FIRST = (
    "John James Robert Michael William David Richard Thomas Charles Daniel Mary Patricia "
    "Jennifer Linda Elizabeth Susan Jessica Sarah Karen Nancy Hans Peter Klaus Jürgen Pierre "
    "Jean Michel François Marco Giovanni"
).split()
WESTERN_LAST = (
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore "
    "Martin Jackson Thompson White Harris Clark Lewis Walker Müller Schmidt Schneider Fischer "
    "Weber Meyer Wagner Becker Dubois Durand Lefebvre Moreau Rossi Russo Ferrari Esposito"
).split()

COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
ROMANIZATIONS = {
    "bgn": {**COMMON, "ё": "yo"},
    "icao": {**COMMON, "й": "i", "ю": "iu", "я": "ia", "ъ": "ie"},
    "scholarly": {**COMMON, "й": "j", "х": "h", "ц": "c", "ю": "ju", "я": "ja", "ь": "'"},
}
SYSTEMS = ("cyrillic", "bgn", "icao", "scholarly")
VOWELS = set("аеёиоуыэюяьъ")
CYRILLIC = "абвгдежзиклмнопрстуфхцчшщыэюя"
LATIN = "abcdefghijklmnopqrstuvwxyz"

# -- names -----------------------------------------------------------------------------------


def romanize(text: str, system: str) -> str:
    """Cyrillic `text` in Latin letters, as `system` writes them (BGN, ICAO passports, or
    scholarly ASCII)."""
    if system == "cyrillic":
        return text
    table = ROMANIZATIONS[system]
    out: list[str] = []
    previous = " "
    for char in text:
        low = char.lower()
        latin = table.get(low, char)
        if system == "bgn" and low == "е" and (previous in VOWELS or not previous.isalpha()):
            latin = "ye"
        out.append(latin.capitalize() if char.isupper() else latin)
        previous = low
    return "".join(out)


def patronymic(father: str, female: bool) -> str:
    stem = father.replace("ё", "е")
    if stem.endswith("й"):
        stem, suffix = stem[:-1], "евна" if female else "евич"
    else:
        suffix = "овна" if female else "ович"
    return stem + suffix


def feminine(surname: str) -> str:
    if surname.endswith("ий"):
        return surname[:-2] + "ая"
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


def surname_pool(rng: random.Random, count: int) -> list[str]:
    """Common surnames first, then made-up ones: pick with weights that fall with rank."""
    made = {
        "".join(rng.choices(SYLLABLES, k=rng.randint(1, 2))).capitalize()
        + rng.choice(SURNAME_ENDINGS)
        for _ in range(count)
    }
    return SURNAMES + sorted(made - set(SURNAMES))


def typo(text: str, rng: random.Random) -> str:
    """`text` with one edit (a letter replaced, dropped, added, or two swapped) in one word of
    four letters or more, not in its first letter nor in a legal form."""
    words = text.split()
    letters_at = [[k for k, c in enumerate(w) if c.isalpha()] for w in words]
    chosen = [i for i, w in enumerate(words) if len(letters_at[i]) >= 4 and not w.isupper()]
    if not chosen:
        return text
    i = rng.choice(chosen)
    word, at = words[i], rng.choice(letters_at[i][1:-1])
    letters = CYRILLIC if any(c in CYRILLIC for c in word.lower()) else LATIN
    edit = rng.choice(("replace", "drop", "add", "swap"))
    if edit == "replace":
        word = word[:at] + rng.choice(letters) + word[at + 1 :]
    elif edit == "drop":
        word = word[:at] + word[at + 1 :]
    elif edit == "add":
        word = word[:at] + rng.choice(letters) + word[at:]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[i] = word
    return " ".join(words)


# -- identities and how records write them ---------------------------------------------------


@dataclass(frozen=True)
class Who:
    """A person (first, middle, last) or an organization (root, sector, legal form)."""

    kind: str
    parts: tuple[str, str, str]
    western: bool = False


@dataclass(frozen=True)
class Form:
    system: str = "cyrillic"
    reordered: bool = False
    short: str = ""  # '' | 'no middle' | 'initials'
    legal: str = "prefix"  # 'prefix' | 'suffix' | 'none'
    variant: int = 0  # which Latin spelling of the legal form


def person_name(who: Who, form: Form) -> str:
    first, middle, last = who.parts
    if form.short == "initials":
        first, middle = first[0] + ".", middle[:1] + "." if middle else ""
    elif form.short == "no middle":
        middle = ""
    words = (last, first, middle) if form.reordered else (first, middle, last)
    text = " ".join(w for w in words if w)
    return text if who.western else romanize(text, form.system)


def organization_name(who: Who, form: Form) -> str:
    root, sector, legal = who.parts
    words = (sector, root) if form.reordered else (root, sector)
    core = romanize(" ".join(w for w in words if w), form.system)
    if form.legal == "none":
        return core
    if form.system == "cyrillic":
        return f"{legal} «{core}»"
    latin = FORMS[legal][form.variant % len(FORMS[legal])]
    return f"{core} {latin}" if form.legal == "suffix" else f"{latin} {core}"


def write(who: Who, form: Form) -> str:
    return person_name(who, form) if who.kind == "Person" else organization_name(who, form)


def new_person(rng: random.Random, surnames: Sequence[str], weights: Sequence[float]) -> Who:
    if rng.random() < 0.2:
        middle = rng.choice(WESTERN_FIRST) if rng.random() < 0.3 else ""
        parts = (rng.choice(WESTERN_FIRST), middle, rng.choice(WESTERN_LAST))
        return Who("Person", parts, western=True)
    female = rng.random() < 0.3
    first = rng.choice(FEMALE if female else MALE)
    last = rng.choices(surnames, weights)[0]
    middle = patronymic(rng.choice(MALE), female)
    return Who("Person", (first, middle, feminine(last) if female else last))


def new_organization(rng: random.Random) -> Who:
    root = "".join(rng.choices(SYLLABLES, k=rng.randint(3, 4))).capitalize()
    sector = rng.choice(SECTORS) if rng.random() < 0.5 else ""
    return Who("Organization", (root, sector, rng.choice(list(FORMS))))


def first_form(who: Who, rng: random.Random) -> Form:
    system = "bgn" if who.western else rng.choices(SYSTEMS, (4, 3, 2, 1))[0]
    short = "no middle" if who.kind == "Person" and rng.random() < 0.3 else ""
    legal = rng.choice(("prefix", "suffix", "none"))
    return Form(system, rng.random() < 0.3, short, legal, rng.randrange(3))


def other_system(form: Form, rng: random.Random) -> Form:
    return replace(form, system=rng.choice([s for s in SYSTEMS if s != form.system]))


def other_legal(form: Form, rng: random.Random) -> Form:
    legal = rng.choice([p for p in ("prefix", "suffix", "none") if p != form.legal])
    return replace(form, legal=legal, variant=form.variant + 1)


def shorter(form: Form, rng: random.Random) -> Form:
    return replace(form, short=rng.choice(("no middle", "initials")))


Change = Callable[[Form, random.Random], Form]
CHANGES: dict[str, Change] = {
    "transliterated": other_system,
    "typo": lambda form, _: form,
    "reordered": lambda form, _: replace(form, reordered=not form.reordered),
    "shortened": shorter,
    "legal form": other_legal,
}


def sorts_for(who: Who) -> tuple[str, ...]:
    if who.kind == "Organization":
        return ("transliterated", "typo", "legal form", "shared id")
    if who.western:
        return ("typo", "reordered", "shortened", "shared id")
    return ("transliterated", "typo", "reordered", "shortened", "shared id")


# -- the synthetic set -----------------------------------------------------------------------


@dataclass
class Synthetic:
    recs: list[Rec] = field(default_factory=list)
    keys: dict[str, dict[str, str]] = field(default_factory=dict)
    truth: dict[str, str] = field(default_factory=dict)  # record id -> true entity
    sort: dict[str, str] = field(default_factory=dict)  # record id -> how it was written

    def add(self, truth: str, sort: str, rec: Rec, keys: dict[str, str]) -> None:
        self.recs.append(rec)
        self.keys[rec.id] = keys
        self.truth[rec.id] = truth
        self.sort[rec.id] = sort


def birth(rng: random.Random) -> str | None:
    if rng.random() < 0.15:
        return None
    return f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def copy_born(born: str | None, rng: random.Random) -> str | None:
    roll = rng.random()
    return born if roll < 0.7 else (born[:4] if born and roll < 0.8 else None)


def duplicate(
    out: Synthetic, base: Rec, who: Who, form: Form, truth: str, rng: random.Random
) -> None:
    """One more record of `truth`, in another dataset, written another way."""
    sort = rng.choice(sorts_for(who))
    keys: dict[str, str] = {}
    if sort == "shared id":
        scheme = "wikidata" if who.kind == "Person" else "inn"
        keys = {scheme: f"{scheme}-{truth}"}
        out.keys[base.id] = {**out.keys[base.id], **keys}
        change = "legal form" if who.kind == "Organization" else "reordered"
        form = CHANGES[change](form, rng)
        form = form if who.western else other_system(form, rng)
    else:
        form = CHANGES[sort](form, rng)
        if sort == "transliterated" and who.kind == "Person" and rng.random() < 0.3:
            form, sort = replace(form, reordered=not form.reordered), "transliterated+reordered"
    name = write(who, form)
    name = typo(name, rng) if sort == "typo" else name
    rec = Rec(
        id=f"r{len(out.recs):07d}",
        kind=who.kind,
        name=name,
        dataset=rng.choice([d for d in DATASETS if d != base.dataset]),
        born=copy_born(base.born, rng),
        countries=base.countries if rng.random() < 0.7 else (),
    )
    out.add(truth, sort, rec, keys)


def entity(out: Synthetic, who: Who, truth: str, rng: random.Random) -> Rec:
    form = first_form(who, rng)
    aliases = (write(who, other_system(form, rng)),) if rng.random() < 0.1 else ()
    rec = Rec(
        id=f"r{len(out.recs):07d}",
        kind=who.kind,
        name=write(who, form),
        aliases=aliases,
        dataset=rng.choice(DATASETS),
        born=birth(rng) if who.kind == "Person" else None,
        countries=(rng.choices(("ru", "ua", "kz", "by", "de"), (8, 1, 1, 1, 1))[0],),
    )
    own = {"wikidata": f"own-{truth}"} if rng.random() < 0.1 else {}
    out.add(truth, "original", rec, own)
    for _ in range(rng.choices((0, 1, 2), (6, 3, 1))[0]):
        duplicate(out, rec, who, form, truth, rng)
    return rec


def namesake(out: Synthetic, rec: Rec, truth: str, rng: random.Random) -> None:
    """A hard negative: another person of the same name, born in another year."""
    year = int(rec.born[:4]) if rec.born else 1970
    born = f"{year + rng.choice((-1, 1)) * rng.randint(1, 30)}{(rec.born or '-06-15')[4:]}"
    other = replace(rec, id=f"r{len(out.recs):07d}", aliases=(), born=born)
    out.add(truth, "namesake", replace(other, dataset=rng.choice(DATASETS)), {})


def synthetic(size: int, seed: int) -> Synthetic:
    rng = random.Random(seed)
    surnames = surname_pool(rng, size // 20)
    weights = [1 / (rank + 10) for rank in range(len(surnames))]
    out = Synthetic()
    while len(out.recs) < size:
        truth = f"t{len(out.truth)}"
        if rng.random() < 0.7:
            rec = entity(out, new_person(rng, surnames, weights), truth, rng)
            if rng.random() < 0.04:
                namesake(out, rec, truth + "n", rng)
        else:
            entity(out, new_organization(rng), truth, rng)
    entities = group(out.keys)
    out.recs = [replace(rec, entity=entities[rec.id]) for rec in out.recs]
    return out


# -- measures --------------------------------------------------------------------------------

EntityPair = frozenset[str]
TruthOf = dict[str, str]  # entity -> true entity


@dataclass(frozen=True)
class Row:
    matcher: str
    pairs: int  # found
    right: int  # found and one entity in truth
    caught: int  # wanted and found
    wanted: int
    seconds: float | None = None

    @property
    def precision(self) -> float:
        return self.right / self.pairs if self.pairs else 1.0

    @property
    def recall(self) -> float:
        return self.caught / self.wanted if self.wanted else 1.0


def sure_matches(data: Synthetic) -> Row:
    """Record pairs put in one entity by shared keys, against all pairs that are one entity."""
    members: defaultdict[str, list[str]] = defaultdict(list)
    for rec in data.recs:
        members[rec.group].append(rec.id)
    pairs = sum(comb(len(ids), 2) for ids in members.values())
    right = sum(
        comb(n, 2) for ids in members.values() for n in Counter(data.truth[i] for i in ids).values()
    )
    wanted = sum(comb(n, 2) for n in Counter(data.truth.values()).values())
    return Row("sure: shared keys (grouping.group)", pairs, right, right, wanted)


def targets(data: Synthetic) -> dict[EntityPair, str]:
    """The planted pairs (an original and its duplicate) left in two entities, as entity
    pairs, with how the duplicate was written."""
    originals = {data.truth[r.id]: r.group for r in data.recs if data.sort[r.id] == "original"}
    found: dict[EntityPair, str] = {}
    for rec in data.recs:
        original = originals.get(data.truth[rec.id], rec.group)
        if original != rec.group:
            found[frozenset((original, rec.group))] = data.sort[rec.id]
    return found


def scored(
    matcher: str, found: Iterable[EntityPair], wanted: dict[EntityPair, str], truth: TruthOf
) -> Row:
    """Pairs found, those that are one entity in truth, and the planted pairs found."""
    pairs = set(found)
    right = sum(1 for pair in pairs if len({truth[entity] for entity in pair}) == 1)
    return Row(matcher, len(pairs), right, len(pairs & wanted.keys()), len(wanted))


def exact_names(recs: Sequence[Rec]) -> set[EntityPair]:
    """The baseline: entities with a name or alias equal once folded (case, script, marks)."""
    holders: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for rec in recs:
        for text in (rec.name, *rec.aliases):
            holders[rec.kind, " ".join(fold(text))].add(rec.group)
    pairs: set[EntityPair] = set()
    for entities in holders.values():
        ordered = sorted(entities)
        for i, first in enumerate(ordered):
            pairs.update(frozenset((first, second)) for second in ordered[i + 1 :])
    return pairs


def entity_pairs(found: Iterable[Candidate], group_of: dict[str, str]) -> list[EntityPair]:
    return [frozenset((group_of[c.a], group_of[c.b])) for c in found]


def missed_by_sort(
    found: Iterable[EntityPair], wanted: dict[EntityPair, str]
) -> list[tuple[str, int, int]]:
    """(sort, found, planted) for each way duplicates were written."""
    hits = set(found)
    planted: Counter[str] = Counter(wanted.values())
    caught: Counter[str] = Counter(sort for pair, sort in wanted.items() if pair in hits)
    return [(sort, caught[sort], n) for sort, n in sorted(planted.items())]


# -- the run ---------------------------------------------------------------------------------


def line(row: Row) -> str:
    seconds = f"{row.seconds:>8.1f}" if row.seconds is not None else f"{'':>8}"
    return (
        f"{row.matcher:<40} {row.pairs:>9,} {row.right:>9,} {row.caught:>9,} {row.wanted:>9,} "
        f"{row.precision:>9.3f} {row.recall:>7.3f} {seconds}"
    )


def measured(
    data: Synthetic, minimum: float, per_record: int
) -> tuple[list[Row], list[str], float]:
    """The table's rows, the candidates' recall by how duplicates were written, and the CPU
    seconds of candidates()."""
    group_of = {rec.id: rec.group for rec in data.recs}
    truth = {rec.group: data.truth[rec.id] for rec in data.recs}
    wanted = targets(data)
    started, cpu = time.perf_counter(), time.process_time()
    found = candidates(data.recs, minimum=minimum, per_record=per_record)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    exact = exact_names(data.recs)
    exact_seconds = time.perf_counter() - started
    ours = entity_pairs(found, group_of)
    over = [entity_pairs((c for c in found if c.score >= t), group_of) for t in THRESHOLDS]
    rows = [
        sure_matches(data),
        replace(
            scored(f"candidates (>= {minimum}, top {per_record})", ours, wanted, truth),
            seconds=seconds,
        ),
        *(
            scored(f"  of which >= {t}", pairs, wanted, truth)
            for t, pairs in zip(THRESHOLDS, over, strict=True)
        ),
        replace(
            scored("baseline: equal folded names", exact, wanted, truth), seconds=exact_seconds
        ),
    ]
    by_sort = [
        f"  {sort:<24} {hit:>7,} / {n:>7,}  {hit / n:.3f}"
        for sort, hit, n in missed_by_sort(ours, wanted)
    ]
    return rows, by_sort, cpu


def report(data: Synthetic, minimum: float, per_record: int) -> list[str]:
    rows, by_sort, cpu = measured(data, minimum, per_record)
    sure, ours, base = rows[0], rows[1], rows[-1]
    seconds, base_seconds = ours.seconds or 0.0, base.seconds or 1e-9
    header = (
        f"{'matcher':<40} {'pairs':>9} {'right':>9} {'caught':>9} {'wanted':>9} "
        f"{'precision':>9} {'recall':>7} {'seconds':>8}"
    )
    return [
        header,
        *(line(row) for row in rows),
        "",
        "candidate recall by how the duplicate was written (caught / planted):",
        *by_sort,
        "",
        f"sure precision {sure.precision:.3f} (target {TARGET_SURE_PRECISION}: "
        f"{verdict(sure.precision >= TARGET_SURE_PRECISION)}); candidate recall "
        f"{ours.recall:.3f} (target >= {TARGET_RECALL}: {verdict(ours.recall >= TARGET_RECALL)}"
        f"); candidates() CPU {cpu:.1f} s, wall {seconds:.1f} s (target CPU <= "
        f"{TARGET_SECONDS:.0f} s: {verdict(cpu <= TARGET_SECONDS)}; it runs on one core, so "
        f"CPU is its wall time on an idle machine); against the baseline: recall "
        f"{ours.recall / max(base.recall, 1e-9):.1f}x, time {seconds / base_seconds:.0f}x",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="records")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minimum", type=float, default=0.7, help="candidates' lowest score")
    parser.add_argument("--per-record", type=int, default=5, help="best candidates per record")
    args = parser.parse_args()
    data = synthetic(args.size, args.seed)
    kinds = Counter(rec.kind for rec in data.recs)
    namesakes = sum(1 for sort in data.sort.values() if sort == "namesake")
    print(
        f"# {len(data.recs):,} records ({kinds['Person']:,} persons, "
        f"{kinds['Organization']:,} organizations) over {len(DATASETS)} datasets, seed "
        f"{args.seed}; {len(set(data.truth.values())):,} true entities, "
        f"{len({r.group for r in data.recs}):,} after grouping by keys; {namesakes:,} namesakes",
        flush=True,
    )
    for text in report(data, args.minimum, args.per_record):
        print(text)


if __name__ == "__main__":
    main()
