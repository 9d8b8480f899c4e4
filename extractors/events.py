"""Events listed in a document.

Two shapes: bullet listings with a bold title (`- **Title – Organizer** - Du 17 au 30
novembre`, `- **Région : Title - Organizer** - 26 novembre`), and prose where an organization
organises something (`le Lab'Est organise les rencontres régionales de la donnée le 29 novembre
2022`). Dates come from the date finder; the region from a region, department or city named in
the listing or in the organizer's name; the format from the event-format lexicon.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.context import DocumentContext
from extractors.known import known_organizations
from extractors.lexicons import Lexicons, fold
from extractors.sentences import Sentence
from extractors.textutils import fold_same_length, iter_lines, strip_span
from schemas.extraction import DateValue, EventMention, OrganizationMention

_BULLET = re.compile(r"[ \t]*[-•–*][ \t]+")
_TITLE_SEPARATOR = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*")
_ORGANISED_BY = re.compile(r",?\s+(?:organi[sz]ée?s? |propos[ée]e?s? |anim[ée]e?s? )?par\s+(?P<organizer>.+)$")
_REGION_PREFIX = re.compile(r"^(?P<region>[^:]{3,40}?)\s*:\s+")
# `organise`, `propose`, `anime`, `animera`, `lance`, `fête`, `inaugure`, `accueille`, `présente`.
_EVENT_VERBS = re.compile(
    r"(?<![\w'])(?:organis|propos|anim|lanc|fet|inaugur|accueill|present|tiendr|tien)\w*\s")
_TITLE_END = re.compile(r"\s(?:qui|durant|lors|afin|pour|dont|ou)\s|,|\.|;")


def _region_in(text: str, lexicons: Lexicons) -> str | None:
    """The region a text names, directly or through a department or a city."""
    folded = fold(text)
    for key, region in sorted(_place_keys(lexicons), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![\w]){re.escape(key)}(?![\w])", folded):
            return region
    return None


@cache
def _place_keys(lexicons: Lexicons) -> tuple[tuple[str, str], ...]:
    return tuple({**lexicons.place_regions, **lexicons.region_aliases}.items())


def _format_in(text: str, lexicons: Lexicons) -> str | None:
    folded = fold(text)
    hits = [(m.start(), label) for form, label in lexicons.format_forms.items()
            if (m := re.search(rf"(?<![\w]){re.escape(form)}(?![\w])", folded))]
    return min(hits)[1] if hits else None


def _is_online(text: str, lexicons: Lexicons, format_label: str | None) -> bool | None:
    folded = fold(text)
    if any(marker in folded for marker in lexicons.online_markers):
        return True
    online = next((f.online for f in lexicons.event_formats if f.label == format_label), None)
    return True if online else None


def _dates_of(values: list[DateValue]) -> tuple:
    values = [v for v in values if v.kind in ("day", "range", "days", "until")]
    if not values:
        return None, None, []
    first = values[0]
    return first.starts_on, first.ends_on, list(first.dates)


def _bullet_events(ctx: DocumentContext, dates: list[DateValue],
                   organizations: list[OrganizationMention]) -> list[EventMention]:
    events = []
    lines = iter_lines(ctx.text)
    for index, line in enumerate(lines):
        bullet = _BULLET.match(line.text)
        bold = next(((a, b) for a, b in ctx.emphasis if line.start <= a < line.end), None)
        if not bullet or bold is None:
            continue
        heading = ctx.text[bold[0]:bold[1]]
        description = next((ln.text for ln in lines[index + 1:index + 3] if ln.text.strip()), "")
        region_match = _REGION_PREFIX.match(heading)
        region = _region_in(region_match["region"], ctx.lexicons) if region_match else None
        if region:
            heading = heading[region_match.end():]
        organizers = []
        by = _ORGANISED_BY.search(heading)
        if by:
            organizers.append(by["organizer"].strip(" ,"))
            heading = heading[:by.start()]
        else:
            parts = _TITLE_SEPARATOR.split(heading)
            if len(parts) > 1 and _names_organization(parts[-1], ctx.lexicons):
                organizers.append(parts[-1].strip())
                heading = heading[: len(heading) - len(parts[-1])].rstrip(" –—-")
        after = ctx.text[bold[1]:line.end]
        in_line = [d for d in dates if line.start <= d.start < line.end]
        if not organizers:
            organizers += [o.name for o in organizations if bold[1] <= o.start < line.end]
        starts_on, ends_on, all_dates = _dates_of(in_line)
        title = heading.strip(" «»\"-–,")
        format_label = _format_in(title, ctx.lexicons) or _format_in(after + " " + description, ctx.lexicons)
        events.append(EventMention(
            start=line.start + bullet.end(), end=line.end, text=ctx.text[line.start + bullet.end():line.end],
            rule="event.bullet", title=title, organizers=organizers, starts_on=starts_on, ends_on=ends_on,
            dates=all_dates, region=region or _region_in(" ".join(organizers), ctx.lexicons),
            format=format_label, online=_is_online(line.text + description, ctx.lexicons, format_label),
            edition_year=ctx.edition_year))
    return events


def _names_organization(text: str, lexicons: Lexicons) -> bool:
    folded = fold(text)
    return folded in known_organizations(lexicons) or any(
        folded.startswith(form) for form, _ in lexicons.organization_heads) or text.strip().isupper()


def _prose_events(ctx: DocumentContext, sentences: list[Sentence],
                  organizations: list[OrganizationMention]) -> list[EventMention]:
    events = []
    for sentence in sentences:
        if _BULLET.match(ctx.text, sentence.start):
            continue
        inside = [o for o in organizations if sentence.start <= o.start < sentence.end]
        for org_index, organizer in enumerate(inside):
            verb = _EVENT_VERBS.search(fold_same_length(ctx.text[organizer.end:organizer.end + 40]))
            if not verb or ctx.text[organizer.end:organizer.end + verb.start()].count(",") > 1:
                continue
            clause_start = organizer.end + verb.end()
            following = inside[org_index + 1].start if org_index + 1 < len(inside) else sentence.end
            clause_end = min(following, sentence.end)
            clause = [d for d in sentence.dates if clause_start <= d.start < clause_end]
            starts_on, ends_on, all_dates = _dates_of(clause)
            title_start, title_end = _title_span(ctx.text, clause_start, clause_end, clause)
            if title_end - title_start < 4:
                continue
            title = " ".join(ctx.text[title_start:title_end].split())
            format_label = _format_in(title, ctx.lexicons)
            if format_label is None:
                continue
            region = _region_in(ctx.text[organizer.start:clause_end], ctx.lexicons)
            events.append(EventMention(
                start=organizer.start, end=clause_end, text=ctx.text[organizer.start:clause_end],
                rule="event.prose", title=title, organizers=[organizer.name], starts_on=starts_on,
                ends_on=ends_on, dates=all_dates, region=region, format=format_label,
                online=_is_online(title, ctx.lexicons, format_label), edition_year=ctx.edition_year))
    return events


def _title_span(text: str, start: int, end: int, dates: list[DateValue]) -> tuple[int, int]:
    """The object of the verb, without its determiner, up to a date or a subordinate clause."""
    for value in dates:
        if value.start > start + 3:
            end = min(end, value.start)
    stop = _TITLE_END.search(text, start, end)
    if stop:
        end = stop.start()
    start, end = strip_span(text, start, end)
    article = re.match(r"(?:un |une |des |les |le |la |l'|de |d')", text[start:end], re.IGNORECASE)
    return (start + article.end() if article else start), end


def extract_events(ctx: DocumentContext, sentences: list[Sentence], dates: list[DateValue],
                   organizations: list[OrganizationMention]) -> list[EventMention]:
    """Bullet listings first, then prose events outside them."""
    bullets = _bullet_events(ctx, dates, organizations)
    prose = [e for e in _prose_events(ctx, sentences, organizations)
             if not any(b.start <= e.start < b.end for b in bullets)]
    return bullets + prose
