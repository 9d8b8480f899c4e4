"""Events in prose, where an organizer's verb names an event (`le Lab Tilt … organise les ateliers de
la donnée le 14 novembre 2024`), a participle names the organizer of an event (`un parcours …,
organisé par La Trame …`) or a noun does (`l'organisation par l'INSP d'une table ronde …`).
These need an event format (`webinaire`, `atelier` …) at the head of the title and an organizer
that is an organization. Without one, a single format (`à l'issue d'une table ronde`) or an event's
name (`le Forum des communs`) is an event when its sentence names its day.
"""

from __future__ import annotations

import re

from extractors.events.lexicon import _formats
from extractors.events.naming import (_is_proper_name, _merge, _named, _organizer_after, _place_at, _region,
    _same_body, _strip_words_end, _subject, _verbs)
from extractors.events.reading import _CLAUSE_END, _Doc, _Draft, _is_period, LATER_DATE_PARAGRAPHS, _QUOTES, _Title
from extractors.events.titles import _days_in, _head_format, _title_after, _title_end, _without_dates
from extractors.lexicons import fold
from extractors.sentences import Sentence
from extractors.textutils import Line, strip_span
from schemas.extraction import DateValue

# A day or a few listed days: a range (`du 2 au 30 novembre`) is a period, most often the edition's.
SINGLE_DAY_KINDS = frozenset({"day", "days"})
# Where a subject ends and its predicate begins: `Un atelier d'écriture| nous réunira …`.
_PREDICATE_POS = frozenset({"VERB", "AUX"})
# Pronouns are short words (`nous`, `se`, `qui`, `elles`); the tagger may call a noun a pronoun
# (`la réunion de lancement`).
MAX_PRONOUN_LENGTH = 5
# What is left of a quoted clause once quotes are blanked: its marks and spaces.
_QUOTE_MARKS = " \t\n«»“”\"()[],;:.!?"
_OPENING_QUOTES = ("«", "“", '"')
# After a noun standing for an event, what opens an apposition: a few lower-case words, then a comma
# (`un événement inédit, …`, `l'événement phare de la semaine, …`).
_APPOSITION = re.compile(r"(?:[ \t]+[a-zà-ÿ'’-]+){0,4}[ \t]*,[ \t]*")
# An event's name: capitalised words, small words between them, a year after them (`Nuit du Code`,
# `Forum des Solutions 2019`); never `du 3 mars`.
_NAME = re.compile(r"(?:[ld]['’])?[A-ZÀ-Ý][\w'’-]*(?:(?:[ \t]+(?:de|des|du|la|le|les|en|et|à|au|aux|pour|sur))+"
                   r"[ \t]+(?:[ld]['’])?[A-ZÀ-Ý][\w'’-]*|[ \t]+[A-ZÀ-Ý0-9][\w'’-]*)*")
# The cues of events.yaml (`date_cues`) that say an event takes place, the verb going with its noun:
# `aura lieu`, `se tiendra`, `est prévue` (not `Rendez-vous`, which opens a sentence of its own).
_OCCURRENCE_CUES = frozenset({"aura_lieu", "se_tiendra", "prevu"})
# How far before an article such a verb may end: `se dérouleront` and a space.
_OCCURRENCE_REACH = 30
_RELATIVE = re.compile(r"qui\s+")
# A heading that names an event is a short line (`Hackathon « Données ouvertes » les 24 et 25 mars à Nantes`)
# ending on no mark of a sentence; the prose telling that event again follows within a few paragraphs.
MAX_HEADING_WORDS = 16
_SENTENCE_MARKS = ".!?:;,…"
HEADING_REACH = 3
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# What joins a verb's further object to the one before: `un atelier le 3 mars| et une conférence`; a date
# may come between.
_NEXT_OBJECT = re.compile(r"[^,;:.]{0,40}?\s(?:et|puis)\s+((?:un|une)\s)")
# An event's name is a few words: `Forum des solutions locales pour l'emploi`.
MAX_NAME_WORDS = 8
# The rule ids of prose events (`event.prose.organise`, `event.passive.organise_par` …).
_PROSE_RULES = ("event.prose.", "event.passive.", "event.nominal.")


