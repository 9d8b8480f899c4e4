"""Editions of the Mois de l'innovation publique as a document speaks of them.

A sentence speaks of an edition when it names the programme (`le Mois de l'innovation
publique`, `la Semaine IP 2019`, `le MIP`) or an edition of it (`la neuvième édition`, `11ᵉ
édition`, `la quatrième semaine de l'innovation publique`). Its year is the one the sentence
states, the year before for `l'an dernier`, else the document's own edition year. Its dates are
a range of a week or more stated with it (`qui aura lieu du 16 au 22 novembre`), else in a
sentence just before or after it (`Du 13 au 19 novembre 2017, l'administration montre …. La Semaine …`) that
names no event, a start day
(`Le mardi 2 novembre, la DITP lance la 8ᵉ édition`) or an end day (`se poursuit jusqu'au 30
novembre`).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import cache, lru_cache

from extractors.context import DocumentContext
from extractors.lexicons import Lexicons, fold
from extractors.sentences import Sentence
from extractors.textutils import compiled, fold_same_length
from schemas.extraction import EditionMention, Finding

# Without the programme's name in the sentence, only a range this long (a month) is the edition's:
# a week-long one may be an event's (`une exposition du 13 au 19 novembre`).
MIN_EDITION_DAYS = 10
# `10e`, `11ᵉ` (U+1D49, a superscript e that folding keeps), `4ème`, `1er`, `2nde`, `6^e`, `6<sup>e</sup>`.
_NUMERIC = r"\b(?P<number>\d{1,2})\s?\^?(?:<sup>)?(?:e|eme|er|ere|re|nde|\u1d49(?:\u02b3)?)(?:</sup>)?"
_NUMERIC_ORDINAL = re.compile(_NUMERIC + r"\s+edition\b")
_IN_YEAR = re.compile(r"en\s")
# `la première édition des rencontres …` is another event's edition: `édition` + `de …` must
# name the programme to count.
_EDITION_OF = re.compile(r"\s*(?:de la |de l'|du |des |de |d')")


@cache
def _programme(lexicons: Lexicons) -> str:
    """The programme's names and acronyms as a regex; a name may wrap over lines (`Semaine\\n  de l'…`)."""
    names = sorted(lexicons.editions["programme_names"], key=len, reverse=True)
    spelled = [r"\s+".join(map(re.escape, name.split())) for name in names]
    acronyms = [re.escape(a) for a in lexicons.editions["programme_acronyms"]]
    # A hashtag may glue the year to the acronym (`#SIP2016`, `#MoisInnovationPublique2021`).
    others = "|".join(map(re.escape, lexicons.editions["other_innovations"]))
    return (rf"(?<![\w'])(?:(?:{'|'.join(spelled)})(?![\w'])(?!\s+(?:{others})\b)"
            rf"|(?:{'|'.join(acronyms)})(?:(?![\w'])|(?=20\d\d(?!\d))))")


@cache
def _programme_pattern(lexicons: Lexicons) -> re.Pattern[str]:
    """`_programme`, compiled."""
    return re.compile(_programme(lexicons))


@cache
def _edition_year(lexicons: Lexicons) -> re.Pattern[str]:
    """`Mois de l'innovation publique 2020`, `Semaine IP 2019`, `édition 2022`: a year named with the edition."""
    return re.compile(rf"(?:{_programme(lexicons)}|\bedition)(?:\s+(?:de\s+|d')?|(?=\d))(?P<year>20\d\d)\b")


@cache
def _edition_subject(lexicons: Lexicons) -> re.Pattern[str]:
    """The edition right before a verb, as its subject: `le Mois de l'innovation publique 2021 [met]`,
    `le Mois, piloté par la DITP, [met]`, `cette édition [met]`."""
    return re.compile(rf"(?:{_programme(lexicons)}|\bedition\b)(?:\s+20\d\d)?(?:\s*,[^,]{{1,80}},)?"
                      rf"(?:\s+qui)?\s*$")


