"""Writes one document's sentences and records, as it writes them, what they state.

Every name, count, date and quotation reaches the text through a `DocBuilder` method, which
returns the words to write and adds the fact to the answer key: the key lists exactly what
the text states because nothing else can put it there.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from innovpub.synth.data import SynthData
from innovpub.synth.french import capitalize, day_month, de, fold, fold_name, ordinal_short, span, to, with_article
from innovpub.synth.world import Edition, Org, Person, World, city_forms, ministry_role

NOUN = "Mois de l'innovation publique"
# Words of a quotation that its answer key requires (`contains`): long enough to be found
# in that quotation only, short enough to survive an extractor trimming its edges.
CONTAINS_WORDS = (6, 10)
EVENT_NOUNS = ("événements", "événements", "évènements")
# Bodies that templates name by slot (`{ditp}`, `{de_dgafp}`); `ministry` is the year's.
ORG_SLOTS = ("ditp", "dgafp", "dinum", "ministry")


@dataclass
class _OrgUse:
    org: Org
    forms: list[str] = field(default_factory=list)


@dataclass
class _PersonUse:
    person: Person
    role: str | None = None
    forms: list[str] = field(default_factory=list)
    named: bool = False  # written as a name, not only inside an e-mail address


@dataclass
class _Quote:
    text: str
    speaker: str | None
    speaker_kind: str | None


@dataclass(frozen=True)
class Style:
    """Choices that hold for a whole document, so that it reads consistently."""

    markdown: bool
    year_in_span: bool
    span_stated: bool
    ordinal: str  # word, short or caret


class _Slots(dict):
    """Template slots, computed (and recorded) only when a template uses them."""

    def __init__(self, builder: DocBuilder, values: dict[str, object]) -> None:
        super().__init__()
        self.builder = builder
        self.values = values

    def __missing__(self, key: str) -> str:
        if key not in self.values:
            return self.builder.slot(key)
        value = self.values[key]
        return value() if callable(value) else str(value)


class DocBuilder:
    """One document's answer key, growing with its text."""

    def __init__(self, world: World, data: SynthData, rng: random.Random, edition: Edition,
                 phase: str, style: Style) -> None:
        self.world = world
        self.data = data
        self.rng = rng
        self.edition = edition
        self.phase = phase
        self.style = style
        self.orgs: dict[str, _OrgUse] = {}
        self.people: dict[str, _PersonUse] = {}
        self.quotes: list[_Quote] = []
        self.events: list[dict] = []
        self.counts: list[dict] = []
        self.editions: dict[int, dict] = {}
        self.authors: list[str] = []
        self.last_organizers: list[Org] = []
        self._main_count: str | None = None
        self._scoped: dict[str, str] = {}
        self.used: set[str] = set()  # sentences this document already says
        self.edition_entry(edition.year)

    # --- templates ---

    def say(self, template: str, **values: object) -> str:
        """`template` with its slots filled, first letter in capitals."""
        return capitalize(template.format_map(_Slots(self, values)))

    def pick(self, options: list[str]) -> str:
        """One of `options`, avoiding those this document already used when it can."""
        fresh = [o for o in options if o not in self.used] or options
        chosen = self.rng.choice(fresh)
        self.used.add(chosen)
        return chosen

    def slot(self, key: str) -> str:
        """The value of a document-wide template slot (`{de_ditp}`, `{span}`), recorded."""
        prefix, _, base = key.partition("_")
        if not base:
            prefix, base = "", key
        if base in ORG_SLOTS and prefix in ("", "de", "par", "a"):
            org = self.edition.ministry if base == "ministry" else self.world.orgs[base]
            phrase = self.org_phrase(org)
            return {"": phrase, "de": de(phrase), "par": "par " + phrase, "a": to(phrase)}[prefix]
        simple: dict[str, Callable[[], object]] = {
            "mois": lambda: NOUN, "Mois": lambda: NOUN, "mois_lower": lambda: NOUN.lower(),
            "span": self.span, "theme": self.theme, "theme_q": lambda: f"« {self.theme()} »",
            "de_theme": lambda: de(self.theme()),
            "edition_la": lambda: f"la {self.ordinal()} édition",
            "edition_cette": lambda: f"cette {self.ordinal()} édition",
            "edition_sa": lambda: f"sa {self.ordinal()} édition", "edition_short": lambda: capitalize(self.ordinal()),
            "count": self.main_count, "early_count": lambda: self.scoped_count("early"),
            "year": lambda: self.edition.year, "prev_year": lambda: self.edition.year - 1,
            "end": self.end,
            "n_experts": lambda: self.rng.randint(6, 12) * 10, "n_projects": lambda: self.rng.randint(15, 40) * 10,
            "n_sessions": lambda: self.rng.randint(20, 60) * 10,
            "catchy": lambda: self.rng.choice(self.data.phrases["catchy"]),
        }
        return str(simple[key]())

    # --- bodies and people ---

    def org_surface(self, org: Org) -> tuple[str, str]:
        """(article, name) of one mention of `org`, recorded; the form varies as in real texts."""
        use = self.orgs.setdefault(org.key, _OrgUse(org))
        first = not use.forms
        name = org.running()
        roll = self.rng.random()
        # An acronym alone, or a short form, would hide the place a local body's name tells.
        if org.acronym and (org.known or not first) and org.region is None and roll < 0.45:
            forms, surface = [org.acronym], org.acronym
        elif org.acronym and first and roll < 0.8:
            forms, surface = [name, org.acronym], f"{name} ({org.acronym})"
        elif org.alias and roll < 0.3:
            forms, surface = [org.alias], org.alias
        else:
            forms, surface = [name], name
        use.forms += forms
        article = org.alias_article if surface == org.alias else org.article
        return article, surface

    def org_phrase(self, org: Org) -> str:
        """`la DITP`, `le conseil départemental du Nord`: one recorded mention with its article."""
        return with_article(*self.org_surface(org))

    def org_label(self, org: Org, region_stated: bool) -> str:
        """The body as a listing prints it after a title: `DINUM`, `Lab Urssaf` under `Bretagne :`."""
        use = self.orgs.setdefault(org.key, _OrgUse(org))
        roll = self.rng.random()
        if org.acronym and org.region is None and roll < 0.6:
            surface = org.acronym
        elif org.short and region_stated and roll < 0.5:
            surface = org.short
        else:
            surface = org.name
        use.forms.append(surface)
        return surface

    def org_written(self, org: Org, surface: str) -> None:
        """Record a mention written by the caller (`MINISTÈRE / DE LA …`)."""
        self.orgs.setdefault(org.key, _OrgUse(org)).forms.append(surface)

    def person(self, person: Person, *, role: bool = True, caps: bool = False) -> str:
        """`Louis Dupont, directeur du Lab Granit` on first mention with a role, else the name."""
        use = self.people.setdefault(person.key, _PersonUse(person))
        surface = person.caps if caps else person.name
        use.forms.append(surface)
        use.named = True
        if role and use.role is None and person.role:
            use.role = self.role_of(person)
            return f"{surface}, {use.role}"
        return surface

    def person_email(self, person: Person, domain: str) -> str:
        """`louis.dupont@modernisation.gouv.fr`; the person is then named, if only by address."""
        use = self.people.setdefault(person.key, _PersonUse(person))
        use.forms.append(person.email)
        return f"{person.email}@{domain}"

    def introduced(self, person: Person) -> bool:
        """Whether the text already gave this person's role."""
        use = self.people.get(person.key)
        return bool(use and use.role)

    def role_of(self, person: Person) -> str:
        """The person's role as this text words it; a body it names is recorded."""
        if person.kind == "minister":
            return ministry_role(person, self.edition.ministry)
        org = self.world.orgs.get(person.org_key) if person.org_key else None
        values: dict[str, Callable[[], str]] = {}
        if org is not None:
            values = {"de_org": lambda: de(self.org_phrase(org)), "a_org": lambda: to(self.org_phrase(org)),
                      "de_city": lambda: city_forms(org.city)[0]}
        return person.role.format_map(_Slots(self, values))

    def set_role(self, person: Person, role: str) -> None:
        """A role the layout gives (`Contact presse DITP :` above an address)."""
        use = self.people.setdefault(person.key, _PersonUse(person))
        use.role = use.role or role

    def author(self, person: Person, *, caps: bool) -> str:
        """An author's byline name; authors are people of the key, without role."""
        self.authors.append(person.name)
        return self.person(person, role=False, caps=caps)

    # --- editions, counts, events, quotes ---

    def edition_entry(self, year: int) -> dict:
        """The key's entry for edition `year` (created on first mention)."""
        return self.editions.setdefault(year, {"year": year, "number": None, "starts_on": None, "ends_on": None,
                                               "themes": []})

    def span(self) -> str:
        """The edition's dates as this document words them."""
        edition, entry = self.edition, self.edition_entry(self.edition.year)
        if not self.style.span_stated:
            return f"tout au long du mois de novembre {edition.year}" if self.style.year_in_span \
                else "tout au long du mois de novembre"
        entry["starts_on"], entry["ends_on"] = edition.starts_on.isoformat(), edition.ends_on.isoformat()
        return span(edition.starts_on, edition.ends_on, year=self.style.year_in_span)

    def theme(self) -> str:
        """The edition's theme, recorded as stated."""
        themes = self.edition_entry(self.edition.year)["themes"]
        if self.edition.theme not in themes:
            themes.append(self.edition.theme)
        return self.edition.theme

    def end(self) -> str:
        """The edition's last day (`30 novembre`), recorded as stated."""
        self.edition_entry(self.edition.year)["ends_on"] = self.edition.ends_on.isoformat()
        return day_month(self.edition.ends_on)

    def ordinal(self) -> str:
        """`neuvième`, `9e`, `9^e`: the edition's number, then stated."""
        number = self.edition.number
        self.edition_entry(self.edition.year)["number"] = number
        if self.style.ordinal == "word":
            return self.data.editions["ordinal_words"][number - 1]
        # The loader drops the caret of `10^e` but not of `1^RE` in a title set in capitals.
        return ordinal_short(number, caret=self.style.ordinal == "caret" and number > 1)

    def count(self, year: int, value: int, qualifier: str | None, scope: str | None) -> str:
        """`plus de 350 événements`, recorded; a value this edition already has moves aside."""
        taken = {c["value"] for c in self.counts if c["year"] == year}
        if qualifier == "une centaine" and 100 in taken:
            qualifier, value = "plus de", 110
        while value in taken:
            value += 10 if value >= 50 else 1
        self.counts.append({"year": year, "value": value, "qualifier": qualifier, "scope": scope})
        noun = self.rng.choice(EVENT_NOUNS)
        if qualifier == "une centaine":
            return f"une centaine d'{noun}"
        return f"{qualifier} {value} {noun}" if qualifier else f"{value} {noun}"

    def main_count(self) -> str:
        """The count of the whole edition, worded once and repeated identically."""
        if self._main_count is None:
            total = self.edition.total + (self.rng.randint(-1, 2) * 10 if self.phase == "after" else 0)
            qualifier = self.rng.choice(("plus de", "plus de", "près de", None))
            if qualifier is None:
                total += self.rng.randint(1, 9)
            self._main_count = self.count(self.edition.year, total, qualifier, None)
        return self._main_count

    def scoped_count(self, kind: str) -> str:
        """A count of part of the events (`déjà référencés`, by the labs…), worded once."""
        if kind not in self._scoped:
            share = {"early": (0.35, 0.55), "labs": (0.25, 0.35), "remaining": (0.4, 0.55),
                     "online": (0.15, 0.3)}[kind]
            value = round(self.edition.total * self.rng.uniform(*share) / 10) * 10
            qualifier = self.rng.choice(("près de", "plus de"))
            if kind == "labs" and 95 <= value <= 130 and self.rng.random() < 0.5:
                qualifier, value = "une centaine", 100
            scope = self.data.phrases["scoped_counts"][kind]["scope"]
            self._scoped[kind] = self.count(self.edition.year, value, qualifier, scope)
        return self._scoped[kind]

    def event(self, title: str, organizers: list[Org], label: str, region: str | None,
              starts_on: date | None = None, ends_on: date | None = None, dates: list[date] | None = None,
              optional: bool = False) -> None:
        """Record one event as the text presents it."""
        self.last_organizers = organizers
        entry = {"title": title, "organizers": [o.name for o in organizers],
                 "starts_on": starts_on.isoformat() if starts_on else None,
                 "ends_on": ends_on.isoformat() if ends_on else None}
        if dates:
            entry["dates"] = [d.isoformat() for d in dates]
        entry |= {"region": region, "format": label, "optional": optional}
        self.events.append(entry)

    def quote(self, text: str, speaker: Person | Org | None) -> None:
        """Record one quotation (its `contains` fragment is chosen once the text is final)."""
        if isinstance(speaker, Person):
            self.quotes.append(_Quote(text, speaker.name, "person"))
        elif isinstance(speaker, Org):
            self.quotes.append(_Quote(text, speaker.name, "organization"))
        else:
            self.quotes.append(_Quote(text, None, None))

    # --- the answer key ---

    def _contains(self, quote: _Quote, folded_text: str) -> str:
        """A run of words of one sentence of the quotation, found once in the whole text."""
        sentences = [s.split() for s in re.split(r"(?<=[.!?])\s+", quote.text) if s.strip()]
        self.rng.shuffle(sentences)
        low, high = CONTAINS_WORDS
        for words in sorted(sentences, key=len, reverse=True):
            size = min(len(words), self.rng.randint(low, high))
            starts = list(range(len(words) - size + 1))
            self.rng.shuffle(starts)
            for start in starts:
                fragment = " ".join(words[start:start + size]).strip(" ,;:.!?«»\"")
                if folded_text.count(fold(fragment)) == 1:
                    return fragment
        return quote.text.strip(" .")

    def answer_key(self, document: str, kind: str, title: str, published_on: date | None, text: str) -> dict:
        """The gold entry of this document, in the format of `../shared/gold/SCHEMA.md`."""
        folded = fold(text)
        people = []
        for use in self.people.values():
            entry = {"name": use.person.name, "role": use.role}
            if not use.named:
                entry |= {"optional": True, "note": f"named only through the e-mail address {use.person.email}@…"}
            people.append(entry)
        organizations = []
        for use in self.orgs.values():
            seen, aliases = {fold_name(use.org.name)}, []
            for form in use.forms:
                if fold_name(form) not in seen:
                    seen.add(fold_name(form))
                    aliases.append(form)
            organizations.append({"name": use.org.name, "aliases": aliases})
        quotes = [{"speaker": q.speaker, "speaker_kind": q.speaker_kind, "contains": self._contains(q, folded),
                   "optional": False} for q in self.quotes]
        return {"document": document, "kind": kind, "title": title,
                "published_on": published_on.isoformat() if published_on else None, "authors": self.authors,
                "editions": list(self.editions.values()), "event_counts": self.counts, "people": people,
                "quotes": quotes, "organizations": organizations, "events": self.events}

    def surfaces(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Every written form of each person and body, for the corpus-wide clusters."""
        return ({u.person.key: u.forms for u in self.people.values()},
                {u.org.key: u.forms for u in self.orgs.values()})
