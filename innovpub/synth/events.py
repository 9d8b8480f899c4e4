"""Events as documents present them: organizers, dates, and a listing line or a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from innovpub.synth.builder import DocBuilder
from innovpub.synth.french import capitalize, day_month, de, elides, long_date, span, strip_article, weekday
from innovpub.synth.world import Org, Region, city_forms

NUMBER_WORDS = ("deux", "trois", "quatre", "cinq")
SATURDAY = 5
# How often an event's dates take each shape.
DATE_SHAPES = {"day": 50, "range": 14, "pair": 8, "two_days": 7, "until": 7, "none": 14}
# Kinds of organizer for a territorial event, and how often (labs are the programme's core).
TERRITORIAL_KINDS = {"local": 5, "lab": 3, "operator_lab": 2}
NATIONAL_KINDS = {"national": 4, "ministry": 4, "association": 2, "pilot": 1}


@dataclass(frozen=True)
class When:
    """An event's dates and the words that state them."""

    prose: str  # `le 29 novembre`, `du 14 au 18 novembre`, `` when none
    listing: str  # `29 novembre`, `Du 14 au 18 novembre`
    starts_on: date | None
    ends_on: date | None
    dates: list[date] | None = None


def pick_region(b: DocBuilder) -> Region:
    """A region, overseas ones less often."""
    regions = list(b.world.regions.values())
    return b.rng.choices(regions, weights=[r.weight for r in regions])[0]


def pick_organizer(b: DocBuilder, territorial: bool, region: Region | None = None) -> Org:
    """A body that organizes an event: local to `region`, or national."""
    by_kind = b.world.by_kind
    if territorial:
        region = region or pick_region(b)
        kinds = [k for k in TERRITORIAL_KINDS if b.world.regional(k, region.name)]
        kind = b.rng.choices(kinds, weights=[TERRITORIAL_KINDS[k] for k in kinds])[0]
        return b.rng.choice(b.world.regional(kind, region.name))
    kind = b.rng.choices(list(NATIONAL_KINDS), weights=list(NATIONAL_KINDS.values()))[0]
    return b.rng.choice(by_kind[kind])


def partner(b: DocBuilder, first: Org) -> Org:
    """A second organizer: a neighbour of a local body, or another national one."""
    if first.region:
        others = [o for o in b.world.local_orgs(first.region) if o.key != first.key]
        return b.rng.choice(others)
    others = [o for o in b.world.by_kind["national"] + b.world.by_kind["association"] if o.key != first.key]
    return b.rng.choice(others)


def pick_when(b: DocBuilder) -> When:
    """Dates within the edition (a few run into December), with their wording."""
    edition, rng = b.edition, b.rng
    shape = rng.choices(list(DATE_SHAPES), weights=list(DATE_SHAPES.values()))[0]
    last = (edition.ends_on - edition.starts_on).days
    day = edition.starts_on + timedelta(days=rng.randint(0, max(0, last - 2)))
    if day.weekday() >= SATURDAY:  # events are held on working days
        day += timedelta(days=7 - day.weekday())
    upcoming = " prochains" if b.phase != "after" and rng.random() < 0.3 else ""
    if shape == "none":
        return When("", "", None, None)
    if shape == "day":
        with_year = rng.random() < 0.2
        words = long_date(day) if with_year else day_month(day)
        named = f"{weekday(day)} {words}" if rng.random() < 0.25 else words
        return When(f"le {named}", words, day, day)
    if shape == "range":
        end = day + timedelta(days=rng.randint(2, 14))
        words = span(day, end, year=False)
        return When(words, capitalize(words), day, end)
    if shape == "pair":
        end = day + timedelta(days=1)
        words = f"les {day.day} et {day_month(end)}" if day.month == end.month else \
            f"les {day_month(day)} et {day_month(end)}"
        return When(words, words + upcoming, day, end)
    if shape == "two_days":
        end = day + timedelta(days=rng.randint(3, 7))
        words = f"les {day.day} et {day_month(end)}" if day.month == end.month else \
            f"les {day_month(day)} et {day_month(end)}"
        return When(words, words + upcoming, day, end, [day, end])
    end = edition.ends_on + timedelta(days=rng.randint(0, 6))
    return When(f"jusqu'au {day_month(end)}", f"jusqu'au {day_month(end)}", None, end)


