"""Organizers and places: who a phrase names (`organisé par la CAF de la Gironde`) and where."""

from __future__ import annotations

import re

from extractors.events.lexicon import _department_regions, _folded_roles, _organization_heads, _places
from extractors.events.reading import (_ACRONYM, _ACRONYM_IN_BRACKETS, _CLAUSE_END, _Doc, _ENCLOSED, _SEPARATOR,
    MAX_WORDS_BEFORE_QUOTED_NAME, _NAME_POS_STOPS, _Named, _Subject)
from extractors.known import known_organizations
from extractors.lexicons import Lexicons, fold
from extractors.textutils import strip_span

# A postcode before a town's name: `75015 Paris`, `69007 Lyon`.
_POSTCODE = re.compile(r"(?<![\w.,/-])(\d{5})(?=[ \t]+[A-ZÀ-Ý])")


def _is_organization(doc: _Doc, start: int, end: int) -> bool:
    """Whether a phrase names an organization: found by the organization extractor, known, an
    acronym, or headed by an organization word (`Conseil régional …`, `Lab Breizh`)."""
    if any(o.start < end and start < o.end for o in doc.organizations):
        return True
    name = " ".join(doc.text[start:end].split())
    index = known_organizations(doc.lexicons)
    if name in index or fold(name) in index or _ACRONYM.fullmatch(name):
        return True
    head = _organization_heads(doc.lexicons).search(doc.folded, start, end)
    return bool(head) and (head.start() == start or name[:1].isupper())


def _is_place(doc: _Doc, start: int, end: int) -> bool:
    """Whether a name of the place lexicon is a place here: written with a capital (not `au centre`),
    and after an article when it is also an event word (`Réunion de clôture` is a meeting)."""
    written = doc.text[start:end]
    if not any(c.isupper() for c in written):
        return False
    if fold(written) not in doc.lexicons.format_forms:
        return True
    return bool(doc.words["determiners"].fullmatch(doc.word_before(start)))


