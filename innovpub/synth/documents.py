"""One synthetic document: a ministry communiqué or a web article, with its answer key."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from innovpub.synth.builder import DocBuilder, Style
from innovpub.synth.data import SynthData
from innovpub.synth.events import listed_event, vague_events
from innovpub.synth.french import long_date, numeric_date, slugify, upper_unaccented
from innovpub.synth.quotes import organization_quote, unattributed_quote
from innovpub.synth.sections import (MAX_CONTEXT, MAX_EVENTS, MAX_QUOTES, Page, context, counts, grow, lead,
                                     headline, local_quote, national_quote, prose_events)
from innovpub.synth.world import Edition, Person, World

COMMUNIQUE_SHARE = 0.45
UNDATED_ARTICLE_SHARE = 0.1
PHASES = {"before": 3, "during": 4, "after": 3}
# Documents run from 300 to 1,200 words: a growth step adds at most ~150 words, so a target
# below 1,050 keeps every document under the ceiling.
WORDS = (330, 1050)
LETTERHEAD_WIDTH = 20
PRESS_DOMAIN = "modernisation.gouv.fr"


@dataclass(frozen=True)
class Generated:
    """A document's text, answer key and the surface forms it gives each entity."""

    stem: str
    suffix: str
    text: str
    gold: dict
    people_forms: dict[str, list[str]]
    org_forms: dict[str, list[str]]
    words: int


def _published(rng: random.Random, edition: Edition, phase: str) -> date:
    if phase == "before":
        first, last = date(edition.year, 10, 5), edition.starts_on - timedelta(days=1)
    elif phase == "during":
        first, last = edition.starts_on + timedelta(days=1), edition.ends_on - timedelta(days=2)
    else:
        first, last = edition.ends_on + timedelta(days=1), edition.ends_on + timedelta(days=14)
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _letterhead(name: str) -> str:
    """`MINISTÈRE / DE LA FONCTION / PUBLIQUE ET DE LA / SIMPLIFICATION`."""
    words = name.upper().split()
    lines, current = [words[0]], []
    for word in words[1:]:
        if current and len(" ".join([*current, word])) > LETTERHEAD_WIDTH:
            lines.append(" ".join(current))
            current = []
        current.append(word)
    return "\n".join([*lines, " ".join(current)])