def pick_format(b: DocBuilder, *, plural: bool = False) -> dict:
    """One event format (`{label, noun, gender, plural}`)."""
    formats = b.data.events["formats"]
    return b.rng.choice([f for f in formats if f.get("plural")] if plural else formats)


def indefinite(fmt: dict) -> str:
    """`un atelier`, `une conférence`."""
    return ("une " if fmt["gender"] == "f" else "un ") + fmt["noun"]


def demonstrative(fmt: dict) -> str:
    """`Ce webinaire`, `Cet atelier`, `Cette conférence`."""
    if fmt["gender"] == "f":
        return "Cette " + fmt["noun"]
    return ("Cet " if elides(fmt["noun"]) else "Ce ") + fmt["noun"]


def where(b: DocBuilder, org: Org, region: Region | None) -> str:
    """Where a brand-named lab is (` à Brest`, ` en Bretagne`): its name does not say."""
    if org.kind != "lab" or region is None:
        return ""
    return " " + (org.place_in if org.place_in and b.rng.random() < 0.5 else region.in_)


def listed_title(b: DocBuilder, fmt: dict) -> str:
    """A listed event's own title: `Cap sur la donnée locale`, `Webinaire : Innover avec …`."""
    subject = b.pick(b.data.events["title_subjects"])
    pattern = b.pick(b.data.events["title_patterns"])
    title = pattern.format(subject=subject, Subject=capitalize(subject), de_subject=de(subject))
    return f"{capitalize(fmt['noun'])} : {title}" if b.rng.random() < 0.25 else title


def describe(b: DocBuilder, fmt: dict, org: Org | None) -> str:
    """The sentence under a listed event; it names the organizer when the line did not."""
    events = b.data.events
    purpose = b.pick(events["purposes"])
    values = {"format_ce": demonstrative(fmt), "format_ce_lower": demonstrative(fmt).lower(),
              "format_np": indefinite(fmt), "organise": "organisée" if fmt["gender"] == "f" else "organisé",
              "purpose": purpose, "de_purpose": de(purpose), "purpose_noun": b.pick(events["purpose_nouns"])}
    if org is None:
        return b.say(b.rng.choice(events["bullet_descriptions_known_org"]), **values)
    values |= {"org": lambda: b.org_phrase(org), "de_org": lambda: de(b.org_phrase(org))}
    return b.say(b.rng.choice(events["bullet_descriptions"]), **values)


def listed_event(b: DocBuilder, territorial: bool) -> str:
    """One line of a listing and its description: `- **Title – Organizer** - Du 17 au 30 novembre`."""
    rng, md = b.rng, b.style.markdown
    region = pick_region(b) if territorial else None
    org = pick_organizer(b, territorial, region)
    fmt = pick_format(b)
    when = pick_when(b)
    title = listed_title(b, fmt)
    # A brand-named lab's listing line must say its region: its name does not.
    prefix = f"{region.name} : " if region and (org.kind == "lab" or rng.random() < 0.6) else ""
    shape = rng.choice(("after_title", "in_description", "after_bold")) if not prefix else \
        rng.choice(("after_title", "in_description"))
    bold = (lambda s: f"**{s}**") if md else (lambda s: s)
    dated = f" - {when.listing}" if when.listing else ""
    if shape == "after_title":
        line = f"- {bold(f'{prefix}{title} – {b.org_label(org, bool(prefix))}')}{dated}"
        description = describe(b, fmt, None if rng.random() < 0.6 else org)
    elif shape == "after_bold":
        line = f"- {bold(f'{prefix}{title}')} {b.org_label(org, bool(prefix))}{dated}"
        description = describe(b, fmt, None)
    else:
        line = f"- {bold(f'{prefix}{title}')}{dated}"
        description = describe(b, fmt, org)
    if md and rng.random() < 0.6:
        description += " " + rng.choice(("[En savoir plus et s'inscrire](#)", "Infos pratiques [ici](#).",
                                         "[Programme et inscription](#)"))
    b.event(title, [org], fmt["label"], org.region, when.starts_on, when.ends_on, when.dates)
    joiner = "\n" if rng.random() < 0.5 else "\n\n"
    return line + joiner + description