def edition_is_subject(folded: str, verb_start: int, lexicons: Lexicons) -> bool:
    """Whether the edition is the subject of the verb at `verb_start`, or the sentence frames this
    edition before it (`Pour cette édition, la DITP met …`)."""
    return (_edition_subject(lexicons).search(folded, 0, verb_start) is not None
            or any(compiled(f).search(folded, 0, verb_start) for f in lexicons.editions["edition_frames"]))


# `le salon, dont l'édition 2019 …`: an edition of the noun before.
_WHOSE = re.compile(r"\bdont\s+(?:l'|la |cette )\s*$")


def _own_edition(folded: str, match: re.Match[str], lexicons: Lexicons) -> bool:
    """Whether `édition …` matched by `match` is the programme's: not `l'édition 2019 du forum des
    usagers`, not `le salon, dont l'édition 2019`; a match that names the programme always is."""
    if _names_programme(match.group(), lexicons):
        return True
    return _programme_edition(folded, match.end(), lexicons) and not _WHOSE.search(folded, 0, match.start())


def _edition_years(folded: str, lexicons: Lexicons) -> list[int]:
    """The years named with the programme or its edition: `Semaine IP 2019`, `l'édition 2022`."""
    return [int(m["year"]) for m in _edition_year(lexicons).finditer(folded) if _own_edition(folded, m, lexicons)]


def programme_mentions(folded: str, lexicons: Lexicons) -> list[re.Match[str]]:
    """Every mention of the programme by name or acronym in `folded`."""
    return list(_programme_pattern(lexicons).finditer(folded))


def _names_programme(folded: str, lexicons: Lexicons) -> bool:
    """Whether `folded` names the programme (`la semaine de l'innovation publique`, `le mip`)."""
    return _programme_pattern(lexicons).search(folded) is not None


def _programme_edition(folded: str, edition_end: int, lexicons: Lexicons) -> bool:
    """Whether `édition` ending at `edition_end` is an edition of the programme."""
    following = _EDITION_OF.match(folded, edition_end)
    if not following:
        return True
    rest = folded[following.start():following.start() + 60]
    return _names_programme(rest, lexicons)


@cache
def _ordinal_edition(lexicons: Lexicons) -> re.Pattern[str]:
    """`neuvieme edition`: an ordinal word before `edition`."""
    ordinals = sorted(lexicons.ordinals, key=len, reverse=True)  # `vingt et unieme` before `unieme`
    return re.compile(rf"\b(?P<word>{'|'.join(map(re.escape, ordinals))})\s+edition\b")


@cache
def _ordinal_programme(lexicons: Lexicons) -> re.Pattern[str]:
    """`la quatrieme semaine de l'innovation publique`, `le 11e mois de l'innovation publique`."""
    ordinals = sorted(lexicons.ordinals, key=len, reverse=True)
    words = rf"\b(?P<word>{'|'.join(map(re.escape, ordinals))})"
    return re.compile(rf"(?:{_NUMERIC}|{words})\s+(?={_programme(lexicons)})")


def _ordinal_value(match: re.Match[str], lexicons: Lexicons) -> int:
    """`11e` → 11, `quatrieme` → 4."""
    return int(match["number"]) if match["number"] else lexicons.ordinals[match["word"]]


def _stated_number(folded: str, lexicons: Lexicons) -> tuple[int, int, int] | None:
    """`neuvieme edition`, `10e edition`, `quatrieme semaine de l'innovation publique` → (number, start, end)."""
    candidates = []
    if "edition" in folded:
        candidates += [(int(m["number"]), m) for m in _NUMERIC_ORDINAL.finditer(folded)
                       if _programme_edition(folded, m.end(), lexicons)]
        candidates += [(lexicons.ordinals[m["word"]], m) for m in _ordinal_edition(lexicons).finditer(folded)
                       if _programme_edition(folded, m.end(), lexicons)]
    candidates += [(_ordinal_value(m, lexicons), m) for m in _ordinal_programme(lexicons).finditer(folded)]
    if not candidates:
        return None
    number, match = min(candidates, key=lambda c: c[1].start())
    return number, match.start(), match.end()


@cache
def _first_cue(lexicons: Lexicons) -> re.Pattern[str]:
    """`c'est une première`: a cue that the edition just named is the first."""
    return re.compile("|".join(lexicons.editions["first_edition_cues"]))


