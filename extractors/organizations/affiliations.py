"""Rules that read names in parentheses: a person's affiliation (`Camille Roux (Ademe)`) and the
names beside a known one in a listing of attributions."""

from __future__ import annotations

from extractors.known import is_acronym, place_pattern
from extractors.lexicons import fold
from extractors.names import looks_like_person_name
from extractors.organizations.reader import OrganizationReader
from extractors.organizations.words import (
    AFFILIATION_SEPARATOR, DISTRICT, INTERNAL_CAPITAL, LAST_WORD, LOOKBEHIND, MAX_AFFILIATION_WORDS, PARENTHESIS,
    Candidate)
from extractors.textutils import fold_same_length


class AffiliationRules(OrganizationReader):
    """Names read in parentheses."""

    def _is_affiliation(self, start: int, end: int, beside_person: bool) -> bool:
        """Whether a part of a parenthesis names an organization: capitalised, short, and no role,
        place, date, person or comment (`Ademe`, `Faisons vivre la ville`; not `cheffe de projet`, `Lyon`)."""
        written = self.text[start:end]
        words = written.split()
        if not 1 <= len(words) <= MAX_AFFILIATION_WORDS or not written[0].isupper():
            return False
        folded = fold(written)
        first = folded.split()[0]
        if first in self.rules.comment_openers or first in self.closing or any(
                fold(w) in self.rules.date_words for w in words) or not any(c.isalpha() for c in written):
            return False
        if any(folded.startswith(form) and folded[len(form):len(form) + 1] in ("", " ")
               for form in self.lexicons.role_forms):
            return False  # `Cheffe de projet`
        place = place_pattern(self.lexicons).match(fold_same_length(written))
        if place and DISTRICT.fullmatch(written, place.end()) or looks_like_person_name(written, self.lexicons):
            return False  # `Lyon`, `Paris 13e`, `Anne Roy`
        if len(words) == 1 and not is_acronym(written) and not INTERNAL_CAPITAL.search(written):
            at = self._word_at(start)
            if at is None or self.words[at].pos != "PROPN":
                return False  # `(Intervenante)`: a common noun with a capital, not `(Okapi Conseil)`
        if beside_person:
            return True
        # Beside other attributions only names that cannot be a common word: `Solidarités Nouvelles`, `OpenAgenda`.
        return (len(words) > 1 or bool(INTERNAL_CAPITAL.search(written))) and not is_acronym(written)

    def _parenthesis_parts(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of a parenthesis's content, white space and emphasis marks trimmed."""
        bounds, at = [], start
        for separator in AFFILIATION_SEPARATOR.finditer(self.text, start, end):
            bounds.append((at, separator.start()))
            at = separator.end()
        bounds.append((at, end))
        parts = []
        for a, b in bounds:
            piece = self.text[a:b]
            a += len(piece) - len(piece.lstrip(" \t*_"))
            b -= len(piece) - len(piece.rstrip(" \t*_"))
            if a < b:
                parts.append((a, b))
        return parts

    def _after_description(self, inner: int) -> bool:
        """Whether a parenthesis follows a word in lower case, as an attribution follows what it credits:
        `… des aidants (Aidants Connectés)`, not `Atelier Débutants (Salle Bleue)`."""
        before = LAST_WORD.search(self.text, max(inner - LOOKBEHIND, 0), inner)
        return bool(before) and before.group(1)[0].islower()

    def affiliation_candidates(self, found: list[Candidate]) -> list[Candidate]:
        """What a person's parenthesis names, and the names in parentheses beside a found one on a line."""
        spans, of_people = [], set()
        for _, end, _ in self.people:
            if inside := PARENTHESIS.match(self.text, end):
                of_people.add(inside.span(1))
                spans += [p for p in self._parenthesis_parts(*inside.span(1)) if self._is_affiliation(*p, True)]
        named = {(c.start, c.end) for c in found}
        groups = [m.span(1) for m in PARENTHESIS.finditer(self.text) if m.span(1) not in of_people]
        anchored_lines = {self.text.rfind("\n", 0, a) for a, b in groups if (a, b) in named}
        spans += [p for a, b in groups if self.text.rfind("\n", 0, a) in anchored_lines and self._after_description(a)
                  for p in self._parenthesis_parts(a, b) if p not in named and self._is_affiliation(*p, False)]
        return [Candidate(a, b, " ".join(self.text[a:b].split()), self.rules.rule_ids["affiliation"], None, None)
                for a, b in dict.fromkeys(spans)]
