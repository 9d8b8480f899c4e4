"""The fictional world a synthetic corpus speaks of: places, bodies, people and editions.

Built once per seed, before any document, so that documents share people and bodies (which
makes the cross-document clusters of `_dataset.json` meaningful) and agree on each edition's
dates, theme and ministers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from innovpub.synth.data import SynthData
from innovpub.synth.french import city_phrase, de, email_local, with_article

# Share of people whose surname carries a particle (`de Vaucelles`).
PARTICLE_SHARE = 0.06
# Years a minister, a delegate or a pilot team stays in office.
TERM_YEARS = (2, 4)
# Events of the first edition, and growth per year (the programme grew steadily).
FIRST_TOTAL, YEARLY_GROWTH = 110, 27
POOL_SIZES = {"journalist": 24, "expert": 24}


@dataclass(frozen=True)
class Region:
    """One of the 18 regions, with the forms a sentence needs."""

    name: str
    of: str  # `de Bretagne`
    in_: str  # `en Bretagne`
    weight: float
    departments: tuple[tuple[str, str, str], ...]  # (name, `de …`, `en …`)
    cities: tuple[str, ...]


@dataclass(frozen=True)
class Org:
    """A body that texts name, with its article and the other names it goes by."""

    key: str
    name: str
    kind: str  # pilot, national, ministry, association, lab, operator_lab, local
    family: str
    article: str = ""
    lower: bool = False
    acronym: str | None = None
    known: bool = False  # the acronym alone is understood on first mention
    alias: str | None = None  # another name of the same body
    alias_article: str = ""
    short: str | None = None  # a short form shared with sibling bodies (`Lab Urssaf`)
    region: str | None = None  # inferable from the name or stated where the body is named
    city: str | None = None
    place_in: str | None = None  # how a text says where it is: `à Marseille`

    def running(self) -> str:
        """The name as written inside a sentence (`conseil départemental du Nord`)."""
        return self.name[0].lower() + self.name[1:] if self.lower else self.name

    def phrase(self, surface: str | None = None) -> str:
        """`surface` (the running name by default) with the body's article."""
        return with_article(self.article, surface or self.running())


@dataclass(frozen=True)
class Person:
    """A fictional person: name, gender, and the role a text gives them."""

    key: str
    given: str
    surname: str
    gender: str  # m or f
    kind: str
    role: str | None = None  # template with `{de_org}`, `{a_org}`, `{city}` slots
    org_key: str | None = None

    @property
    def name(self) -> str:
        """`Louis Dupont`."""
        return f"{self.given} {self.surname}"

    @property
    def caps(self) -> str:
        """`Louis DUPONT`, as communiqués often print names."""
        return f"{self.given} {self.surname.upper()}"

    @property
    def email(self) -> str:
        """`louis.dupont`."""
        return email_local(self.given, self.surname)


@dataclass(frozen=True)
class Edition:
    """One November's Mois de l'innovation publique."""

    year: int
    number: int
    starts_on: date
    ends_on: date
    theme: str
    total: int  # events of the whole edition
    ministry: Org
    minister: Person
    delegate: Person
    staff: tuple[Person, ...]
    press: tuple[Person, ...]