def _communique(b: DocBuilder, published_on: date) -> tuple[str, str]:
    """A press release: letterhead, motto, dateline, title in capitals, listings, press contacts."""
    rng, phrases, edition, md = b.rng, b.data.phrases, b.edition, b.style.markdown
    page = Page(["head", "lead", "quotes", "context", "national", "territorial", "closing", "contacts"])
    letterhead = _letterhead(edition.ministry.name)
    b.org_written(edition.ministry, edition.ministry.name.upper())
    page.add("head", f"**{letterhead}**" if md else letterhead,
             "*Liberté\nÉgalité\nFraternité*" if md else "Liberté\nÉgalité\nFraternité")
    if rng.random() < 0.35:
        ditp = b.world.orgs["ditp"]
        b.org_written(ditp, ditp.name)
        page.add("head", "Direction interministérielle\nde la transformation publique")
    page.add("head", rng.choice(("COMMUNIQUE DE PRESSE", "COMMUNIQUÉ DE PRESSE", "Communiqué de presse")))
    page.add("head", rng.choice(("Paris, le ", "Le ")) + long_date(published_on))
    title = headline(b, "communique")
    caps = upper_unaccented if rng.random() < 0.3 else str.upper
    if " : " in title and rng.random() < 0.5:
        first, second = title.split(" : ", 1)
        page.add("head", caps(first) + " :", caps(second))
    else:
        page.add("head", caps(title))
    if rng.random() < 0.3:
        page.add("head", caps(rng.choice(phrases["subtitles"])))
    page.add("lead", lead(b))
    for _ in range(rng.randint(1, 2)):
        page.add("quotes", *national_quote(b, article=False))
    if rng.random() < 0.5:
        page.add("context", rng.choice(phrases["communique_headings"]["context"]))
    page.add("context", context(b))
    bullets = rng.random() < 0.75

    def grow_events(section: str, territorial: bool) -> None:
        if not page.size(section):
            page.add(section, rng.choice(phrases["communique_headings"][section]))
            if territorial and rng.random() < 0.5:
                kind = "remaining" if b.phase == "during" else "labs"
                page.add(section, b.say(rng.choice(phrases["scoped_counts"][kind]["templates"]),
                                        count=b.scoped_count(kind)) + " " + rng.choice(phrases["list_intros"]))
        page.add(section, listed_event(b, territorial) if bullets else prose_events(b, territorial))

    growers = {"national": lambda: grow_events("national", False),
               "territorial": lambda: grow_events("territorial", True),
               "quotes": lambda: page.add("quotes", *national_quote(b, article=False)),
               "context": lambda: page.add("context", context(b))}
    limits = {"national": lambda: len(b.events) >= MAX_EVENTS, "territorial": lambda: len(b.events) >= MAX_EVENTS,
              "quotes": lambda: len(b.quotes) >= MAX_QUOTES, "context": lambda: page.size("context") >= MAX_CONTEXT}
    grow_events("national", False)
    grow_events("territorial", True)
    grow(page, b, _target(b), growers, limits)
    page.add("closing", b.say(rng.choice(phrases["closings"]["markdown" if md else "plain"])))
    if b.phase == "before" and rng.random() < 0.5:
        deadline = edition.starts_on + timedelta(days=rng.randint(0, 6))
        page.add("closing", b.say(phrases["signup"], deadline=long_date(deadline)))
    page.add("contacts", *_contacts(b))
    return title, ("\n" * rng.randint(0, 4)) + page.text()


def _contacts(b: DocBuilder) -> list[str]:
    """`Contacts presse :` and the lines under it; an address alone names its owner, optionally."""
    rng, edition = b.rng, b.edition
    heading = rng.choice(("Contacts presse :", "Contact presse DITP :", "Contact Presse :"))
    if "DITP" in heading:
        b.org_written(b.world.orgs["ditp"], "DITP")
    press = rng.choice(edition.press)
    role = b.data.roles["press"][press.gender]
    if rng.random() < 0.5:
        b.org_written(b.world.orgs["ditp"], "DITP")
        line = f"DITP - {b.person_email(press, PRESS_DOMAIN)} - {_phone(rng)}"
    else:
        line = f"{b.person(press, role=False, caps=rng.random() < 0.6)} – {b.person_email(press, PRESS_DOMAIN)} - " \
               f"{_phone(rng)}"
    b.set_role(press, role)
    lines = [line]
    if rng.random() < 0.5:
        lines.append(f"{rng.choice(b.data.phrases['press_agencies'])} - {_phone(rng)}")
    return [heading, "\n\n".join(lines)]


def _phone(rng: random.Random) -> str:
    digits = [rng.choice(("06", "07", "01")), *(f"{rng.randint(0, 99):02d}" for _ in range(4))]
    return rng.choice((" ", ".")).join(digits)


def _target(b: DocBuilder) -> int:
    return b.rng.randint(*WORDS)