def _verb_drafts(doc: _Doc, sentence: Sentence) -> list[_Draft]:
    """`X organise un webinaire le 25 novembre`: one event per verb whose subject is an organizer."""
    verbs = _verbs(doc, sentence.start, sentence.end)
    subjects, lower = [], sentence.start
    for start, end, _ in verbs:
        subjects.append(_subject(doc, lower, start))
        lower = end
    drafts = []
    for index, (_, verb_end, rule_id) in enumerate(verbs):
        subject = subjects[index]
        if subject is None or not subject.organizers:
            continue
        limit = next((s.start for s in subjects[index + 1:] if s and s.organizers), sentence.end)
        title = _title_after(doc, verb_end, limit)
        if title is None:
            continue
        end = _strip_words_end(doc, subject.start, limit, "organizer_conjunctions")
        # The first event also takes a date the sentence opens on: `Le 3 novembre, la DITP organise …`.
        dates_from = subject.start if drafts else sentence.start
        days = _days_in(doc, dates_from, end)
        titles = [(verb_end, title)] + _more_objects(doc, title, limit)
        for number, (title_start, object_title) in enumerate(titles):
            # `organise un atelier le 3 mars et une conférence le 5 mars`: one day each, in order.
            own = [days[number]] if len(days) == len(titles) > 1 else days if len(titles) == 1 else [
                d for d in days if object_title.start <= d.start < (
                    titles[number + 1][1].start if number + 1 < len(titles) else end)]
            drafts.append(_Draft(f"event.prose.{rule_id}", subject.start, end, object_title.text,
                                 (title_start, object_title.end), subject.organizers, own, object_title.format))
    return drafts


def _more_objects(doc: _Doc, title: _Title, limit: int) -> list[tuple[int, _Title]]:
    """The further events a verb's object lists after its first: `un atelier … et une conférence …`."""
    found: list[tuple[int, _Title]] = []
    while (joint := _NEXT_OBJECT.match(doc.masked, title.end, limit)) and (
            following := _title_after(doc, joint.start(1), limit)):
        found.append((joint.start(1), following))
        title = following
    return found


def _format_phrase_before(doc: _Doc, sentence: Sentence, cue: int) -> tuple[int, int, str] | None:
    """The event a participle follows: the nearest format after an article (`le serious game « … »
    imaginé par`), else the event the sentence opens on (`Un parcours « … » en cinq étapes, organisé par`)."""
    ends = [sentence.start] + [m.end() for m in _CLAUSE_END.finditer(doc.masked, sentence.start, cue)]
    segment = ends.pop()
    # `une journée d'étude sur le thème : « … », organisée par`: a clause that only quotes a
    # theme belongs to the event before it; so does a participle right after a comma
    # (`… à Lyon le Forum des usagers, organisé par`).
    while ends and not doc.masked[segment:cue].strip(_QUOTE_MARKS):
        segment = ends.pop()
    nearest = None
    for match in _formats(doc.lexicons).finditer(doc.folded, segment, cue):
        before = doc.masked[segment:match.start()].split()
        # `Ce webinaire, organisé par …` refers back to an event already told.
        if before and doc.words["demonstratives"].fullmatch(before[-1]):
            nearest = None
        elif not before or doc.words["determiners"].fullmatch(before[-1]) or (
                doc.words["indefinite_articles"].fullmatch(before[-1])):
            nearest = match
    if nearest:  # `une conférence … a été organisée par`: the auxiliary is no part of the title
        return nearest.start(), _strip_words_end(doc, nearest.start(), cue, "passive_auxiliaries"), nearest.group()
    opening = doc.words["indefinite_articles"].match(doc.masked, sentence.start, cue)
    head = opening and _formats(doc.lexicons).match(doc.folded, doc.skip_space(opening.end(), cue), cue)
    if head:
        return head.start(), _title_end(doc, head.start(), cue), head.group()
    return None