def _first_edition(folded: str, lexicons: Lexicons, named_before: int | None = None) -> tuple[int, int] | None:
    """`c'est la Semaine de l'innovation publique. Et c'est une première !` → the cue's (start, end),
    when it follows a mention of the programme ending before `named_before` by a short gap."""
    gap, longest = compiled(lexicons.editions["first_edition_gap"]), lexicons.editions["max_first_cue_gap"]
    mentions = [m.end() for m in programme_mentions(folded, lexicons)
                if named_before is None or m.start() < named_before]
    for cue in _first_cue(lexicons).finditer(folded):
        if any(0 <= cue.start() - end <= longest and gap.fullmatch(folded, end, cue.start()) for end in mentions):
            return cue.start(), cue.end()
    return None


def year_of_number(number: int, lexicons: Lexicons) -> int:
    """`la 11e édition` was held in 2024: the first one was in `first_edition_year`."""
    return lexicons.editions["first_edition_year"] + number - 1


def stated_year(folded: str, lexicons: Lexicons) -> int | None:
    """The year a text names with the edition (`Semaine IP 2019`), else the year of its stated
    edition number (`la 11ᵉ édition du Mois` → 2024); for a text that writes no full date."""
    years = Counter(_edition_years(folded, lexicons))
    if years:
        return years.most_common(1)[0][0]
    stated = _stated_number(folded, lexicons)
    if stated:
        return year_of_number(stated[0], lexicons)
    return year_of_number(1, lexicons) if _first_edition(folded, lexicons) else None


def stated_number(sentence: Sentence, lexicons: Lexicons) -> tuple[int, int, int] | None:
    """`neuvième édition`, `10e édition` → (number, start, end) in document offsets."""
    stated = _stated_number(sentence.folded, lexicons)
    if stated is None:
        return None
    number, start, end = stated
    return number, sentence.start + start, sentence.start + end


def first_edition_number(sentence: Sentence, ctx: DocumentContext) -> tuple[int, int, int] | None:
    """(1, start, end) when the sentence names the programme and the first-edition cue follows it, in
    the sentence or just after (`… c'est la Semaine de l'innovation publique. Et c'est une première !`)."""
    view_end = min(len(ctx.folded), sentence.end + ctx.lexicons.editions["max_first_cue_gap"])
    found = _first_edition(ctx.folded[sentence.start:view_end], ctx.lexicons,
                           named_before=sentence.end - sentence.start)
    return (1, sentence.start + found[0], sentence.start + found[1]) if found else None


def speaks_of_edition(sentence: Sentence, lexicons: Lexicons) -> bool:
    """Whether the sentence names the programme or one of its editions."""
    return _speaks_of_edition(sentence.folded, lexicons)


# Edition themes, then editions, ask it of every sentence of a document: the second time is a lookup.
@lru_cache(maxsize=1024)
def _speaks_of_edition(folded: str, lexicons: Lexicons) -> bool:
    """`speaks_of_edition` of the sentence folded as `folded`."""
    return (_names_programme(folded, lexicons)
            or any(_own_edition(folded, m, lexicons) for p in lexicons.editions["edition_references"]
                   for m in compiled(p).finditer(folded))
            or _stated_number(folded, lexicons) is not None)


def sentence_year(sentence: Sentence, ctx: DocumentContext) -> int | None:
    """The edition year a sentence speaks of; see the module docstring."""
    stated = set(_edition_years(sentence.folded, ctx.lexicons))
    stated |= {d.starts_on.year for d in sentence.dates if d.kind in ("range", "month") and d.starts_on}
    # `En 2019, plus de 260 événements`, `qu'en 2020`; not `Depuis 2014`, which dates a beginning.
    stated |= {d.starts_on.year for d in sentence.dates
               if d.kind == "year" and d.starts_on and _IN_YEAR.match(fold_same_length(d.text))}
    if len(stated) == 1:
        return stated.pop()
    if ctx.edition_year is None:
        return None
    cues = ctx.lexicons.editions
    if any(cue in sentence.folded for cue in cues["previous_year_cues"]):
        return ctx.edition_year - 1
    if any(cue in sentence.folded for cue in cues["next_year_cues"]):
        return ctx.edition_year + 1
    return ctx.edition_year


