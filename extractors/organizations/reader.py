"""The reader under every organization rule: one document's words, the known organizations, heads
and places that start at each, the look of a word, and how far a name runs."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from extractors.context import DocumentContext
from extractors.known import is_acronym, known_organizations, load_organization_rules, place_pattern
from extractors.lexicons import KnownOrganization, fold
from extractors.organizations.words import (
    CONTENT_POS, DEFINITE, LAB_HEAD, LAB_SIGN, LAB_WORD, MAX_ENUMERATED_WORDS, MAX_NAME_WORDS, OPENERS, TO,
    UNSPELLED, Candidate, closing_words, glued_pattern, head_patterns, known_patterns, read_words)
from extractors.textutils import is_upper_text


class OrganizationReader:
    """One document's words, and the known organizations, heads and places that start at each."""

    def __init__(self, ctx: DocumentContext) -> None:
        self.text, self.lexicons = ctx.text, ctx.lexicons
        self.rules = load_organization_rules()
        self.closing = closing_words(ctx.lexicons, self.rules)
        self.folded = ctx.folded
        self.words = read_words(ctx.text, ctx.doc)
        self.starts = [w.start for w in self.words]
        self.caps_lines: dict[int, bool] = {}
        self.known: dict[int, tuple[int, KnownOrganization]] = {}
        self.heads: dict[int, tuple[int, str, str]] = {}  # word → (end word, kind, folded head)
        self.places: dict[int, int] = {}
        self._index_known()
        heads, kinds = head_patterns(ctx.lexicons)
        for match in heads.finditer(self.folded):
            first, last = self._word_at(match.start()), self._word_containing(match.end() - 1)
            if first is not None:
                self.heads[first] = (last + 1, kinds[fold(match.group())], fold(match.group()))
        glued = glued_pattern(self.rules)
        for index in self.words_holding(glued):
            if (match := glued.match(self.words[index].text)) and fold(match.group()) in kinds:
                self.heads[index] = (index + 1, kinds[fold(match.group())], fold(match.group()))  # `LabAcces`
        for index in self.words_holding(LAB_SIGN):
            if index not in self.heads and LAB_WORD.fullmatch(self.words[index].text):
                self.heads[index] = (index + 1, kinds[LAB_HEAD], LAB_HEAD)  # `Medialab`
        for match in place_pattern(ctx.lexicons).finditer(self.folded):
            first, last = self._word_at(match.start()), self._word_ending(match.end())
            if first is not None and last is not None and self.words[first].text[0].isupper():
                self.places[first] = last
        self.excluded = [m.span() for _, pattern in self.rules.exclusions for m in pattern.finditer(self.folded)]
        self.ctx = ctx

    @property
    def people(self) -> list[tuple[int, int, str]]:
        """The people's names of the text."""
        return self.ctx.person_names

    def _index_known(self) -> None:
        """Each known name or acronym of the text, at the word it starts."""
        by_name, by_acronym = known_patterns(self.lexicons)
        index = known_organizations(self.lexicons)
        for match, key in [*((m, fold(m.group())) for m in by_name.finditer(self.folded)),
                           *((m, m.group()) for m in by_acronym.finditer(self.text))]:
            first, last = self._word_at(match.start()), self._word_ending(match.end())
            if first is None or last is None or first in self.known and self.known[first][0] >= last:
                continue
            written = self.text[match.start()]
            if key in self.rules.capitalised_only and not written.isupper():
                continue  # `les régions de France` are no association
            if key in self.rules.ambiguous_acronyms and self._among_capitals(first, last):
                continue  # `10 ANS D'INNOVATION`
            self.known[first] = (last, index[key])

    # --- positions and the look of words -------------------------------------------------

    def words_holding(self, pattern: re.Pattern[str]) -> list[int]:
        """The words in which `pattern` matches, in order: the few words a rule reads closely are
        found by a regex over the text rather than by reading a thousand words one at a time."""
        return sorted({self._word_containing(match.start()) for match in pattern.finditer(self.text)})

    def _word_at(self, offset: int) -> int | None:
        """The word that starts at `offset`, if one does."""
        index = bisect_right(self.starts, offset) - 1
        return index if index >= 0 and self.words[index].start == offset else None

    def _word_containing(self, offset: int) -> int:
        """The word that holds `offset`."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def _word_ending(self, offset: int) -> int | None:
        """Index past the word that ends at `offset`, if one does."""
        index = bisect_right(self.starts, offset - 1) - 1
        return index + 1 if index >= 0 and self.words[index].end == offset else None

    def _caps_line(self, offset: int) -> bool:
        """Whether the line at `offset` is written in capitals, where capitals tell nothing."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        if line_start not in self.caps_lines:
            line_end = self.text.find("\n", offset)
            self.caps_lines[line_start] = is_upper_text(self.text[line_start:line_end if line_end >= 0 else None])
        return self.caps_lines[line_start]

    def _among_capitals(self, first: int, end: int) -> bool:
        """Whether the words before or after `first`…`end` are written in capitals too."""
        neighbours = [self.words[i] for i in (first - 1, end) if 0 <= i < len(self.words)]
        return self._caps_line(self.words[first].start) or any(
            len(w.text) > 1 and w.text.isupper() for w in neighbours)

    def _capitalised(self, index: int) -> bool:
        """A capital that tells something: outside a line in capitals."""
        word = self.words[index]
        return word.text[0].isupper() and not self._caps_line(word.start)

    def _proper(self, index: int) -> bool:
        """A capitalised word that names something: not `Français`, not a determiner."""
        word = self.words[index]
        return (self._capitalised(index) and word.lower not in self.rules.not_proper
                and word.lower not in self.rules.determiners)

    def _initial(self, index: int) -> bool:
        """Whether the word opens a sentence, a line or a quotation."""
        if index == 0 or "\n" in self.text[self.words[index - 1].end:self.words[index].start]:
            return True
        return self.words[index - 1].text in OPENERS

    def _line_break(self, before: int, after: int) -> bool:
        """A new line between two words, unless both stand in one letterhead in capitals."""
        gap = self.text[self.words[before - 1].end:self.words[after].start]
        if "\n" not in gap:
            return False
        return gap.count("\n") > 1 or not (self._caps_line(self.words[before - 1].start)
                                           and self._caps_line(self.words[after].start))

    def _is_linking(self, index: int) -> bool:
        """`de`, `la`, `et`…: a word that joins the parts of a name."""
        return self.words[index].lower in self.rules.linking

    def _starts_parent(self, index: int) -> bool:
        """A known organization, or a capitalised head of a parent kind (`du Ministère …`)."""
        if index in self.known:
            return True
        head = self.heads.get(index)
        return head is not None and head[1] in self.rules.parent_kinds and self._capitalised(index)

    # --- how far a name runs --------------------------------------------------------------

    def _links_allowed(self, links: list[str], following: int) -> bool:
        """Whether linking words may join the word at `following` to the name before them."""
        for position, link in enumerate(links):
            after = links[position + 1] if position + 1 < len(links) else None
            if link == "et" and (after in self.rules.articles or after is None and (
                    self._capitalised(following) or following in self.known or is_acronym(self.words[following].text))):
                return False  # `X et la Compagnie des Tiers-Lieux`, `X et l'IRA de Metz`
            if link == "à" and after not in DEFINITE:
                return False  # `à distance`, `à Paris`
            if link in ("au", "aux", "pour") and after is None and self._capitalised(following):
                return False
        return not self._starts_parent(following)

    def _part_at(self, index: int, links: list[str], placed: bool) -> tuple[int, bool] | None:
        """End of the part of a name at word `index` and whether it was a place, or None."""
        word = self.words[index]
        if links and (placed or not self._links_allowed(links, index)):
            return None  # `Métropole européenne de Lille | et …`: a place ends a name
        if index in self.known:
            return self.known[index][0], False  # `Lab | Pôle emploi | Paca`
        if index in self.places:
            return self.places[index], True
        if word.is_sign or not links and not self._capitalised(index) and word.lower in self.closing:
            return None  # `la Direction interministérielle du numérique | lance`
        if word.text.isdigit():
            following = self.words[index + 1].lower if index + 1 < len(self.words) else ""
            date = following in self.rules.date_words
            return (index + 1, placed) if self._capitalised(index - 1) and not date else None
        if self._capitalised(index):
            return (index + 1, placed) if word.lower not in self.rules.determiners else None
        return (index + 1, False) if word.pos in CONTENT_POS and not placed else None

    def _extend(self, first: int, end: int) -> int:
        """Index past the last word of the name that starts at word `first` and runs to `end`."""
        placed = False
        while end < len(self.words) and end - first < MAX_NAME_WORDS:
            link = end
            while link < len(self.words) and self._is_linking(link):
                link += 1
            if link >= len(self.words) or self._line_break(end, link):
                break
            links = [w.lower for w in self.words[end:link]]
            if links and links[0] in TO and any(i in self.places for i in range(end + 1, link + 1)):
                break  # `le Lab Océan | à La Rochelle`: where it stands, not its name
            part = self._part_at(link, links, placed)
            if part is None:
                break
            end, placed = part
        return end

    def _acronym_after(self, end: int) -> str | None:
        """The acronym defined right after a name: `… publique (DITP)`."""
        if end + 2 < len(self.words) and self.words[end].text == "(" and self.words[end + 2].text == ")":
            acronym = self.words[end + 1].text
            return acronym if is_acronym(acronym) else None
        return None

    def _spelled_by_acronym(self, first: int, end: int) -> int:
        """Index past a name that goes on through commas to the acronym its initials spell: `direction
        régionale de la jeunesse, des sports et de la cohésion sociale (DRJSCS)`; else `end`."""
        stop = min(end + MAX_ENUMERATED_WORDS, len(self.words) - 2)
        opening = end
        while opening < stop and self.words[opening].text != "(":
            word = self.words[opening]
            if word.is_sign and word.text != "," or self._line_break(opening, opening):
                return end  # the sentence or the line ends before any acronym
            opening += 1
        if opening == end or opening >= stop or self._acronym_after(opening) is None:
            return end
        acronym = self.words[opening + 1].text
        letters = "".join(c for c in acronym if c.isupper()) if not acronym.isupper() else acronym
        initials = "".join(w.text[0] for w in self.words[first:opening]
                           if not w.is_sign and w.lower not in UNSPELLED)
        return opening if initials.upper() == letters.upper() else end

    def _span_text(self, first: int, end: int) -> str:
        """The words `first`…`end` as written, white space made single spaces."""
        return " ".join(self.text[self.words[first].start:self.words[end - 1].end].split())

    def _candidate(self, first: int, end: int, rule: str, kind: str | None, acronym: str | None = None,
                   name: str | None = None) -> Candidate:
        """A candidate over words `first`…`end`, named as written unless `name` is given."""
        return Candidate(self.words[first].start, self.words[end - 1].end, name or self._span_text(first, end),
                          self.rules.rule_ids[rule], kind, acronym)
