"""Quotations in every attribution shape French press texts use."""

from __future__ import annotations

from innovpub.synth.builder import DocBuilder
from innovpub.synth.french import capitalize
from innovpub.synth.world import Person

# Shapes and how often each document kind uses them.
COMMUNIQUE_SHAPES = {"colon": 4, "after": 3, "caps_after": 2, "pull": 1}
ARTICLE_SHAPES = {"after": 3, "after_past": 4, "selon": 2, "pull": 2, "colon": 1}
BACK_REFERENCE_VERBS = ("a fait remarquer", "a ajouté", "a poursuivi", "ajoute")


def quote_text(b: DocBuilder, bank: str, sentences: int, **values: object) -> str:
    """One to three sentences from the speaker's bank, none used twice in the document."""
    banks = b.data.phrases["quotes"]
    chosen = []
    for _ in range(sentences):
        # A spent bank borrows from the general ones, so that no quotation repeats another.
        options = [s for s in banks[bank] if s not in b.used] or \
            [s for other in ("national", "expert") for s in banks[other] if s not in b.used] or banks[bank]
        chosen.append(b.say(b.pick(options), **values))
    return " ".join(chosen)


def _shape(b: DocBuilder, article: bool) -> str:
    shapes = ARTICLE_SHAPES if article else COMMUNIQUE_SHAPES
    return b.rng.choices(list(shapes), weights=list(shapes.values()))[0]


def person_quote(b: DocBuilder, person: Person, text: str, *, article: bool, caps: bool = False) -> list[str]:
    """The blocks of one quotation attributed to `person` (a pull quote takes two)."""
    rng = b.rng
    shape = _shape(b, article)
    verbs = b.data.phrases["verbs_after"]
    bare = text.rstrip(".")
    if shape == "pull":
        name = b.person(person, role=False, caps=caps)
        role = b.role_of(person) if not b.introduced(person) else b.people[person.key].role
        b.set_role(person, role)
        b.quote(bare, person)
        return [bare, f"{name}, {capitalize(role)}"]
    intro = b.person(person, role=not b.introduced(person), caps=caps)
    if shape == "colon":
        inner = f"*{text}*" if b.style.markdown and rng.random() < 0.5 else text
        block, recorded = f"{intro} : « {inner} »", text
    elif shape == "after":
        block, recorded = f"« {bare} », {rng.choice(verbs['present'])} {intro}.", bare
    elif shape == "caps_after":
        block, recorded = f"« {text} » {rng.choice(verbs['present'])} {intro}.", text
    elif shape == "after_past":
        block, recorded = f"\"{bare}\", {rng.choice(verbs['past'])} {intro}.", bare
    else:
        block, recorded = f"Selon {intro}, « {bare} ».", bare
    b.quote(recorded, person)
    return [block]


def back_reference_quote(b: DocBuilder, person: Person, text: str) -> str:
    """`"…", a fait remarquer le délégué interministériel`: the role noun names the speaker."""
    noun = b.data.roles["back_reference"][person.kind][person.gender]
    bare = text.rstrip(".")
    b.quote(bare, person)
    return f"\"{bare}\", {b.rng.choice(BACK_REFERENCE_VERBS)} {noun}."


def organization_quote(b: DocBuilder) -> str:
    """The pilot body's own words: `"L'objectif : …", précise le communiqué de la DITP.`"""
    ditp = b.world.orgs["ditp"]
    words = b.pick(b.data.phrases["quotes"]["organization"])
    recorded, template = b.rng.choice((
        (f"L'objectif : {words}", "\"{recorded}\", précise le communiqué {de_ditp}."),
        (words, "Le {mois} entend « {recorded} », indique {ditp}."),
        (words, "Selon {ditp}, il s'agit de « {recorded} »."),
    ))
    b.quote(recorded, ditp)
    return b.say(template, recorded=recorded)


def unattributed_quote(b: DocBuilder) -> str:
    """A quotation standing alone: the text names no speaker."""
    text = quote_text(b, "national", 1)
    b.quote(text.rstrip("."), None)
    return f"« {text.rstrip('.')} »"