def _place_spans(doc: _Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The places named in `[start, end)`, the longest first where names overlap: `région
    Centre-Val de Loire` is one region, not `Région Centre` then the department of the Loire."""
    pattern, _ = _places(doc.lexicons)
    found = sorted(((m.start(), m.start() + len(m.group(1))) for m in pattern.finditer(doc.folded, start, end)
                    if m.start() + len(m.group(1)) <= end and _is_place(doc, m.start(), m.start() + len(m.group(1)))),
                   key=lambda span: span[0] - span[1])
    kept: list[tuple[int, int]] = []
    for a, b in found:
        if all(b <= c or d <= a for c, d in kept):
            kept.append((a, b))
    return kept


def _postcode_regions(doc: _Doc, start: int, end: int) -> set[str]:
    """The regions of the postcodes in `[start, end)`: `75015 Paris` is in Paris, `97110 Pointe-à-Pitre` in
    Guadeloupe (overseas codes have three digits, Corsica's postcodes open on 20)."""
    by_code = _department_regions(doc.lexicons)
    found = set()
    for match in _POSTCODE.finditer(doc.text, start, end):
        digits = match.group(1)
        code = digits[:3] if digits.startswith("97") else "2A" if digits.startswith("20") else digits[:2]
        if code in by_code:
            found.add(by_code[code])
    return found


def _region(doc: _Doc, spans: list[tuple[int, int]]) -> str | None:
    """The one region that the places and postcodes in `spans` lie in (None when none or several)."""
    _, regions = _places(doc.lexicons)
    found = {regions[fold(doc.folded[a:b])] for start, end in spans for a, b in _place_spans(doc, start, end)}
    found |= {region for start, end in spans for region in _postcode_regions(doc, start, end)}
    return found.pop() if len(found) == 1 else None


def _place_at(doc: _Doc, pos: int, end: int) -> int | None:
    """The end of the place named from `pos` (names are tried longest first), if one is."""
    pattern, _ = _places(doc.lexicons)
    match = pattern.match(doc.folded, pos, end)
    place_end = match and match.start() + len(match.group(1))
    return place_end if place_end and place_end <= end and _is_place(doc, pos, place_end) else None


def _strip_words_end(doc: _Doc, start: int, end: int, key: str) -> int:
    """`end` moved back over trailing words of the list `key` (`qui`, `a` in `la DITP qui a`)."""
    while True:
        end = strip_span(doc.text, start, end)[1]
        last = None
        for last in doc.words[key].finditer(doc.masked, start, end):
            pass
        if last is None or last.end() != end or last.start() == start:
            return end
        end = last.start()


def _skip_words(doc: _Doc, pos: int, limit: int, *keys: str) -> int:
    """`pos` moved past white space, commas and leading words of the lists `keys`."""
    while True:
        pos = strip_span(doc.text, pos, limit, " \t\n,")[0]
        found = next((m for key in keys if (m := doc.words[key].match(doc.masked, pos, limit))), None)
        if found is None:
            return pos
        pos = found.end()


def _noun_phrase_start(doc: _Doc, start: int, end: int) -> int:
    """The last determiner of `[start, end)` that opens a noun phrase (not one after `de`)."""
    found = start
    for article in doc.words["determiners"].finditer(doc.masked, start, end):
        before = re.search(r"([\w']+)\s*$", doc.masked[start:article.start()])
        if before is None or not doc.words["prepositions"].fullmatch(before.group(1)):
            found = article.start()
    return found


def _place_after(doc: _Doc, pos: int, limit: int, key: str) -> int:
    """`pos` moved past a place tied to the name before it by a word of `key`
    (`la CAF| de la Gironde`, `le Lab Tilt| dans le Grand Est`); `pos` when none follows."""
    start = doc.skip_space(pos, limit)
    tie = doc.words[key].match(doc.masked, start, limit)
    place = tie and (_place_at(doc, start, limit) or _place_at(doc, doc.skip_space(tie.end(), limit), limit))
    return place or pos


def _mention_within(doc: _Doc, start: int, name_start: int, end: int) -> str | None:
    """The name the organization extractor found in `[start, end)` with only lower-case words
    between `name_start` and it: `lab Cassiopée` names Cassiopée, `Lab Breizh` is not named by `Lab`."""
    for mention in doc.organizations:
        if start <= mention.start and mention.end <= end and not any(
                word[:1].isupper() for word in doc.text[name_start:mention.start].split()):
            return mention.name
    return None


def _is_proper_name(doc: _Doc, start: int, end: int) -> bool:
    """A capitalised name that is no person, role, place or the programme itself: where the text
    puts an organizer (`La Trame à Besançon organise …`, `… – L'Escale innovation`), a body's own name."""
    name = " ".join(doc.text[start:end].split())
    folded = fold(name)
    if not name[:1].isupper() or folded.split()[0] in doc.lexicons.first_names:
        return False
    if any(folded.startswith(p) for p in doc.lexicons.editions["programme_names"]):
        return False
    if folded.startswith(_folded_roles(doc.lexicons)):
        return False
    place_end = _place_at(doc, start, end)
    return not (place_end and place_end >= end)


def _opens_sentence(doc: _Doc, pos: int) -> bool:
    """Whether `pos` starts a sentence or a line (after a full stop, a colon or a line break)."""
    while pos > 0 and doc.text[pos - 1] in " \t":
        pos -= 1
    return pos == 0 or doc.text[pos - 1] in ".!?:\n…"


def _named(doc: _Doc, start: int, end: int, proper: bool = True) -> _Named | None:
    """The organizer a phrase names, without article, brackets or a place after it; None if it
    is no organization (nor, with `proper`, a proper name). `l'association "X"` names X;
    `le Lab Breizh en Bretagne` names Lab Breizh. The span keeps the place, which tells the region."""
    start, end = strip_span(doc.text, start, end, " \t\n,;:-–—.")
    if start >= end or doc.words["demonstratives"].match(doc.masked, start, end):
        return None  # `ce webinaire` refers back to an event, it does not name an organizer
    article = doc.words["determiners"].match(doc.masked, start, end)
    after_article = doc.skip_space(article.end(), end) if article else start
    # A capital article inside a sentence belongs to the name: `organisé par La Fabrique …`.
    name_start = start if doc.text[start].isupper() and not _opens_sentence(doc, start) else after_article
    quoted = _ENCLOSED.search(doc.text, after_article, end)
    if quoted and quoted.group()[0] != "(" and len(doc.text[after_article:quoted.start()].split()) <= (
            MAX_WORDS_BEFORE_QUOTED_NAME):
        if not _is_organization(doc, after_article, quoted.end()):
            return None
        inner_start, inner_end = strip_span(doc.text, quoted.start() + 1, quoted.end() - 1, " ")
        return _Named(doc.text[inner_start:inner_end], start, end) if inner_start < inner_end else None
    name_end = end
    for place in doc.words["place_prepositions"].finditer(doc.masked, name_start, end):
        if place.start() > name_start and _place_after(doc, place.start(), end, "place_prepositions") >= end:
            name_end = place.start()
            break
    name_start, name_end = strip_span(doc.text, name_start, name_end, " \t\n,;:-–—.")
    if name_start >= name_end:
        return None
    if mentioned := _mention_within(doc, start, after_article, name_end):
        return _Named(mentioned, start, end)
    if not (_is_organization(doc, name_start, name_end) or proper and _is_proper_name(doc, name_start, name_end)):
        return None
    name = " ".join(_ACRONYM_IN_BRACKETS.sub("", doc.text[name_start:name_end]).split())
    return _Named(name, start, end) if name else None


def _subject(doc: _Doc, lower: int, verb: int) -> _Subject | None:
    """The organizers named before a verb: the clause before it, split at `et le/la/l'`."""
    start = lower
    for end_mark in _CLAUSE_END.finditer(doc.masked, lower, verb):
        start = end_mark.end()
    for opener in doc.words["subject_openers"].finditer(doc.masked, lower, verb):
        start = max(start, opener.end())
    start = _skip_words(doc, start, verb, "subject_connectors")
    # A name with commas in it: `la direction départementale de l'emploi, du travail et des solidarités`.
    start = min([start] + [m.start for m in doc.organizations if lower <= m.start < start < m.end <= verb])
    end = _strip_words_end(doc, start, verb, "subject_closers")
    if end <= start:
        return None
    organizers, piece_start = [], start
    for conjunction in [*doc.conjunction.finditer(doc.masked, start, end), None]:
        piece_end = conjunction.start() if conjunction else end
        if named := _named(doc, _noun_phrase_start(doc, piece_start, piece_end), piece_end):
            organizers.append(named)
        piece_start = conjunction.end() if conjunction else end
    return _Subject(organizers[0].start if organizers else start, organizers)


def _first_stop(doc: _Doc, start: int, limit: int) -> int:
    """The first clause end or title stop in `[start, limit)`, else `limit`."""
    end = limit
    if stop := _CLAUSE_END.search(doc.masked, start, end):
        end = stop.start()
    # The earliest stop of any rule: `… ainsi que` stops at `ainsi`, not at the relative `que`.
    stops = [stop.start() for rule in doc.lex.title_stops if (stop := rule.pattern.search(doc.masked, start, end))]
    return min([end, *stops])


def _name_end(doc: _Doc, start: int, limit: int) -> int:
    """Where an organizer named from `start` ends: at a clause end, a stop or a date."""
    end = _first_stop(doc, start, limit)
    return min([end] + [doc.date_start(d) for d in doc.dates if start < d.start < end])


def _before_verb(doc: _Doc, start: int, end: int) -> int:
    """`end` moved back to a lower-case verb after `start` (`la Douane pour| présenter`)
    and over the prepositions before it; capitalised words are names whatever the tagger says."""
    span = doc.ctx.doc.char_span(start, end, alignment_mode="expand") if start < end else None
    verb = next((t.idx for t in span or () if start < t.idx < end and t.pos_ in _NAME_POS_STOPS
                 and t.text.islower()), end)
    return _strip_words_end(doc, start, verb, "prepositions")


def _organizer_after(doc: _Doc, pos: int, limit: int) -> _Named | None:
    """The organizer named right after a cue (`organisé par la CAF de la Gironde, …`)."""
    pos = doc.skip_space(pos, limit)
    name_start = pos
    if article := doc.words["determiners"].match(doc.masked, pos, limit):
        name_start = doc.skip_space(article.end(), limit)
    mention = next((o for o in doc.organizations if pos <= o.start <= name_start), None)
    end = _name_end(doc, name_start, limit)
    if mention and mention.end <= end:
        end = _place_after(doc, mention.end, limit, "place_complements")
        end = _place_after(doc, end, limit, "place_prepositions")
    else:
        end = _before_verb(doc, name_start, end)
    return _named(doc, pos, end)


def _verbs(doc: _Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """Event verbs in `[start, end)` outside quotes, as (start, end, rule id); `co-organise` once."""
    verbs = [(m.start(), m.end(), rule.id) for rule in doc.lex.verbs
             for m in rule.pattern.finditer(doc.masked, start, end)]
    return [v for v in sorted(verbs) if not any(o[0] < v[0] < o[1] for o in verbs)]


def _same_body(a: str, b: str, lexicons: Lexicons) -> bool:
    """Whether two organizer names name one body: `DITP` and `Direction interministérielle de la
    transformation publique`, or one name's words within the other's (`mission … du ministère de la Culture`)."""
    index = known_organizations(lexicons)
    known_a, known_b = (index.get(n) or index.get(fold(n)) for n in (a, b))
    words_a, words_b = set(fold(a).split()), set(fold(b).split())
    return bool(known_a and known_a == known_b) or words_a <= words_b or words_b <= words_a


def _merge(organizers: list[_Named], more: list[_Named], lexicons: Lexicons) -> list[_Named]:
    """`organizers` and those of `more` that name some other body."""
    merged = list(organizers)
    for candidate in more:
        if not any(_same_body(candidate.name, o.name, lexicons) for o in merged):
            merged.append(candidate)
    return merged


def _organizers_in(doc: _Doc, start: int, end: int) -> list[_Named]:
    """Organizers a description names: subjects of event verbs, organizers after cues."""
    found: list[_Named] = []
    for sentence in doc.sentences:
        low, high = max(sentence.start, start), min(sentence.end, end)
        if low >= high:
            continue
        lower = low
        for verb_start, verb_end, _ in _verbs(doc, low, high):
            if subject := _subject(doc, lower, verb_start):
                found += subject.organizers
            lower = verb_end
        for rule in (*doc.lex.organizer_cues, *doc.lex.partner_cues):
            for cue in rule.pattern.finditer(doc.masked, low, high):
                if organizer := _organizer_after(doc, cue.end(), high):
                    found.append(organizer)
    return _merge([], found, doc.lexicons)


def _organizer_after_separator(doc: _Doc, start: int, end: int) -> tuple[int, list[_Named]]:
    """A title's end and the organization named after its last dash: `Atelier « Formulaires » – Lab Ouest`
    ends before the dash, Lab Ouest organizes; `Atelier – Entrée libre` names nobody."""
    separators = list(_SEPARATOR.finditer(doc.text, start, end))
    named = separators and _named(doc, separators[-1].end(), end, proper=False)
    return (separators[-1].start(), [named]) if named else (end, [])