def _cue_drafts(doc: _Doc, sentence: Sentence, drafts: list[_Draft]) -> list[_Draft]:
    """`…, organisé par X`: a new event after its format, or one more organizer of an event."""
    found: list[_Draft] = []
    cues = sorted(((m, rule) for rule in (*doc.lex.organizer_cues, *doc.lex.partner_cues)
                   for m in rule.pattern.finditer(doc.masked, sentence.start, sentence.end)),
                  key=lambda pair: pair[0].start())
    for index, (cue, rule) in enumerate(cues):
        organizer = _organizer_after(doc, cue.end(), sentence.end)
        if organizer is None:
            continue
        owner = next((d for d in [*drafts, *found] if d.start <= cue.start() < d.end), None)
        if owner:
            owner.organizers = _merge(owner.organizers, [organizer], doc.lexicons)
            continue
        phrase = None if rule in doc.lex.partner_cues else _format_phrase_before(doc, sentence, cue.start())
        if phrase is None:
            continue
        start, end, form = phrase
        # Its dates lie before the next event of a list (`un hackathon organisé par X le 16 novembre,
        # un webinaire …`); the only event of a sentence takes any date of it.
        clause_end = _CLAUSE_END.search(doc.masked, organizer.end, sentence.end)
        next_cue = cues[index + 1][0].start() if index + 1 < len(cues) else sentence.end
        days = _days_in(doc, start, min(clause_end.start() if clause_end else sentence.end, next_cue))
        if not days and len(cues) == 1 and not drafts:
            days = _days_in(doc, sentence.start, sentence.end)
        evidence_end = max([organizer.end] + [d.end for d in days if d.start > start])
        found.append(_Draft(f"event.passive.{rule.id}", start, evidence_end, _without_dates(doc, start, end),
                            (start, end), [organizer], days, doc.lexicons.format_forms[form]))
    return found


def _nominal_drafts(doc: _Doc, sentence: Sentence) -> list[_Draft]:
    """`l'organisation par l'Institut national du service public d'une table ronde sur …`."""
    drafts = []
    for rule in doc.lex.nominal_cues:
        for cue in rule.pattern.finditer(doc.masked, sentence.start, sentence.end):
            link = doc.words["nominal_links"].search(doc.masked, cue.end(), sentence.end)
            organizer = link and _named(doc, cue.end(), link.start())
            title = organizer and _title_after(doc, link.end(), sentence.end)
            if title:
                end = strip_span(doc.text, cue.start(), sentence.end)[1]
                drafts.append(_Draft(f"event.nominal.{rule.id}", cue.start(), end, title.text,
                                     (link.end(), title.end), [organizer], _days_in(doc, title.start, end),
                                     title.format))
    return drafts


def _date_later(doc: _Doc, drafts: list[_Draft], following_starts: list[int]) -> None:
    """An undated event takes the date a later sentence announces (`Rendez-vous le 24 novembre`,
    `… auront lieu le 28 novembre`) before the next event and within the next paragraph; never a period
    (`Le Mois se tiendra du 2 au 30 novembre` dates the edition)."""
    paragraph = doc.paragraph_index

    for draft in drafts:
        if draft.dates:
            continue
        stop = min([s for s in following_starts if s > draft.start] + [len(doc.text)])
        last = paragraph(draft.start) + LATER_DATE_PARAGRAPHS
        for sentence in doc.sentences:
            if sentence.start < draft.end or sentence.start >= stop or paragraph(sentence.start) > last:
                continue
            cues = [(m.start(), m.end(), rule.id) for rule in doc.lex.date_cues
                    if (m := rule.pattern.search(doc.masked, sentence.start, sentence.end))]
            cue = min(cues, default=None)
            days = cue and [d for d in _days_in(doc, cue[1], sentence.end) if not _is_period(d)]
            if days:
                draft.dates, draft.rule = days, f"{draft.rule}+{cue[2]}"
                break


