"""Rules that read a name from what it does: capitalised words that organize, that a marker of
organizers or a role names (`organisé par Le Bazar Civique`, `fondatrice de Civic Tech Lab`)."""

from __future__ import annotations

from extractors.known import place_pattern
from extractors.lexicons import fold
from extractors.names import looks_like_person_name
from extractors.organizations.reader import OrganizationReader
from extractors.organizations.words import (
    BLANKS, CONTENT_POS, DEFINITE, INTERNAL_CAPITAL, MAX_AGENT_WORDS, MAX_NAME_WORDS, RUN_LINKS, Candidate,
    agent_patterns, common_word, not_agent_words)
from extractors.textutils import fold_same_length


class AgentRules(OrganizationReader):
    """Names read from what they do."""

    def _capitalised_run(self, index: int) -> int | None:
        """Index past the capitalised words from `index`, a capitalised article first and linking words
        between: `Le Bazar Civique`, `Maison de l'Emploi`; None when no capitalised word starts there."""
        end = index
        if end < len(self.words) and self.words[end].lower in self.rules.articles and self.words[end].text[0].isupper():
            end += 1  # `Le Bazar Civique`: a capitalised article belongs to the name
        if end >= len(self.words) or not self._proper(end) or end > index and self._line_break(index + 1, end):
            return None
        end += 1
        while end < len(self.words) and end - index < MAX_AGENT_WORDS:
            link = end
            while link < len(self.words) and self.words[link].lower in RUN_LINKS:
                link += 1
            if link >= len(self.words) or self._line_break(end, link) or not self._proper(link):
                break
            end = link + 1
        return end

    def _agent(self, first: int, end: int, strict: bool) -> Candidate | None:
        """A capitalised run that names an organizer, unless another rule's, a place, a person, an event or a
        common word (`Transformation Publique` where the text writes `transformation`); `strict` asks
        for an article, two capitalised words or a capital inside one (`La Ruche`, `Civic Tech`, `OpenLaw`)."""
        if any(i in self.known or i in self.heads or i in self.places for i in range(first, end)):
            return None
        start, stop = self.words[first].start, self.words[end - 1].end
        if any(a < stop and start < b for a, b, _ in self.people):
            return None  # `animé par Ysaline Kerbrat, cheffe de projet`
        article = self.words[first].lower in self.rules.articles
        name_first = first + 1 if article else first
        lead = self.words[name_first]
        proper = [i for i in range(name_first, end) if self._proper(i)]
        written = self._span_text(name_first, end)
        never, formats_and_roles = not_agent_words(self.lexicons, self.rules)
        named_by_article = article and self.words[first].text[0].isupper() and not self._initial(first)
        if (fold(lead.text) in never or fold(lead.text) in formats_and_roles and not named_by_article
                or fold(lead.text) in self.lexicons.first_names
                or looks_like_person_name(written, self.lexicons)
                or place_pattern(self.lexicons).fullmatch(fold_same_length(written))
                or common_word(self.text, lead.text) and not named_by_article):
            return None
        capital_inside = any(INTERNAL_CAPITAL.search(self.words[i].text) for i in proper)
        if len(proper) < 2 and not capital_inside and not article and (strict or self._initial(first)):
            return None
        return self._candidate(first, end, "agent", None)

    def _named_run(self, first: int) -> int | None:
        """Index past a capitalised run and the lower-case words that complete it (`L'Atelier des possibles`,
        `L'Escale innovation`), joined by `de`, `la`… only."""
        end = self._capitalised_run(first)
        while end is not None and end < len(self.words) and end - first < MAX_AGENT_WORDS:
            link = end
            while link < len(self.words) and self.words[link].lower in RUN_LINKS:
                link += 1
            word = self.words[link] if link < len(self.words) else None
            if (word is None or self._line_break(end, link) or word.is_sign or word.text[0].isupper()
                    or word.pos not in CONTENT_POS or word.lower in self.closing):
                break
            end = link + 1
        return end

    def _before_verb(self, verb: int) -> int:
        """Where the subject of a verb ends: before an auxiliary (`ont | organisé`) and the place it
        stands in (`La Comète | à Paris | propose`)."""
        at = verb
        if at > 0 and self.words[at - 1].lower in self.rules.auxiliaries:
            at -= 1
        for place_start, place_end in self.places.items():
            if place_end == at and place_start > 1 and self.words[place_start - 1].lower in ("à", "en"):
                return place_start - 1
        return at

    def agent_candidates(self) -> list[Candidate]:
        """Capitalised words before a verb of organizing, after a marker of organizers or a role's link."""
        found = []
        markers, roles, verbs = agent_patterns(self.lexicons, self.rules)
        for match in verbs.finditer(self.folded):
            verb = self._word_at(match.start())
            if not verb:
                continue
            subject_end = self._before_verb(verb)
            window = range(max(subject_end - MAX_NAME_WORDS, 0), subject_end)
            if not any(self.words[s].text[0].isupper() for s in window):
                continue  # most verbs follow no capital at all
            first = next((s for s in window if self._named_run(s) == subject_end), None)
            if first is not None and not self._initial(first) and self.words[first - 1].pos == "NOUN" and (
                    self.words[first - 1].text.islower()):
                continue  # `l'application Mon Dossier propose`: the name of what a common noun says
            if first is not None and (candidate := self._agent(first, subject_end, True)):
                found.append(candidate)  # `Les Petits Débrouillards | organisent`
        for pattern, strict in ((markers, False), (roles, True)):  # `organisé par Simplon`: one word will do
            for match in pattern.finditer(self.folded):
                first = self._word_at(BLANKS.match(self.text, match.end()).end())
                lower_article = first is not None and self.words[first].lower in DEFINITE
                if lower_article and not self.words[first].text[0].isupper():
                    first += 1  # `organisé par le | Bazar Civique`
                end = self._named_run(first) if first is not None and first < len(self.words) else None
                if end is not None and (candidate := self._agent(first, end, strict)):
                    found.append(candidate)
        return found