# `depuis le 1er novembre et jusqu'au 30 novembre`, `à partir du 2, jusqu'au 30 novembre`: what may
# stand between a start day and the end day that close one range.
_SINCE_UNTIL_GAP = re.compile(r"[\s,]*(?:et\s+)?")


@cache
def _since(lexicons: Lexicons) -> re.Pattern[str]:
    """`depuis le`, `à partir du`, `dès le`: a cue that makes the day after it a start (matched at a day's left)."""
    return re.compile(rf"(?:{'|'.join(lexicons.editions['since_cues'])})\s*$")


def _after_since(sentence: Sentence, value_start: int, lexicons: Lexicons) -> bool:
    """Whether the date starting at `value_start` (document offset) follows a start cue (`depuis le 1er novembre`)."""
    return _since(lexicons).search(sentence.folded, 0, value_start - sentence.start) is not None


def _ranges(sentence: Sentence, lexicons: Lexicons) -> list[tuple[date, date]]:
    """The sentence's ranges in text order: `du 2 au 30 novembre`, and a start day joined to the end day
    right after it (`depuis le 1er novembre et jusqu'au 30 novembre 2021`)."""
    ranges, values = [], sentence.dates
    for value, following in zip(values, [*values[1:], None]):
        if value.kind == "range" and value.starts_on and value.ends_on:
            ranges.append((value.starts_on, value.ends_on))
        elif (value.kind == "day" and value.starts_on and following is not None and following.kind == "until"
              and following.ends_on and _after_since(sentence, value.start, lexicons)
              and _SINCE_UNTIL_GAP.fullmatch(sentence.folded, value.end - sentence.start,
                                             following.start - sentence.start)):
            ranges.append((value.starts_on, following.ends_on))
    return ranges


def edition_range(sentence: Sentence, lexicons: Lexicons, min_days: int = MIN_EDITION_DAYS,
                  max_days: int | None = None) -> tuple[date, date] | None:
    """The first date range of the sentence long enough to be an edition's."""
    month = lexicons.editions["edition_month"]
    for starts_on, ends_on in _ranges(sentence, lexicons):
        days = (ends_on - starts_on).days
        if days >= min_days and (max_days is None or days <= max_days) and month in (starts_on.month, ends_on.month):
            return starts_on, ends_on
    return None


@cache
def _cue_patterns(lexicons: Lexicons) -> tuple[re.Pattern[str], ...]:
    """Opening, duration and closing cues, the edition right after a cue, the edition right before one."""
    cues = lexicons.editions
    edition = rf"(?:{_programme(lexicons)}|\bedition\b)"
    return (re.compile("|".join(cues["opening_cues"])), re.compile("|".join(cues["duration_cues"])),
            re.compile("|".join(cues["closing_cues"])),
            # `lance la 8e edition`, `coup d'envoi du mois`: at most three words between.
            re.compile(rf"\s+(?:[\w']+\s+){{0,3}}?{edition}"),
            # `le Mois de l'innovation publique 2024 debutera`, `le MIP, qui se deroule`, `le Mois s'est acheve`.
            re.compile(rf"{edition}(?:\s+20\d\d)?\s*,?(?:\s+qui)?"
                       rf"(?:\s+(?:s'est|s'etait|se|s'|a ete|a|avait|est|sera))?\s*$"))


@cache
def _since_edition(lexicons: Lexicons) -> re.Pattern[str]:
    """The edition right after a start day: `[depuis le 2 novembre], le Mois`, `[dès le 2 novembre] la 8e édition`."""
    return re.compile(rf"[\s,]+(?:[\w']+\s+){{0,3}}?(?:{_programme(lexicons)}|\bedition\b)")


# Between a cue and its date: `débute le 2 novembre`, `lance, ce mardi` (a few short words).
_CUE_GAP = re.compile(r"[\s,]*(?:[\w']+[\s,]+){0,2}")
MAX_CUE_GAP = 30


def _near(folded: str, start: int, end: int) -> bool:
    """Whether `folded[start:end]` is a short gap of a few words."""
    gap = folded[start:end]
    return end - start <= MAX_CUE_GAP and (m := _CUE_GAP.fullmatch(gap)) is not None and m.end() == len(gap)


