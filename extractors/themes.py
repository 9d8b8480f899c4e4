"""Edition themes (`a retenu le thème de « l'innovation ouverte »`) and event topics."""

from __future__ import annotations

import re

from extractors.context import DocumentContext
from extractors.editions import (edition_is_subject, names_event, programme_mentions, sentence_year,
                                 speaks_of_edition)
from extractors.sentences import Sentence
from extractors.textutils import compiled, strip_span
from schemas.extraction import ThemeMention

_CLOSING = {"«": "»", '"': '"', "“": "”"}
# Past this many characters an unquoted theme has run into the rest of the sentence.
MAX_THEME_LENGTH = 90


# `la « transformation publique »`, `l'"innovation ouverte"`: an article before the opening mark.
_ARTICLE_BEFORE_MARK = re.compile(r"(?:la |le |les |l'|l’)?(?=[«\"“])", re.IGNORECASE)
# A theme set on a line of its own ends with its line or its first clause.
_LINE_STOPS = (", ", ". ", "; ", "\n")


def _theme_span(text: str, folded: str, start: int, stops: list[str]) -> tuple[int, int]:
    """The theme starting at `start` (sentence offset): a quoted one inside its marks, one set on
    its own line (`sous le thème\\n  Construire avec nous …, avec …`) to its first clause, else up
    to the first stop word."""
    lead = _ARTICLE_BEFORE_MARK.match(text, start)
    if lead and lead.end() < len(text):
        quote = text[lead.end()]
        close = text.find(_CLOSING[quote], lead.end() + 1)
        if close != -1:
            return lead.end(), close + 1
    before = text[:start]
    if "\n" in before[len(before.rstrip()):]:
        ends = [text.find(stop, start) for stop in _LINE_STOPS]
        return start, min([e for e in ends if e != -1] + [len(text)])
    flat = folded.replace("\n", " ")
    ends = [flat.find(stop, start) for stop in stops]
    end = min([e for e in ends if e != -1] + [len(text)])
    return start, min(end, start + MAX_THEME_LENGTH)


def _clean_label(raw: str) -> str:
    """`« la sobriété  numérique »` → `la sobriété numérique`: no marks, single spaces."""
    label = " ".join(raw.split()).strip(" «»\"“”")
    return " ".join(label.replace("« ", "").replace(" »", "").replace("«", "").replace("»", "").split())


# A theme stated before its cue is in the group `label` (or `headline`, for the headline form of a cue).
_LABEL_GROUPS = ("label", "headline")


def _label_group(match: re.Match[str]) -> str | None:
    """The label group a theme-before-its-cue rule matched, if any."""
    return next((g for g in _LABEL_GROUPS if g in match.re.groupindex and match[g] is not None), None)


def _names_someone(label: str) -> bool:
    """Whether a label holds a proper name after its first word (`les agents de Lille à l'honneur`):
    a theme is a common noun phrase; acronyms (`le RGAA`) are no names."""
    return any(w[:1].isupper() and not w.isupper() for w in label.split()[1:])


def _about_the_edition(sentence: Sentence, ctx: DocumentContext) -> bool:
    """Whether a sentence names the edition and no event: what a `Thème :` right after it is about."""
    return speaks_of_edition(sentence, ctx.lexicons) and not names_event(sentence.folded, ctx.lexicons)


def _event_theme(sentence: Sentence, cue_start: int, ctx: DocumentContext) -> bool:
    """Whether an attached cue (`sur le thème`) qualifies one event: an event noun stands between
    the programme's last mention before the cue and the cue (`Dans le cadre du Mois …, la préfecture
    propose une soirée de débats sur le thème …`)."""
    named = [m.end() for m in programme_mentions(sentence.folded[:cue_start], ctx.lexicons)]
    return names_event(sentence.folded[named[-1] if named else 0:cue_start], ctx.lexicons)


