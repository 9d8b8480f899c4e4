"""Parts that communiqués and articles share: lead, context, counts, quotations, event paragraphs."""

from __future__ import annotations

from collections.abc import Callable

from innovpub.synth.builder import DocBuilder
from innovpub.synth.events import demonstrative, pick_region, prose_event
from innovpub.synth.french import capitalize
from innovpub.synth.quotes import back_reference_quote, person_quote, quote_text

# Caps on what growth adds; past them a long document goes on listing events.
MAX_EVENTS = 16
MAX_CONTEXT = 5
MAX_QUOTES = 4


class Page:
    """Sections of a document in reading order, and the word count so far."""

    def __init__(self, names: list[str]) -> None:
        self.sections: dict[str, list[str]] = {name: [] for name in names}
        self.words = 0

    def add(self, section: str, *blocks: str) -> None:
        """Append non-empty `blocks` (paragraphs) to `section`."""
        for block in blocks:
            if block:
                self.sections[section].append(block)
                self.words += len(block.split())

    def size(self, section: str) -> int:
        """Paragraphs in `section` so far."""
        return len(self.sections[section])

    def text(self) -> str:
        """The document, paragraphs separated by a blank line."""
        return "\n\n".join(block for blocks in self.sections.values() for block in blocks)


def headline(b: DocBuilder, kind: str) -> str:
    """The title of a communiqué or an article, with the facts it states."""
    templates = b.data.phrases["titles"][kind][b.phase]
    if not b.style.span_stated:
        templates = [t for t in templates if "{span}" not in t] or templates
    return b.say(b.rng.choice(templates))


def lead(b: DocBuilder) -> str:
    """Who pilots the month, when, how many events, under which theme."""
    phrases, rng = b.data.phrases, b.rng
    sentences = [b.say(rng.choice(phrases["lead_pilot"][b.phase]))]
    rest = []
    if rng.random() < 0.35:
        rest.append(b.say(rng.choice(phrases["lead_number"][b.phase])))
    elif rng.random() < 0.9:
        rest.append(b.say(rng.choice(phrases["lead_count"][b.phase])))
    if rng.random() < 0.75:
        rest.append(b.say(rng.choice(phrases["theme"][b.phase])))
    if b.phase == "before" and rng.random() < 0.4:
        rest.append(b.say(rng.choice(phrases["scoped_counts"]["early"]["templates"])))
    rng.shuffle(rest)
    return " ".join(sentences + rest)


def context(b: DocBuilder) -> str:
    """Two or three sentences about public innovation; their numbers count no events."""
    phrases = b.data.phrases
    pool = phrases["context"] + (phrases["context_established"] if b.edition.number >= 3 else [])
    sentences = [b.say(b.pick(pool)) for _ in range(b.rng.randint(2, 3))]
    if b.rng.random() < 0.1:
        sentences.append(b.say(b.pick(phrases["number_only"])))
    return " ".join(sentences)


def counts(b: DocBuilder) -> str:
    """Counts of part of the events, or of the previous edition."""
    phrases, rng, year = b.data.phrases, b.rng, b.edition.year
    options: list[Callable[[], str]] = [
        lambda: b.say(rng.choice(phrases["scoped_counts"]["labs"]["templates"]), count=b.scoped_count("labs")),
        lambda: b.say(rng.choice(phrases["scoped_counts"]["online"]["templates"]), count=b.scoped_count("online")),
    ]
    if b.phase != "after":
        region = pick_region(b)
        options.append(lambda: b.say(rng.choice(phrases["region_counts"]), in_region=capitalize(region.in_),
                                     count=lambda: small_count(b, region.name)))
    else:
        options.append(lambda: bilan_topics(b))
    previous = b.world.editions.get(year - 1)
    if previous:
        def previous_count() -> str:
            b.edition_entry(previous.year)
            count = b.count(previous.year, previous.total, rng.choice(("plus de", "près de")), None)
            return b.say(rng.choice(phrases["previous_edition"]), count=count)
        options.append(previous_count)
    chosen = rng.sample(options, rng.randint(1, 2))
    return " ".join(option() for option in chosen)