# `débute le 2 novembre et s'achève le 30`: a closing cue coordinated with the start day.
_AND_THEN = re.compile(r"\s*,?\s*(?:et|puis)\s+(?:se\s+|s')?")


def _start_or_end(sentence: Sentence, lexicons: Lexicons) -> tuple[date | None, date | None] | None:
    """`Le mardi 2 novembre, la DITP lance la 8e édition` → (start, None); `le Mois se poursuit
    jusqu'au 30 novembre`, `le Mois s'est achevé le 30 novembre` → (None, end); `le Mois débute le 2
    novembre et s'achève le 30 novembre` → (start, end): days tied to the edition by a cue."""
    opening, duration, closing, edition_after, edition_before = _cue_patterns(lexicons)
    folded, base = sentence.folded, sentence.start
    starts_on, ends_on, start_end = None, None, None
    for value in sentence.dates:
        start, end = value.start - base, value.end - base
        if starts_on is None and value.kind == "day" and value.starts_on and _opens_edition(
                sentence, value.start, end, opening, edition_after, edition_before, lexicons):
            starts_on, start_end = value.starts_on, end
            continue
        if ends_on is None and value.kind == "day" and value.starts_on:
            for cue in closing.finditer(folded, 0, start):
                tied = edition_before.search(folded, 0, cue.start()) or start_end is not None \
                    and _AND_THEN.fullmatch(folded, start_end, cue.start())
                if _near(folded, cue.end(), start) and tied:
                    ends_on = value.starts_on
        if ends_on is None and value.kind == "until" and value.ends_on:
            for cue in duration.finditer(folded, 0, start):
                if _near(folded, cue.end(), start) and edition_before.search(folded, 0, cue.start()):
                    ends_on = value.ends_on
    # `le Mois débute le 15 septembre avec l'appel à projets`: a day outside November is another step's.
    month = lexicons.editions["edition_month"]
    starts_on = starts_on if starts_on and starts_on.month == month else None
    ends_on = ends_on if ends_on and ends_on.month == month else None
    return (starts_on, ends_on) if starts_on or ends_on else None


def _opens_edition(sentence: Sentence, value_start: int, end: int, opening: re.Pattern[str],
                   edition_after: re.Pattern[str], edition_before: re.Pattern[str], lexicons: Lexicons) -> bool:
    """Whether the day ending at `end` (sentence offset) is the edition's first: `Depuis le 1er novembre,
    le Mois …`, `Le 2 novembre, la DITP lance la 8e édition`, `le Mois débute le 2 novembre`."""
    folded, start = sentence.folded, value_start - sentence.start
    if _after_since(sentence, value_start, lexicons) and _since_edition(lexicons).match(folded, end):
        return True
    for cue in opening.finditer(folded):
        cue_after_date = cue.start() >= end and _near(folded, end, cue.start()) \
            and edition_after.match(folded, cue.end())
        date_after_cue = cue.end() <= start and _near(folded, cue.end(), start) \
            and edition_before.search(folded, 0, cue.start())
        if cue_after_date or date_after_cue:
            return True
    return False


@cache
def _event_nouns(lexicons: Lexicons) -> re.Pattern[str]:
    """Event formats and time slots (`atelier`, `soirée`): the nouns of one event, not of an edition."""
    nouns = {*lexicons.format_forms, *lexicons.editions["event_nouns"]}
    spelled = sorted((r"[\s-]+".join(map(re.escape, fold(n).split())) for n in nouns), key=len, reverse=True)
    return re.compile(rf"(?<![\w'])(?:{'|'.join(spelled)})(?![\w'])")


def names_event(folded: str, lexicons: Lexicons) -> bool:
    """Whether `folded` names an event format or a time slot (`une soirée`, `des ateliers`)."""
    return _event_nouns(lexicons).search(folded) is not None