def _paragraph_after(doc: _Doc, offset: int) -> Line | None:
    """The first paragraph that starts at or after `offset`."""
    index = doc.paragraph_index(offset)
    following = doc.paragraphs[index:index + 2]
    return next((p for p in following if p.start >= offset), None)


def _without_descriptions(doc: _Doc, bullets: list[_Draft], blocks: list[tuple[int, int]],
                          prose: list[_Draft]) -> list[_Draft]:
    """Prose events less the undated ones that describe the listing right above them, by the same
    organizer (`- Title – DDETS - 4 novembre` then `La DDETS propose une conférence pour …`)."""
    kept = []
    for draft in prose:
        below = next((bullet for bullet, (_, block_end) in zip(bullets, blocks)
                      if (after := _paragraph_after(doc, block_end)) and after.start <= draft.start < after.end), None)
        if below and not draft.dates and any(_same_body(a.name, b.name, doc.lexicons)
                                             for a in draft.organizers for b in below.organizers):
            below.format = below.format or draft.format
            continue
        kept.append(draft)
    return kept


def _before_predicate(doc: _Doc, start: int, end: int) -> int:
    """`end` moved back to a pronoun or a finite verb after a subject: `un atelier d'écriture| nous réunira`."""
    span = doc.ctx.doc.char_span(start, end, alignment_mode="expand") if start < end else None
    stop = next((t.idx for t in span or () if start < t.idx < end and t.text.islower() and (
        t.pos_ == "PRON" and len(t.text) <= MAX_PRONOUN_LENGTH or t.pos_ in _PREDICATE_POS and "Ind" in t.morph.get(
            "Mood"))), end)
    return strip_span(doc.text, start, stop)[1]


def _opening_day_after(doc: _Doc, sentence: Sentence) -> list[DateValue]:
    """The day a later sentence of the same or the next paragraph opens on (`Le 16 mars, …`)."""
    last = doc.paragraph_index(sentence.start) + LATER_DATE_PARAGRAPHS
    for later in doc.sentences:
        if later.start < sentence.end:
            continue
        if doc.paragraph_index(later.start) > last:
            break
        day = doc.date_at(strip_span(doc.text, later.start, later.end)[0])
        if day and day.kind in SINGLE_DAY_KINDS:
            return [day]
    return []


def _paired_drafts(doc: _Doc, sentence: Sentence, days: list[DateValue]) -> list[_Draft]:
    """`un hackathon à Lyon le 20 mars, une conférence à Paris le 22 mars et un atelier le 23 mars`: as many
    formats after a singular indefinite article as days, in a sentence, are as many events, paired in order."""
    found = []
    for match in _formats(doc.lexicons).finditer(doc.folded, sentence.start, sentence.end):
        article = doc.word_before(match.start())
        if doc.masked[match.start()] == doc.folded[match.start()] and doc.words["singular_articles"].fullmatch(
                article) and not doc.words["passing_only"].fullmatch(match.group()) and not doc.words[
                "copulas"].fullmatch(doc.word_before(match.start() - len(article) - 1)):
            found.append(match)
    if len(found) != len(days):
        return []
    drafts = []
    for match, day in zip(found, days):
        end = _before_predicate(doc, match.start(), _title_end(doc, match.start(), sentence.end))
        title = _without_dates(doc, match.start(), end)
        if not title:
            return []
        low, high = min(match.start(), doc.date_start(day)), max(end, day.end)
        drafts.append(_Draft("event.prose.dated_formats", low, high, title, (match.start(), end), [], [day],
                             doc.lexicons.format_forms[match.group()], _region(doc, [(low, high)])))
    return drafts