def _article(b: DocBuilder, published_on: date | None) -> tuple[str, str]:
    """A web article: title line, date or byline, prose paragraphs, a footer."""
    rng, phrases = b.rng, b.data.phrases
    page = Page(["head", "lead", "body", "territorial", "national", "context", "footer"])
    title = headline(b, "article")
    author: Person | None = rng.choice(b.world.pools["journalist"]) if rng.random() < 0.35 else None
    stamp = f" date {published_on.year}-{published_on.month:02d} " if published_on and rng.random() < 0.15 else ""
    page.add("head", stamp + title)
    if published_on and author and rng.random() < 0.6:
        page.add("head", f"{numeric_date(published_on)} {b.author(author, caps=True)}")
    elif published_on:
        page.add("head", rng.choice(("Publié le ", "Publié le ", "Mis en ligne le "))
                 + long_date(published_on, padded=rng.random() < 0.5))
        if author:
            page.add("head", f"Par {b.author(author, caps=False)}")
    if rng.random() < 0.3:
        page.add("head", rng.choice(phrases["kickers"][b.phase]))
        page.add("head", "Partager")
    page.add("lead", lead(b))
    if rng.random() < 0.7:
        page.add("body", *national_quote(b, article=True))
    if rng.random() < 0.25:
        page.add("body", organization_quote(b))
    if rng.random() < 0.1:
        page.add("body", unattributed_quote(b))
    if rng.random() < 0.6:
        page.add("body", counts(b))

    def grow_events(section: str, territorial: bool) -> None:
        if page.size(section) and rng.random() < 0.3:
            page.add(section, b.pick(phrases["article_headings"][section]))
        page.add(section, prose_events(b, territorial))
        if rng.random() < 0.3:
            page.add(section, *local_quote(b))

    growers = {"territorial": lambda: grow_events("territorial", True),
               "national": lambda: grow_events("national", False),
               "quotes": lambda: page.add("body", *national_quote(b, article=True)),
               "context": lambda: page.add("context", context(b))}
    limits = {"territorial": lambda: len(b.events) >= MAX_EVENTS, "national": lambda: len(b.events) >= MAX_EVENTS,
              "quotes": lambda: len(b.quotes) >= MAX_QUOTES, "context": lambda: page.size("context") >= MAX_CONTEXT}
    grow_events("territorial", True)
    if rng.random() < 0.15:
        page.add("territorial", vague_events(b))
    grow(page, b, _target(b), growers, limits)
    if rng.random() < 0.3 and published_on:
        updated = published_on + timedelta(days=rng.randint(30, 200))
        page.add("footer", title, f"PDF ({rng.randint(200, 2400)},{rng.randint(0, 9)} Ko) - Dernière mise à jour le "
                 f"{long_date(updated)}", "Télécharger")
    else:
        page.add("footer", b.say(rng.choice(phrases["closings"]["plain"])))
    return title, page.text()


def _typography(text: str, rng: random.Random) -> str:
    """Typographic apostrophes and French no-break spaces, as many web pages print them."""
    if rng.random() < 0.4:
        text = text.replace("'", "\u2019")
    if rng.random() < 0.2:
        text = text.replace(" :", "\u00a0:").replace("« ", "«\u202f").replace(" »", "\u202f»")
    return text


def generate_document(world: World, data: SynthData, seed: int, index: int) -> Generated:
    """Document `index` of corpus `seed`: the same pair always gives the same document."""
    rng = random.Random(f"{seed}:document:{index}")
    kind = "communique" if rng.random() < COMMUNIQUE_SHARE else "article"
    edition = world.editions[rng.randint(data.editions["first_year"], data.editions["last_year"])]
    phase = rng.choices(list(PHASES), weights=list(PHASES.values()))[0]
    published_on = _published(rng, edition, phase)
    if kind == "article" and rng.random() < UNDATED_ARTICLE_SHARE:
        published_on = None
    markdown = kind == "communique" and rng.random() < 0.6
    style = Style(markdown=markdown, year_in_span=published_on is None or rng.random() < 0.4,
                  span_stated=rng.random() < 0.85,
                  ordinal=rng.choice(("word", "short", "caret") if markdown else ("word", "short")))
    b = DocBuilder(world, data, rng, edition, phase, style)
    if kind == "communique":
        title, text = _communique(b, published_on)
    else:
        title, text = _article(b, published_on)
    text = _typography(text, rng) + "\n"
    # The loader drops the caret of `10^e`; the key states the title as read.
    title = title.replace("^", "")
    stem = f"{index:06d}_{slugify(title)}"
    suffix = ".md" if markdown else ".txt"
    gold = b.answer_key(stem + suffix, kind, title, published_on, text)
    people_forms, org_forms = b.surfaces()
    return Generated(stem, suffix, text, gold, people_forms, org_forms, len(text.split()))
