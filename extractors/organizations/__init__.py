"""Organizations named in a document.

Rules find candidates (vocabulary in lexicons/organization_rules.yaml, ids in `rule`):

- a known name or acronym of organizations.yaml (`la DITP`), or a known organization's office in
  a place (`la CAF de la Haute-Vienne`), named as the text writes it;
- a head word of organization_heads.yaml and what follows it (`le conseil régional de
  Nouvelle-Aquitaine`, `la plate-forme RH (PFRH) de la préfecture de région Grand Est`);
- a name in apposition to a descriptor (`l'association « Prologin »`, `le lab Etat'LIN`);
- capitalised words closed by a head (`le Ti Lab`); a generic lab's name with its parent
  (`le Medialab de l'Ademe`, the parent kept as an organization of its own);
- the ministry a minister's portfolio names (`la ministre de la Culture`);
- a gloss glued to its acronym where a scraped `<abbr>` lost its space (`le CNFPTCentre national
  de la fonction publique territoriale`), when the gloss's initials spell the acronym;
- capitalised words that organize (`Les Petits Débrouillards organisent`, `organisé par Le Bazar
  Civique`, `consultante chez Octo Conseil`, `fondatrice de Civic Tech Lab`);
- a prefect's letterhead, for the prefecture (`PRÉFET DE LA RÉGION BRETAGNE`);
- what a person's parenthesis names (`Camille Roux (Ademe, Les Petits Débrouillards)`), and the
  names in parentheses beside a known one in a listing (`… (Ville de Caen), … (Solidarités Nouvelles)`).

Where candidates overlap the longest stays. Programmes (`Services Publics +`) are no organizations,
nor are names that stand for an event (`un même rendez-vous, le ClimatLab, a eu lieu`).

Modules: `words` (words, candidates, patterns built once), `reader` (the look of words, how far a
name runs), and the rules read from a name's words (`names`), from what it does (`agents`) and
from parentheses (`affiliations`).
"""

from __future__ import annotations

from functools import cached_property

from extractors.context import DocumentContext
from extractors.organizations.affiliations import AffiliationRules
from extractors.organizations.agents import AgentRules
from extractors.organizations.names import NameRules
from extractors.organizations.words import PROGRAM_KIND, Candidate, event_context, longest_first
from schemas.extraction import OrganizationMention


class _Reader(NameRules, AgentRules, AffiliationRules):
    """Every rule over one document, and what tells an event's name from an organization's."""

    def names_event(self, candidate: Candidate) -> bool:
        """Whether a name found by its look stands for an event: the subject of a verb of taking place
        (`un même rendez-vous, le ClimatLab, a eu lieu`)."""
        return candidate.rule in self.event_prone and bool(event_context(self.rules).match(self.folded, candidate.end))

    @cached_property
    def event_prone(self) -> frozenset[str]:
        """The rules that find names by their look, which may be an event's: heads, suffixes, agents."""
        return frozenset(self.rules.rule_ids[r] for r in ("head", "suffix", "apposition", "agent"))

    def candidates(self) -> list[Candidate]:
        """Every candidate of every rule, overlapping ones included."""
        found = [self.known_candidate(first) for first in self.known]
        for first in self.heads:
            if first in self.known:
                continue
            candidate = (self.apposition_candidate(first) or self.suffix_candidate(first)
                         or self.head_candidate(first))
            if candidate:
                found.append(candidate)
        found += self.portfolio_candidates() + self.glued_gloss_candidates() + self.agent_candidates()
        return [c for c in found + self.prefect_candidates() if not self.names_event(c)]


def extract_organizations(ctx: DocumentContext) -> list[OrganizationMention]:
    """Every organization named in the document, as written there, with acronym and kind where known."""
    reader = _Reader(ctx)
    found = reader.candidates()
    found += reader.affiliation_candidates(found)
    kept = [n for c in longest_first(found) for n in (c, *c.nested)]
    return [OrganizationMention(start=c.start, end=c.end, text=ctx.text[c.start:c.end], rule=c.rule, name=c.name,
                                acronym=c.acronym, kind=c.kind)
            for c in kept if c.kind != PROGRAM_KIND]