def _told_before(doc: _Doc, start: int, label: str) -> bool:
    """Whether an event of format `label` is named before `start`: `… reçoit une matinée d'échanges …`
    then `La matinée se déroulera le 21 mars` tells the same event again."""
    forms = doc.lexicons.format_forms
    return any(forms[m.group()] == label for m in _formats(doc.lexicons).finditer(doc.folded, 0, start))


def _told_to_occur(doc: _Doc, start: int, label: str, article_start: int, limit: int) -> bool:
    """Whether a verb of taking place goes with the event of format `label` at `start`, first told there:
    right before its article (`se tiendra la journée …`) or after its title (`La conférence … aura lieu`)."""
    # A bare format (`La rencontre aura lieu …` under a page's heading) is one told before; a named one is new.
    end = _before_predicate(doc, start, _title_end(doc, start, limit))
    if fold(_without_dates(doc, start, end)) in doc.lexicons.format_forms or _told_before(doc, start, label):
        return False
    rules = [rule for rule in doc.lex.date_cues if rule.id in _OCCURRENCE_CUES]
    line_start = doc.text.rfind("\n", 0, article_start) + 1
    if any(cue.end() <= article_start and not doc.masked[cue.end():article_start].strip() for rule in rules
           for cue in rule.pattern.finditer(doc.masked, max(line_start, article_start - _OCCURRENCE_REACH),
                                            article_start)):
        return True
    after = doc.skip_space(end, limit)
    if relative := _RELATIVE.match(doc.masked, after, limit):
        after = relative.end()
    return any(rule.pattern.match(doc.masked, after, limit) for rule in rules)


def _dated_format_drafts(doc: _Doc, sentence: Sentence) -> list[_Draft]:
    """`Les prix seront remis ce jeudi 9 mars …, à l'issue d'une table ronde sur …`:
    one event format after a singular indefinite article (or an event's name, its format capitalised
    after `le`/`la`: `le Forum des labs`), in a sentence that names one day, is an event though no
    organizer is named; its place is the one the sentence names."""
    days = [d for d in _days_in(doc, sentence.start, sentence.end) if d.kind in SINGLE_DAY_KINDS]
    if len(days) > 1:
        return _paired_drafts(doc, sentence, days)
    if not days and not any(q in sentence.text for q in _OPENING_QUOTES):
        return []
    for match in _formats(doc.lexicons).finditer(doc.folded, sentence.start, sentence.end):
        inside_quotes = doc.masked[match.start()] != doc.folded[match.start()]
        article = doc.word_before(match.start())
        # `le Forum des communs`, `le webinaire « Les API »`; `à La Réunion le 14 novembre` names a place.
        quoted = doc.text[match.end():match.end() + 3].lstrip().startswith(_OPENING_QUOTES)
        named = (doc.text[match.start()].isupper() or quoted) and doc.words["definite_articles"].fullmatch(
            article) and not _place_at(doc, match.start(), sentence.end)
        # `se tiendra la journée régionale …`, `La conférence de clôture aura lieu le 30 mars`.
        definite = bool(days) and bool(doc.words["definite_articles"].fullmatch(article))
        occurring = definite and _told_to_occur(
            doc, match.start(), doc.lexicons.format_forms[match.group()], doc.masked.rindex(article, 0, match.start()),
            sentence.end)
        # `Inscrivez-vous au webinaire du 17 mars sur …`: a format followed by its own day, first told there.
        own_day = doc.date_at(doc.skip_space(match.end(), sentence.end))
        occurring = occurring or definite and bool(own_day) and own_day.kind in SINGLE_DAY_KINDS and not (
            doc.words["time_spans"].fullmatch(match.group()) or _told_before(
                doc, match.start(), doc.lexicons.format_forms[match.group()]))
        if inside_quotes or not (named or occurring or doc.words["singular_articles"].fullmatch(article)) or doc.words[
                "passing_only"].fullmatch(match.group()):
            continue
        if doc.words["copulas"].fullmatch(doc.word_before(match.start() - len(article) - 1)):
            continue  # `sera une journée riche en échanges` describes a day
        # `Retrouvez le replay du webinaire « … ».` then `Le 16 mars, trois acheteurs ont témoigné`: a quoted name
        # takes the day a sentence of its paragraph or the next opens on.
        when = days or (_opening_day_after(doc, sentence) if quoted and named else [])
        if not when:
            continue
        end = _before_predicate(doc, match.start(), _title_end(doc, match.start(), sentence.end))
        title = _without_dates(doc, match.start(), end)
        evidence = strip_span(doc.text, sentence.start, sentence.end)
        return [_Draft("event.prose.dated_format", evidence[0], evidence[1], title, (match.start(), end), [], when,
                       doc.lexicons.format_forms[match.group()], _region(doc, [evidence]))] if title else []
    return []


