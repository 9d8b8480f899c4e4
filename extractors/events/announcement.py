"""Who announces a programme: `les équipes de la DGFiP vous proposent …`, `…, organisée par X`."""

from __future__ import annotations

from extractors.events.naming import _merge, _organizer_after, _subject, _verbs
from extractors.events.reading import _CLAUSE_END, _Doc, _Named

# An announcement lies at most this many sentences before the programme it introduces.
ANNOUNCEMENT_SENTENCES = 6


def _edition_cue(doc: _Doc, sentence_start: int, cue: int) -> bool:
    """Whether a cue follows the edition's own name: `le mois de l'innovation publique organisé par la DITP`
    names who runs the edition, not the programme."""
    clause = sentence_start
    for mark in _CLAUSE_END.finditer(doc.masked, sentence_start, cue):
        clause = mark.end()
    return any(name in doc.folded[clause:cue] for name in doc.lexicons.editions["programme_names"])


def _announcers(doc: _Doc, before: int, dated: bool) -> tuple[list[_Named], tuple[int, int] | None]:
    """The organizers of the announcement that introduces a programme: the subject of an event verb
    (`les équipes de la DGFiP vous proposent …`) or the organizer after a cue (`…, organisée par X`);
    and that sentence, which may say where the programme takes place. Slots belong to the day one
    dated sentence announces (`X organise une journée le 7 mars :` then `9h : …`), not entries."""
    earlier = [s for s in doc.sentences if s.end <= before][-ANNOUNCEMENT_SENTENCES:]
    for sentence in reversed(earlier):
        if not dated and any(sentence.start <= d.start < sentence.end and d.kind in ("day", "days") for d in doc.days):
            continue  # `le 2 décembre, la Région accueillera le forum …` tells one event, it announces none
        found: list[_Named] = []
        lower = sentence.start
        for verb_start, verb_end, _ in _verbs(doc, sentence.start, sentence.end):
            subject = _subject(doc, lower, verb_start)
            if subject and subject.organizers:
                found += subject.organizers
            else:
                clause = max([lower] + [m.end() for m in _CLAUSE_END.finditer(doc.masked, lower, verb_start)])
                found += [_Named(m.name, m.start, m.end) for m in doc.organizations if clause <= m.start < verb_start]
            lower = verb_end
        for rule in doc.lex.organizer_cues:
            for cue in rule.pattern.finditer(doc.masked, sentence.start, sentence.end):
                if not _edition_cue(doc, sentence.start, cue.start()) and (
                        organizer := _organizer_after(doc, cue.end(), sentence.end)):
                    found.append(organizer)
        if found:
            return _merge([], found, doc.lexicons), (sentence.start, sentence.end)
    return [], None