def prose_event(b: DocBuilder, territorial: bool, *, guest: bool = False) -> str:
    """One sentence stating an event: `Le conseil départemental du Nord organise un atelier … le 29 novembre.`"""
    rng, templates = b.rng, b.data.phrases["prose_events"]
    tense = "past" if b.phase == "after" else "present"
    region = pick_region(b) if territorial else None
    org = pick_organizer(b, territorial, region)
    when = pick_when(b)
    topic = b.pick(b.data.events["topics"])
    organizers, event_region, place = [org], org.region, ""
    if when.prose:
        fmt = pick_format(b)
        title, phrase = f"{fmt['noun']} {topic}", f"{indefinite(fmt)} {topic}"
        if not territorial and rng.random() < 0.25:
            city_region = pick_region(b)
            city = rng.choice(city_region.cities)
            place, event_region = " " + city_forms(city)[1], city_region.name
            template = rng.choice(templates["located"][tense])
        elif territorial and rng.random() < 0.25:
            organizers.append(partner(b, org))
            template = rng.choice(templates["two"][tense])
        else:
            template = rng.choice(templates[tense])
    else:
        fmt = pick_format(b, plural=True)
        count = rng.choice(NUMBER_WORDS)
        title = f"série de {count} {fmt['plural']} {topic}"
        phrase = f"une série de {count} {fmt['plural']} {topic}"
        template = rng.choice(templates["series"][tense])
    if guest:
        expert = rng.choice(b.world.pools["expert"])
        phrase += f" avec {b.person(expert)},"
        phrase = phrase if when.prose else phrase.rstrip(",")
    if territorial:
        place = where(b, org, region)
    values = {"org": lambda: b.org_phrase(org), "where": place, "when": when.prose, "event": phrase}
    if len(organizers) > 1:
        values["org2"] = lambda: b.org_phrase(organizers[1])
    # A guest's apposition closes on a comma that the sentence's end makes redundant.
    sentence = b.say(template, **values).replace(",.", ".").replace(", .", ".").replace(",,", ",")
    b.event(title, organizers, fmt["label"], event_region, when.starts_on, when.ends_on, when.dates)
    if rng.random() < 0.5:
        events = b.data.events
        purpose = b.pick(events["purposes"])
        sentence += " " + b.say(rng.choice(events["follow_ups"]), purpose=purpose, de_purpose=de(purpose),
                                purpose_noun=b.pick(events["purpose_nouns"]))
    return sentence


def vague_events(b: DocBuilder) -> str:
    """Examples cited in passing, with no organizer or date: optional in the key."""
    first, second = b.rng.sample(b.data.events["vague_activities"], 2)
    for activity in (first, second):
        b.event(strip_indefinite(activity["text"]), [], activity["label"], None, optional=True)
    return b.say(b.data.phrases["vague_events"], a=first["text"], b=second["text"])


def strip_indefinite(phrase: str) -> str:
    """`un escape game sur …` → `escape game sur …`; `la visite …` → `visite …`."""
    for article in ("un ", "une "):
        if phrase.startswith(article):
            return phrase[len(article):]
    return strip_article(phrase)
