"""Edition themes (`a retenu le thème de « l'innovation ouverte »`) and event topics."""

from __future__ import annotations

from extractors.context import DocumentContext
from extractors.editions import sentence_year, speaks_of_edition
from extractors.sentences import Sentence
from extractors.textutils import compiled, strip_span
from schemas.extraction import ThemeMention

_CLOSING = {"«": "»", '"': '"', "“": "”"}
# Past this many characters an unquoted theme has run into the rest of the sentence.
MAX_THEME_LENGTH = 90


def _theme_end(sentence: Sentence, start: int, stops: list[str]) -> int:
    """Where a theme starting at `start` (sentence offset) ends."""
    text, folded = sentence.text, sentence.folded
    quote = next((q for q in _CLOSING if text.startswith(q, start) or text.startswith("la " + q, start)
                  or text.startswith("l'" + q, start)), None)
    if quote:
        close = text.find(_CLOSING[quote], text.find(quote, start) + 1)
        if close != -1:
            return close + 1
    flat = folded.replace("\n", " ")
    ends = [flat.find(stop, start) for stop in stops]
    end = min([e for e in ends if e != -1] + [len(text)])
    return min(end, start + MAX_THEME_LENGTH)


def _clean_label(raw: str) -> str:
    label = " ".join(raw.split()).strip(" «»\"“”")
    return " ".join(label.replace("« ", "").replace(" »", "").replace("«", "").replace("»", "").split())


def extract_edition_themes(ctx: DocumentContext, sentences: list[Sentence]) -> list[ThemeMention]:
    """Themes stated in sentences that speak of an edition."""
    themes = []
    cues = ctx.lexicons.editions
    for sentence in sentences:
        if not speaks_of_edition(sentence, ctx.lexicons):
            continue
        for rule in cues["theme_cues"]:
            for match in compiled(rule["pattern"]).finditer(sentence.folded):
                end = _theme_end(sentence, match.end(), cues["theme_stops"])
                start, end = strip_span(sentence.text, match.end(), end, " \t\n,;:.")
                label = _clean_label(sentence.text[start:end])
                if len(label) < 3:
                    continue
                themes.append(ThemeMention(
                    start=sentence.start + start, end=sentence.start + end,
                    text=sentence.text[start:end], rule=rule["id"], label=label,
                    kind="edition_theme", edition_year=sentence_year(sentence, ctx)))
    return themes


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