def _heading_drafts(doc: _Doc, sentence: Sentence) -> list[_Draft]:
    """`Hackathon « Données ouvertes » les 24 et 25 mars à Nantes`: a heading, a short line of its own with no
    full stop, opening on an event format and naming one day, is that event."""
    line_start = doc.text.rfind("\n", 0, sentence.start) + 1
    line_end = doc.text.find("\n", sentence.start)
    start, end = strip_span(doc.text, line_start, len(doc.text) if line_end < 0 else line_end, " \t")
    if start >= end or (start, end) != strip_span(doc.text, sentence.start, sentence.end, " \t\n") or (
            doc.text[end - 1] in _SENTENCE_MARKS or len(doc.text[start:end].split()) > MAX_HEADING_WORDS):
        return []
    days = _days_in(doc, start, end)
    head = _formats(doc.lexicons).match(doc.folded, start, end)
    if head is None or len(days) != 1 or days[0].kind not in SINGLE_DAY_KINDS or doc.words["passing_only"].fullmatch(
            head.group()):
        return []
    title = _without_dates(doc, start, end)
    # `Présentation du 20 mars (PDF)` heads a document: a heading naming an event says more than its format.
    if fold(_BRACKETED.sub("", title)) in doc.lexicons.format_forms:
        return []
    return [_Draft("event.prose.heading", start, end, title, (start, end), [], days,
                   doc.lexicons.format_forms[head.group()], _region(doc, [(start, end)]))] if title else []


