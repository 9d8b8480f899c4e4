"""Rules that read a name from its words: a known name or its office, a head word and what follows,
a name in apposition or closed by a head, a minister's portfolio, a glued gloss, a prefect's title."""

from __future__ import annotations

from extractors.known import known_organizations, place_pattern
from extractors.lexicons import fold
from extractors.organizations.reader import OrganizationReader
from extractors.organizations.words import (
    DEFINITE, GLUED_ACRONYM, GLUED_SIGN, LAB_WORD, MAX_NAME_WORDS, MAX_PLACE_LINKS, MAX_QUOTED_NAME, MAX_SUFFIX_WORDS,
    MINISTRY_KIND, PREPOSITIONS, QUOTES, RUN_LINKS, UNSPELLED, Candidate, portfolios, prefect_pattern, title_case)


class NameRules(OrganizationReader):
    """Names read from their own words."""

    def known_candidate(self, first: int) -> Candidate:
        """A known organization, or its office in a place (`l'IRA de Metz`, `la DREAL Occitanie`)."""
        end, organization = self.known[first]
        acronym = self._acronym_after(end)
        after = end + 3 if acronym else end  # `… (SGAR) de Normandie`
        link = after
        while (link < len(self.words) and link - after < MAX_PLACE_LINKS
               and self.words[link].lower in PREPOSITIONS | DEFINITE):
            link += 1
        linked = link == after or self.words[after].lower in PREPOSITIONS
        if link in self.places and linked and not self._line_break(after, link):
            name = f"{self._span_text(first, end)} {self._span_text(after, self.places[link])}"
            return self._candidate(first, self.places[link], "branch", organization.kind, acronym, name)
        plural = self.words[first].lower.endswith("s")  # `les ministères de la Culture et de l’Intérieur`
        if organization.kind == MINISTRY_KIND and not plural and (longer := self._more_portfolios(end)) > end:
            return self._candidate(first, longer, "head", organization.kind)  # a ministry the lexicon lacks
        if first > 1 and self.words[first - 1].lower in DEFINITE and self._capitalised(first - 1) and not (
                self._initial(first - 1)) and self._capitalised(first):
            first -= 1  # `ainsi que La Fing`: a capitalised article inside a sentence is part of the name written
        return self._candidate(first, end, "known", organization.kind, organization.acronym)

    def _more_portfolios(self, end: int) -> int:
        """Index past the portfolios a ministry's name goes on with: `Ministère des Sports | et de la Vie
        associative`, `Ministère de la Culture | , du Patrimoine et des Arts`."""
        while end < len(self.words) and self.words[end].lower in (",", "et"):
            link = end + 1
            if link < len(self.words) and self.words[link].lower == "et":
                link += 1
            if link >= len(self.words) or self.words[link].lower not in PREPOSITIONS:
                break
            link += 1
            if link < len(self.words) and self.words[link].lower in DEFINITE:
                link += 1
            named = link < len(self.words) and self.words[link].text[0].isupper() and (
                self.words[link].lower not in self.rules.determiners | self.rules.not_proper)  # letterheads too
            if not named or link in self.known or link in self.heads or link in self.places or self._line_break(
                    end, link):
                break  # `le ministère de l'Intérieur, | de la Région Bretagne`: another organization
            end = self._extend(link, link + 1)
        return end

    def head_candidate(self, first: int) -> Candidate | None:
        """A name that starts with a head word, with the acronym defined after it."""
        head_end, kind, head = self.heads[first]
        end = self._extend(first, head_end)
        end = self._spelled_by_acronym(first, end)
        name = self._span_text(first, end)
        acronym = self._acronym_after(end)
        if acronym and end + 3 < len(self.words) and self.words[end + 3].lower in PREPOSITIONS:
            # The name goes on after its acronym: `la plate-forme RH (PFRH) de la préfecture …`.
            further = self._extend(first, end + 3)
            if further > end + 3:
                name = f"{name} {self._span_text(end + 3, further)}"
                end = further
        if end == head_end == first + 1 and LAB_WORD.fullmatch(self.words[first].text):
            if parented := self._with_parent(first, end):
                return parented  # `le Medialab de l'Ademe`
        end, name = self._state_region(first, end, name)
        if fold(name) == head or (first > 0 and self.words[first - 1].lower in self.rules.indefinites):
            return None  # `le conseil régional`, `une association locale`
        if head in self.rules.place_heads and not self._capitalised(first) and self._after_locative(first):
            return None  # `dans la région Bretagne`: a place
        if head in self.rules.place_only_heads and not self._capitalised(first) and self._place_follows(head_end):
            return None  # `la région de Normandie`: the territory, not its council
        if head in self.rules.team_heads and not acronym and self._team(first, head_end, end):
            return None  # `la mission Data`, `le département Achats`: a team
        if first > 0 and self.words[first - 1].text == "," and not self.words[first].text[0].isupper():
            return None  # `le LabAcces, laboratoire d'innovation de …`: a description, not a name
        if any(s <= self.words[first].start < e for s, e in self.excluded):
            return None
        capital_head = any(self._proper(i) and not self._initial(i) for i in range(first, head_end))
        named = any(self._proper(i) for i in range(head_end, end))
        if head in self.rules.weak_heads and not (acronym or named or capital_head):
            return None  # `le service public`, `la mission innovation`
        return self._candidate(first, end, "head", kind, acronym, name)

    def _with_parent(self, first: int, end: int) -> Candidate | None:
        """A generic lab's name with the parent after it, and the parent on its own: `Datalab de l'Insee`."""
        link = end
        while link < len(self.words) and link - end < MAX_PLACE_LINKS and self.words[link].lower in (
                PREPOSITIONS | DEFINITE):
            link += 1
        if link == end or self.words[end].lower not in PREPOSITIONS or self._line_break(end, link):
            return None
        parent = self.known_candidate(link) if link in self.known else (
            self.head_candidate(link) if self._starts_parent(link) else None)
        if parent is None:
            return None
        start = self.words[first].start
        return Candidate(start, parent.end, " ".join(self.text[start:parent.end].split()),
                          self.rules.rule_ids["head"], self.heads[first][1], None, (parent,))

    def _state_region(self, first: int, end: int, name: str) -> tuple[int, str]:
        """A name ending in `de l'État` goes on with `en` and the region it serves."""
        if (end + 1 < len(self.words) and self.words[end - 1].lower in self.rules.state_words
                and self.words[end].lower == "en" and end + 1 in self.places):
            end = self.places[end + 1]
            return end, self._span_text(first, end)
        return end, name

    def _after_locative(self, first: int) -> bool:
        """`dans la | région`, `sur le | département`: a locative and an article before the head."""
        return (first > 1 and self.words[first - 1].lower in DEFINITE
                and self.words[first - 2].lower in self.rules.locatives)

    def _place_follows(self, at: int) -> bool:
        """`de | Normandie`, `d' | Occitanie`, `de la | Réunion`: a preposition, then a place."""
        link = at
        while (link < len(self.words) and link - at < MAX_PLACE_LINKS
               and self.words[link].lower in PREPOSITIONS | DEFINITE):
            link += 1
        return link > at and self.words[at].lower in PREPOSITIONS and link in self.places

    def _team(self, first: int, head_end: int, end: int) -> bool:
        """A head in lower case then a capitalised word, not a place nor a known name: `le pôle Données`."""
        return (not self._capitalised(first) and head_end < end and self._proper(head_end)
                and head_end not in self.places and head_end not in self.known)

    def apposition_candidate(self, first: int) -> Candidate | None:
        """`l'association « Prologin »`, `le lab Etat'LIN des Pays de la Loire`: the name alone."""
        head_end, kind, head = self.heads[first]
        if head not in self.rules.descriptors or head_end >= len(self.words):
            return None
        if self.words[first].text[0].isupper():
            return None  # `le Lab Pôle emploi Paca`: the head is part of the name
        opening = self.words[head_end]
        if opening.text in QUOTES:
            closing = self.text.find(QUOTES[opening.text], opening.end, opening.end + MAX_QUOTED_NAME)
            inner = self.text[opening.end:closing]
            if closing < 0 or "\n" in inner or not inner.strip():
                return None
            start = opening.end + len(inner) - len(inner.lstrip())
            end = opening.end + len(inner.rstrip())
            return Candidate(start, end, " ".join(inner.split()), self.rules.rule_ids["apposition"], kind, None)
        start = head_end
        if self.words[start].lower in self.rules.articles and self._capitalised(start) and start + 1 < len(self.words):
            start += 1  # `le tiers-lieu La Ruche`: the article belongs to the name
        if not self._proper(start) or start in self.known or start in self.places:
            return None
        end = start + 1
        while end < len(self.words) and end - head_end < MAX_NAME_WORDS:
            link = end
            while link < len(self.words) and self._is_linking(link):
                link += 1
            if (link >= len(self.words) or link in self.places or link in self.known or not self._proper(link)
                    or self._line_break(end, link)):
                break
            end = link + 1
        return self._candidate(head_end, end, "apposition", kind)

    def suffix_candidate(self, head: int) -> Candidate | None:
        """`le Ti Lab`: capitalised words that a head closes."""
        if self.words[head].text not in self.rules.suffix_heads:
            return None
        first = head
        while (first > 0 and head - first < MAX_SUFFIX_WORDS and self._proper(first - 1)
               and not self._line_break(first - 1, first)):
            first -= 1
        if first == head or self._initial(first):
            return None  # `Webinaire Lab …` at the start of a line: its capital tells nothing
        return self._candidate(first, self._extend(first, head + 1), "suffix", self.heads[head][1])

    def portfolio_candidates(self) -> list[Candidate]:
        """`la ministre de la Culture` names the Ministère de la Culture."""
        pattern, ministries = portfolios(self.lexicons, self.rules)
        found = []
        for match in pattern.finditer(self.folded):
            ministry = ministries[fold(match.group())]
            found.append(Candidate(match.start(), match.end(), ministry.name, self.rules.rule_ids["portfolio"],
                                    ministry.kind, ministry.acronym))
        return found


    def glued_gloss_candidates(self) -> list[Candidate]:
        """`le CNFPTCentre national de la fonction publique territoriale`: the gloss, when its initials
        spell the acronym glued to it (an `<abbr>` whose space a scraper lost)."""
        found = []
        index = known_organizations(self.lexicons)
        for at in self.words_holding(GLUED_SIGN):
            word = self.words[at]
            glued = GLUED_ACRONYM.match(word.text)
            if glued is None:
                continue
            acronym, start = glued.group(1), word.start + glued.end(1)
            initials, end, following = self.text[start], word.end, at + 1
            while len(initials) < len(acronym) and following < len(self.words) and not self._line_break(
                    following, following) and not self.words[following].is_sign:
                if self.words[following].lower not in UNSPELLED:
                    initials += self.words[following].text[0]
                end, following = self.words[following].end, following + 1
            if initials.upper() == acronym:
                known = index.get(acronym)
                found.append(Candidate(start, end, " ".join(self.text[start:end].split()),
                                        self.rules.rule_ids["gloss"], known.kind if known else None, acronym))
        return found

    def prefect_candidates(self) -> list[Candidate]:
        """`PRÉFET DE LA RÉGION BRETAGNE` in a letterhead, `le préfet du Finistère` in prose: the prefecture
        (`Préfecture de la région Bretagne`), as a minister's portfolio names a ministry."""
        found = []
        for match in prefect_pattern(self.rules).finditer(self.folded):
            at = self._word_at(match.start())
            if at is None:
                continue
            end = self._extend(at, at + 1)
            if end == at + 1 or not place_pattern(self.lexicons).search(
                    self.folded, self.words[at + 1].start, self.words[end - 1].end):
                continue  # `PRÉFET` alone, or a title that names no place
            rest = " ".join(w.lower if w.lower in RUN_LINKS or fold(w.text) in self.rules.place_heads
                            else title_case(w.text) if w.text.isupper() else w.text
                            for w in self.words[at + 1:end])  # `DE LA RÉGION BRETAGNE` → `de la région Bretagne`
            name = " ".join(f"{self.rules.prefect_office} {rest}".replace("' ", "'").split())
            found.append(self._candidate(at, end, "prefect", "directorate", None, name))
        return found