def extract_edition_themes(ctx: DocumentContext, sentences: list[Sentence]) -> list[ThemeMention]:
    """Themes stated in sentences that speak of an edition."""
    themes = []
    cues = ctx.lexicons.editions
    for index, sentence in enumerate(sentences):
        if not any(word in sentence.folded for word in cues["theme_cue_words"]):
            continue
        named = speaks_of_edition(sentence, ctx.lexicons)
        if not named and not any(speaks_of_edition(s, ctx.lexicons) for s in sentences):
            continue  # a self-referring cue (`le thème retenu`) needs a text that speaks of an edition
        follows = index > 0 and _about_the_edition(sentences[index - 1], ctx)
        for rule in cues["theme_cues"]:
            if not named and not rule.get("self_referring") and not (rule.get("after_edition") and follows):
                continue
            for match in compiled(rule["pattern"]).finditer(sentence.folded):
                if rule.get("attached") and _event_theme(sentence, match.start(), ctx):
                    continue
                if rule.get("edition_subject") and not edition_is_subject(sentence.folded, match.start(), ctx.lexicons):
                    continue
                if group := _label_group(match):  # the theme before its cue: `avec … comme fil rouge`
                    # `le Mois de l'innovation publique est à l'honneur`: the edition itself is no theme.
                    if programme_mentions(match[group], ctx.lexicons) \
                            or _names_someone(sentence.text[match.start(group):match.end(group)]):
                        continue
                    start, end = strip_span(sentence.text, match.start(group), match.end(group))
                    themes.append(ThemeMention(
                        start=sentence.start + start, end=sentence.start + end, text=sentence.text[start:end],
                        rule=rule["id"], label=_clean_label(sentence.text[start:end]), kind="edition_theme",
                        edition_year=sentence_year(sentence, ctx)))
                    continue
                # `… sous le thème «` | `Agir ensemble ».`: the parser may end the sentence at the mark.
                end_of_view = sentence.end
                if not sentence.text[match.end():].strip(" \t\n«“\"") and index + 1 < len(sentences):
                    end_of_view = sentences[index + 1].end
                text, folded = ctx.text[sentence.start:end_of_view], ctx.folded[sentence.start:end_of_view]
                start, end = _theme_span(text, folded, match.end(), cues["theme_stops"])
                start, end = strip_span(text, start, end, " \t\n,;:.")
                label = _clean_label(text[start:end])
                if len(label) < 3:
                    continue
                themes.append(ThemeMention(
                    start=sentence.start + start, end=sentence.start + end,
                    text=text[start:end], rule=rule["id"], label=label,
                    kind="edition_theme", edition_year=sentence_year(sentence, ctx)))
    # Two cues may find one theme (`le thème de cette édition :` is read by two rules): keep the first.
    first: dict[tuple[int, int], ThemeMention] = {}
    for theme in themes:
        first.setdefault((theme.start, theme.end), theme)
    return list(first.values())


def extract_topics(ctx: DocumentContext, sentences: list[Sentence]) -> list[ThemeMention]:
    """Topics events are grouped under: `la thématique de l'innovation managériale`."""
    topics = []
    for sentence in sentences:
        for rule in ctx.lexicons.editions["topic_patterns"]:
            for match in compiled(rule["pattern"]).finditer(sentence.folded):
                for part_start, part_end in _list_items(sentence.folded, match.start("label"), match.end("label")):
                    start, end = strip_span(sentence.text, part_start, part_end)
                    if end - start < 3:
                        continue
                    topics.append(ThemeMention(
                        start=sentence.start + start, end=sentence.start + end,
                        text=sentence.text[start:end], rule=rule["id"],
                        label=" ".join(sentence.text[start:end].split()), kind="topic",
                        edition_year=sentence_year(sentence, ctx)))
    return topics


def _list_items(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """`du design, de l'engagement citoyen et des services écoresponsables` → three items."""
    items, position = [], start
    for separator in compiled(r",\s+|\s+et\s+").finditer(folded, start, end):
        items.append((position, separator.start()))
        position = separator.end()
    items.append((position, end))
    article = compiled(r"(?:du |de la |de l'|des |de |d'|le |la |l'|les )")
    return [(s + (m.end() - m.start() if (m := article.match(folded, s)) else 0), e) for s, e in items]