def _sentence_dates(sentence: Sentence, lexicons: Lexicons, named: bool) -> tuple[date | None, date | None] | None:
    """The edition's dates stated in one sentence (see the module docstring)."""
    cues = lexicons.editions
    if not named:
        return edition_range(sentence, lexicons, max_days=cues["max_edition_days"])
    found = edition_range(sentence, lexicons, cues["min_named_edition_days"], cues["max_edition_days"])
    # `un forum du 20 au 24 novembre dans le cadre de la Semaine`: a range that short is an event's
    # when the sentence names one.
    if found and (found[1] - found[0]).days < cues["min_days_beside_event"] and names_event(sentence.folded, lexicons):
        found = None
    return found or _start_or_end(sentence, lexicons)


def _nearby_range(sentence: Sentence, lexicons: Lexicons) -> tuple[date, date] | None | bool:
    """A week or more stated in a sentence beside the one naming the edition; False when that
    sentence speaks of the edition itself or of an event (the search stops there)."""
    if speaks_of_edition(sentence, lexicons):
        return False
    cues = lexicons.editions
    found = edition_range(sentence, lexicons, cues["min_named_edition_days"], cues["max_edition_days"])
    if found and names_event(sentence.folded, lexicons):
        return False
    return found


def _opens_with_range(sentence: Sentence) -> bool:
    """Whether the sentence begins with its date range (`Du 19 au 25 novembre 2018, venez …`): a frame
    for what follows, even across a paragraph break."""
    first = next(iter(sentence.dates), None)
    return first is not None and first.kind == "range" and not sentence.text[:first.start - sentence.start].strip()


def _heading(sentence: Sentence, paragraph: tuple[int, int]) -> bool:
    """Whether the sentence ends its paragraph on a short line of its own (`Semaine de l'innovation
    publique` above the text that presents it): the next paragraph is its body."""
    last_line = sentence.text.rstrip().rsplit("\n", 1)[-1]
    return sentence.end >= paragraph[1] and len(last_line.split()) <= MAX_DATE_LINE_WORDS


def _dates_around(sentences: list[Sentence], index: int,
                  ctx: DocumentContext) -> tuple[Sentence, tuple[date, date]] | None:
    """`Du 13 au 19 novembre 2017, l'administration montre ses projets. La Semaine de l'innovation publique …`,
    `… le Mois de l'innovation publique. Rendez-vous du 2 au 30 novembre.`: a week or more stated
    in a sentence just before (or else just after) the one naming the edition, when that sentence
    names no event of its own. The sentence stands in the same paragraph, or on a short line of its
    own (`Du 2 au 30 novembre 2024` under a heading), or in the paragraph before when it opens with
    its range (`Du 19 au 25 novembre 2018, venez …`), or in the paragraph after a heading that names
    the edition (`Semaine de l'innovation publique` | `… Elle se déroule du 19 au 25 novembre 2018.`)."""
    at = _paragraph_index(ctx, sentences[index].start)
    if at == -1:  # outside every paragraph (white space only around it): the whole text is its paragraph
        paragraph, before, after = (0, len(ctx.text)), (-1, -1), (-1, -1)
    else:
        paragraph, before, after = _bounds(ctx, at), _bounds(ctx, at - 1), _bounds(ctx, at + 1)
    heading = _heading(sentences[index], paragraph)

    def inside(sentence: Sentence, bounds: tuple[int, int]) -> bool:
        return bounds[0] <= sentence.start and sentence.end <= bounds[1]

    def beside(sentence: Sentence) -> bool:
        return (inside(sentence, paragraph) or len(sentence.text.split()) <= MAX_DATE_LINE_WORDS
                or inside(sentence, before) and sentence.start < paragraph[0] and _opens_with_range(sentence)
                or heading and inside(sentence, after) and sentence.start > paragraph[1])

    for neighbours in (reversed(sentences[max(0, index - LOOK_BACK_SENTENCES):index]),
                       sentences[index + 1:index + 1 + LOOK_BACK_SENTENCES]):
        for neighbour in neighbours:
            if not beside(neighbour):
                break
            found = _nearby_range(neighbour, lexicons=ctx.lexicons)
            if found is False:
                break
            if found:
                return neighbour, found
    return None


# A line this short beside the edition's name may be its dates (`Du 2 au 30 novembre 2024`).
MAX_DATE_LINE_WORDS = 8
# A sentence naming the edition may take its dates from this many sentences before (or after) it:
# the parser sometimes cuts a sentence in two (`Rendez` | `-vous du 2 au 30 novembre.`).
LOOK_BACK_SENTENCES = 2