@dataclass
class World:
    """Everything the documents of one corpus share."""

    regions: dict[str, Region]
    orgs: dict[str, Org]
    by_kind: dict[str, list[Org]]
    members: dict[str, Person]  # the person who speaks for each body
    pools: dict[str, list[Person]]
    editions: dict[int, Edition]
    _regional: dict[tuple[str, str], list[Org]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for org in self.orgs.values():
            if org.region:
                self._regional.setdefault((org.kind, org.region), []).append(org)

    def regional(self, kind: str, region: str) -> list[Org]:
        """Bodies of one kind in `region`, in a fixed order."""
        return self._regional.get((kind, region), [])

    def local_orgs(self, region: str) -> list[Org]:
        """Bodies of `region` (local authorities, labs), in a fixed order."""
        return [o for kind in ("local", "lab", "operator_lab") for o in self.regional(kind, region)]


class _Names:
    """Draws full names that no one else in the world bears."""

    def __init__(self, data: SynthData, rng: random.Random) -> None:
        self.given = data.names["given_names"]
        self.surnames = data.names["surnames"]
        self.particles = data.names["particle_surnames"]
        self.rng = rng
        self.taken: set[str] = set()

    def draw(self) -> tuple[str, str, str]:
        while True:
            gender = self.rng.choice("mf")
            given = self.rng.choice(self.given["female" if gender == "f" else "male"])
            pool = self.particles if self.rng.random() < PARTICLE_SHARE else self.surnames
            surname = self.rng.choice(pool)
            if f"{given} {surname}" not in self.taken:
                self.taken.add(f"{given} {surname}")
                return given, surname, gender


def _regions(data: SynthData) -> dict[str, Region]:
    return {r["name"]: Region(r["name"], r["of"], r["in"], float(r.get("weight", 1.0)),
                              tuple(tuple(d) for d in r["departments"]), tuple(r["cities"]))
            for r in data.places["regions"]}


def city_forms(city: str) -> tuple[str, str]:
    """(`de Lyon`, `à Lyon`) with contractions (`du Mans`, `au Mans`)."""
    phrase = city_phrase(city)
    if phrase.startswith("le "):
        return "du " + phrase[3:], "au " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:], "aux " + phrase[4:]
    return de(phrase), "à " + phrase


def _template_org(spec: dict, key: str, place_of: str, place_name: str, region: str,
                  city: str | None = None) -> Org:
    fill = {"of": place_of, "name": place_name}
    return Org(key=key, name=spec["name"].format(**fill), kind="local", family=spec["family"],
               article=spec["article"], lower=spec.get("lower", False), acronym=spec.get("acronym"),
               alias=spec["alias"].format(**fill) if spec.get("alias") else None,
               alias_article=spec.get("alias_article", spec["article"]), region=region, city=city)


def _orgs(data: SynthData, regions: dict[str, Region]) -> dict[str, Org]:
    spec = data.organizations
    orgs: list[Org] = []
    pilot = spec["pilot"]
    orgs.append(Org(pilot["key"], pilot["name"], "pilot", pilot["family"], pilot["article"], pilot["lower"],
                    pilot["acronym"], pilot.get("known", False)))
    for o in spec["national"]:
        orgs.append(Org(o["key"], o["name"], "national", o["family"], o["article"], o["lower"], o["acronym"],
                        o.get("known", False)))
    for o in spec["ministries"] + spec["public_service_ministries"]:
        orgs.append(Org(o["key"], o["name"], "ministry", "ministry", "le", True))
    for o in spec["associations"]:
        orgs.append(Org(o["key"], o["name"], "association", "association", o["article"]))
    for o in spec["labs"]:
        orgs.append(Org(o["key"], o["name"], "lab", "lab", o["article"], region=o["region"], city=o["city"],
                        place_in=city_forms(o["city"])[1]))
    operator_labs = spec["operator_labs"]
    for region in regions.values():
        if not region.departments:
            continue
        for operator in operator_labs["operators"]:
            orgs.append(Org(f"lab_{operator}:{region.name}", f"Lab {operator} {region.name}", "operator_lab",
                            f"lab_{operator}", operator_labs["article"], short=f"Lab {operator}",
                            region=region.name))
        for template in spec["per_region"]:
            orgs.append(_template_org(template, f"{template['family']}:{region.name}", region.of, region.name,
                                      region.name))
        for name, of, _ in region.departments:
            for template in spec["per_department"]:
                orgs.append(_template_org(template, f"{template['family']}:{name}", of, name, region.name))
    for region in regions.values():
        for index, city in enumerate(region.cities):
            of = city_forms(city)[0]
            for template in spec["per_city"]:
                if index >= template.get("first_cities", len(region.cities)) or index < template.get("after_cities", 0):
                    continue
                orgs.append(_template_org(template, f"{template['family']}:{city}", of, city, region.name, city))
            if city in spec["ira_cities"]:
                orgs.append(_template_org(spec["ira"], f"ira:{city}", of, city, region.name, city))
    return {o.key: o for o in orgs}