def small_count(b: DocBuilder, scope: str) -> str:
    """A count of a few dozen events: round when approximate (`plus de 40`), exact otherwise."""
    qualifier = b.rng.choice(("près de", "plus de", None))
    value = b.rng.randint(2, 12) * 5 if qualifier else b.rng.randint(8, 60)
    return b.count(b.edition.year, value, qualifier, scope)


def bilan_topics(b: DocBuilder) -> str:
    """After the month: how many events each subject drew."""
    rng, phrases = b.rng, b.data.phrases
    topics = rng.sample(phrases["bilan_topics"], 3)
    sentences = []
    for index, topic in enumerate(topics):
        if index == 0 and rng.random() < 0.5:
            count = b.count(b.edition.year, 100, "une centaine", topic["scope"])
        else:
            count = small_count(b, topic["scope"])
        template = phrases["bilan_topic_templates"][0 if index == 0 else rng.randint(1, 2)]
        sentences.append(b.say(template, noun=topic["noun"], count=count))
    return " ".join(sentences)


def national_quote(b: DocBuilder, *, article: bool) -> list[str]:
    """A quotation of the minister, the delegate or a member of the pilot team."""
    rng, edition = b.rng, b.edition
    speaker, bank = rng.choice(((edition.minister, "national"), (edition.delegate, "delegate"),
                                (rng.choice(edition.staff), "national")))
    text = quote_text(b, bank, rng.randint(1, 3))
    # A quotation may come back to the theme once the text has stated it.
    if b.editions[edition.year]["themes"] and rng.random() < 0.3:
        text += " " + quote_text(b, "theme", 1)
    blocks = person_quote(b, speaker, text, article=article, caps=rng.random() < 0.3)
    if article and speaker.kind in ("minister", "delegate") and rng.random() < 0.3:
        blocks.append(back_reference_quote(b, speaker, quote_text(b, bank, 1)))
    return blocks


def local_quote(b: DocBuilder) -> list[str]:
    """An organizer or an expert speaks of their event."""
    rng = b.rng
    member = b.world.members.get(b.last_organizers[0].key) if b.last_organizers else None
    if member is not None:
        formats = [f for f in b.data.events["formats"] if f["label"] == b.events[-1]["format"]]
        fmt = formats[0] if formats else {"noun": "événement", "gender": "m"}
        feminine = fmt["gender"] == "f"
        values = {"ce_format": demonstrative(fmt).lower(),
                  "un_tel_format": ("une telle " if feminine else "un tel ") + fmt["noun"],
                  "purpose": rng.choice(b.data.events["purposes"])}
        text = quote_text(b, "local", rng.randint(1, 2), **values)
        return person_quote(b, member, text, article=True)
    expert = rng.choice(b.world.pools["expert"])
    return person_quote(b, expert, quote_text(b, "expert", rng.randint(1, 2)), article=True)


def prose_events(b: DocBuilder, territorial: bool) -> str:
    """A paragraph that opens on a transition and states one to three events."""
    intros = b.data.phrases["prose_event_intros"]["territorial" if territorial else "national"]
    sentences = [b.pick(intros)] if b.rng.random() < 0.6 else []
    for _ in range(b.rng.randint(1, 3)):
        sentences.append(prose_event(b, territorial, guest=b.rng.random() < 0.1))
    return " ".join(sentences)


def grow(page: Page, b: DocBuilder, target: int, growers: dict[str, Callable[[], None]],
          limits: dict[str, Callable[[], bool]]) -> None:
    """Add sections' content in random turns until the document reaches `target` words."""
    while page.words < target:
        # Past every limit, a long document goes on listing events, as long programmes do.
        names = [name for name in growers if not limits[name]()] or ["national", "territorial"]
        # Events carry most of the facts a key checks; quotes and context come less often.
        weights = [3 if name in ("national", "territorial") else 1 for name in names]
        growers[b.rng.choices(names, weights=weights)[0]]()