def _paragraph_index(ctx: DocumentContext, at: int) -> int:
    """The index of the paragraph holding `at` in `ctx.paragraphs`; -1 outside every paragraph."""
    return next((i for i, p in enumerate(ctx.paragraphs) if p.start <= at < p.end + 1), -1)


def _bounds(ctx: DocumentContext, index: int) -> tuple[int, int]:
    """The offsets of paragraph `index`; an empty span past either end."""
    if not 0 <= index < len(ctx.paragraphs):
        return -1, -1
    return ctx.paragraphs[index].start, ctx.paragraphs[index].end


# The parser may cut a heading's ordinal off as a sentence of its own (`6E` | `EDITION DU MOIS …`).
MAX_CUT_OFF_LENGTH = 6


def _number_cut_off(sentences: list[Sentence], index: int, ctx: DocumentContext) -> tuple[int, int, int] | None:
    """An edition number the parser cut off from the start of the sentence `index`."""
    if index == 0:
        return None
    before, sentence = sentences[index - 1], sentences[index]
    if len(before.text.strip()) > MAX_CUT_OFF_LENGTH or ctx.text[before.end:sentence.start].strip(" \t"):
        return None
    stated = _stated_number(ctx.folded[before.start:sentence.end], ctx.lexicons)
    if stated is None or stated[1] >= len(before.text):
        return None
    return stated[0], before.start + stated[1], before.start + stated[2]


def extract_editions(ctx: DocumentContext, sentences: list[Sentence],
                     themes_by_sentence: dict[int, list[str]], counted: set[int]) -> list[EditionMention]:
    """One mention per sentence that speaks of an edition, or states its dates with a count.

    `themes_by_sentence` maps a sentence's start to the edition themes stated in it;
    `counted` holds the starts of sentences that state a number of events.
    """
    mentions = []
    for index, sentence in enumerate(sentences):
        names_it = speaks_of_edition(sentence, ctx.lexicons)
        dates = _sentence_dates(sentence, ctx.lexicons, names_it)
        year = sentence_year(sentence, ctx) if names_it or sentence.start in counted else None
        if year is None:
            continue
        # `En 2019, plus de 260 événements avaient été organisés`: a count of another year speaks of that edition.
        other_year = sentence.start in counted and year != ctx.edition_year
        if not names_it and not (dates and sentence.start in counted) and not other_year:
            continue
        number = stated_number(sentence, ctx.lexicons) or _number_cut_off(sentences, index, ctx)
        if number is None and year == year_of_number(1, ctx.lexicons):  # only the first year had a first edition
            number = first_edition_number(sentence, ctx)
        start, rule = sentence.start, ("edition.named" if names_it else "edition.dated_count" if dates
                                       else "edition.counted_other_year")
        end = sentence.end
        if names_it and dates is None:
            nearby = _dates_around(sentences, index, ctx)
            if nearby and nearby[1][0].year == year:
                start, end = min(start, nearby[0].start), max(end, nearby[0].end)
                dates, rule = nearby[1], "edition.named.dated_beside"
        mentions.append(EditionMention(
            start=start, end=end, text=ctx.text[start:end], rule=rule,
            year=year, number=number[0] if number else None,
            starts_on=dates[0] if dates else None, ends_on=dates[1] if dates else None,
            themes=themes_by_sentence.get(sentence.start, []),
        ))
    return mentions


def extract_founding_years(sentences: list[Sentence], lexicons: Lexicons) -> list[Finding]:
    """`Depuis 2014, la DITP fédère un programme d'évènements au mois de novembre` → 2014."""
    found = []
    for sentence in sentences:
        if not any(cue in sentence.folded for cue in lexicons.editions["founding_context"]):
            continue
        for rule in lexicons.editions["founding_patterns"]:
            for match in compiled(rule["pattern"]).finditer(sentence.folded):
                start, end = sentence.start + match.start("year"), sentence.start + match.end("year")
                found.append(Finding(start=start, end=end, text=match["year"], rule=rule["id"]))
    return found