def _member_role(data: SynthData, org: Org, rng: random.Random) -> str:
    roles = data.roles["by_family"]
    family = {"lab": "lab", "operator_lab": "operator_lab", "ministry": "ministry", "national": "national",
              "association": "association"}.get(org.kind, org.family)
    return rng.choice(roles[family])


def _terms(first: int, last: int, rng: random.Random) -> list[tuple[int, int]]:
    """Consecutive terms of office covering `first`..`last`."""
    terms, year = [], first
    while year <= last:
        length = rng.randint(*TERM_YEARS)
        terms.append((year, min(last, year + length - 1)))
        year += length
    return terms


def _editions(data: SynthData, orgs: dict[str, Org], names: _Names, rng: random.Random) -> dict[int, Edition]:
    first, last = data.editions["first_year"], data.editions["last_year"]
    themes = list(data.editions["themes"])
    rng.shuffle(themes)
    ministries = [orgs[o["key"]] for o in data.organizations["public_service_ministries"]]
    roles = data.roles

    def person(key: str, kind: str, role: dict | None, org_key: str | None) -> Person:
        given, surname, gender = names.draw()
        return Person(key, given, surname, gender, kind, role[gender] if role else None, org_key)

    by_year: dict[int, dict] = {year: {} for year in range(first, last + 1)}
    for index, (start, end) in enumerate(_terms(first, last, rng)):
        ministry = ministries[index % len(ministries)]
        minister = person(f"minister:{index}", "minister", roles["minister"], ministry.key)
        for year in range(start, end + 1):
            by_year[year] |= {"ministry": ministry, "minister": minister}
    for index, (start, end) in enumerate(_terms(first, last, rng)):
        delegate = person(f"delegate:{index}", "delegate", roles["delegate"], "ditp")
        for year in range(start, end + 1):
            by_year[year]["delegate"] = delegate
    for index, (start, end) in enumerate(_terms(first, last, rng)):
        staff = tuple(person(f"staff:{index}:{k}", "staff", role, "ditp")
                      for k, role in enumerate(rng.sample(roles["pilot_staff"], 3)))
        press = tuple(person(f"press:{index}:{k}", "press", roles["press"], "ditp") for k in range(2))
        for year in range(start, end + 1):
            by_year[year] |= {"staff": staff, "press": press}
    editions = {}
    for year, team in by_year.items():
        starts_on = date(year, 11, rng.choice((1, 2, 2, 2, 3)))
        ends_on = rng.choice((date(year, 11, 30),) * 6 + (date(year, 11, 29), date(year, 12, 1)))
        total = round((FIRST_TOTAL + YEARLY_GROWTH * (year - first)) / 10) * 10 + rng.randint(-2, 2) * 10
        editions[year] = Edition(year, year - first + 1, starts_on, ends_on, themes[year - first], total, **team)
    return editions


def build_world(data: SynthData, seed: int) -> World:
    """The world of corpus `seed`: same seed, same world."""
    rng = random.Random(f"{seed}:world")
    regions = _regions(data)
    orgs = _orgs(data, regions)
    names = _Names(data, rng)
    editions = _editions(data, orgs, names, rng)
    members = {}
    for org in orgs.values():
        if org.kind == "pilot":
            continue
        given, surname, gender = names.draw()
        role = _member_role(data, org, rng)
        members[org.key] = Person(
            f"member:{org.key}", given, surname, gender, "member", role[gender], org.key)
    pools: dict[str, list[Person]] = {}
    for kind, size in POOL_SIZES.items():
        pools[kind] = []
        for index in range(size):
            given, surname, gender = names.draw()
            role = rng.choice(data.roles["experts"])[gender] if kind == "expert" else None
            pools[kind].append(Person(f"{kind}:{index}", given, surname, gender, kind, role))
    by_kind: dict[str, list[Org]] = {}
    for org in orgs.values():
        by_kind.setdefault(org.kind, []).append(org)
    return World(regions, orgs, by_kind, members, pools, editions)


def ministry_role(minister: Person, ministry: Org) -> str:
    """`ministre de la Fonction publique et de la Simplification`."""
    return minister.role.format(ministry=ministry.name.removeprefix("Ministère "))