def _into_headings(doc: _Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Drafts less the prose ones of a heading's format in the paragraphs under it, undated or on its day,
    whose organizers it takes: `Hackathon « … » les 24 et 25 mars à Nantes` then `La préfecture organise un
    hackathon …`."""
    headings = [d for d in drafts if d.rule == "event.prose.heading"]
    kept = []
    for draft in drafts:
        above = next((h for h in reversed(headings) if h.start < draft.start and h.format == draft.format and (
            doc.paragraph_index(draft.start) - doc.paragraph_index(h.start) <= HEADING_REACH)), None)
        again = above and (not draft.dates or draft.dates[0].starts_on == above.dates[0].starts_on)
        if again and draft.rule.startswith(_PROSE_RULES) and draft is not above:
            above.organizers = _merge(above.organizers, draft.organizers, doc.lexicons)
            continue
        kept.append(draft)
    return kept


def _name_after_noun(doc: _Doc, noun_end: int, limit: int, determined: bool) -> tuple[int, int] | None:
    """The span of the name a noun standing for an event introduces: in apposition after a comma and an
    article, closed by a comma or the sentence's end (`un événement inédit, le Labothon, a réuni`), or right
    after the noun and its article (`le rendez-vous Innov'Agents du 3 mars`, `l'événement « Agents en action »`)."""
    apposition = _APPOSITION.match(doc.text, noun_end, limit)
    if not (apposition or determined):  # right after the noun, only after its article
        return None
    pos = apposition.end() if apposition else doc.skip_space(noun_end, limit)
    if apposition:  # `…, le Labothon,`; `lors de l'événement, Orange, partenaire …` names a sponsor
        if not (article := doc.words["definite_articles"].match(doc.masked, pos, limit)):
            return None
        pos = doc.skip_space(article.end(), limit)
    if doc.text.startswith(_OPENING_QUOTES, pos):
        closing = doc.text.find(_QUOTES[doc.text[pos]], pos + 1, limit)
        return (pos, closing + 1) if closing > pos + 1 else None
    name = _NAME.match(doc.text, pos, limit)
    if name is None or len(name.group().split()) > MAX_NAME_WORDS:
        return None
    after = doc.skip_space(name.end(), limit)
    # `Lors de cet événement, la DITP a présenté …`: an apposition is closed, or it is the subject of a verb.
    if apposition and not (after >= strip_span(doc.text, pos, limit)[1] or doc.text.startswith(",", after)):
        return None
    return pos, name.end()


def _named_event_drafts(doc: _Doc, sentence: Sentence) -> list[_Draft]:
    """`Le 14 mars, un événement inédit, le Labothon, a réuni …`: the name that a noun standing for an
    event introduces, in a sentence naming one day, is that event; no person, place, body or the
    programme itself (`Lors de cet événement, Julie Martin a présenté …`)."""
    days = [d for d in _days_in(doc, sentence.start, sentence.end) if d.kind in SINGLE_DAY_KINDS]
    if len(days) != 1:
        return []
    for noun in doc.words["event_nouns"].finditer(doc.masked, sentence.start, sentence.end):
        # `Rendez-vous Salle 204 le 3 mars` gives a place; `le rendez-vous Innov'Agents` names an event.
        article = doc.word_before(noun.start())
        determined = any(doc.words[key].fullmatch(article) for key in ("determiners", "definite_articles"))
        span = _name_after_noun(doc, noun.end(), sentence.end, determined)
        if span is None or any(o.start < span[1] and span[0] < o.end for o in [*doc.organizations, *doc.days]):
            continue
        quoted = doc.text[span[0]] in _OPENING_QUOTES
        if not quoted and not _is_proper_name(doc, *span):
            continue
        title = _without_dates(doc, *span)
        evidence = strip_span(doc.text, sentence.start, sentence.end)
        # `l'événement « Agents en action », organisé par la DDT, …` names its organizer too.
        cues = [cue for rule in doc.lex.organizer_cues
                for cue in rule.pattern.finditer(doc.masked, span[1], sentence.end)]
        first = min(cues, key=lambda cue: cue.start(), default=None)
        organizers = [o for o in [first and _organizer_after(doc, first.end(), sentence.end)] if o]
        if title:
            return [_Draft("event.prose.named_event", evidence[0], evidence[1], title, span, organizers, days,
                           _head_format(doc, title), _region(doc, [evidence]))]
    return []


def _without_generic(doc: _Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Drafts less the undated ones whose title is a bare plural format: `l'association organise des
    rencontres, des conférences …` tells what it does all year, it names no event."""
    return [d for d in drafts if d.dates or not (
        (title := fold(d.title)) in doc.lexicons.format_forms and title.endswith(("s", "x")))]


def _without_repeats(doc: _Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Drafts less an undated prose one that a dated one tells again, with its format, an organizer and
    a title one of whose words the other holds all of: `la DREAL a organisé un webinaire sur …` then
    `la DREAL a organisé, le 9 mars 2023, un webinaire lors duquel …` (listings are each their own)."""
    def told_again(draft: _Draft, other: _Draft) -> bool:
        words, others = set(fold(draft.title).split()), set(fold(other.title).split())
        return bool(other.dates) and other.format == draft.format and (words <= others or others <= words) and any(
            _same_body(a.name, b.name, doc.lexicons) for a in draft.organizers for b in other.organizers)

    return [d for d in drafts if d.dates or not d.rule.startswith(_PROSE_RULES)
            or not any(told_again(d, other) for other in drafts if other is not d)]
