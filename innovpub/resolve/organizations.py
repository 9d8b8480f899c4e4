"""Organizations deduplicated across documents.

Every mention gets a key: a known administration's canonical name (`DITP` = `direction
interministérielle de transformation publique`), else its folded name. An acronym takes the key
of the name it is defined beside, in its document first (`la plate-forme RH (PFRH) …`, then `la
PFRH`), else of the known organization, else of the one name defining it anywhere. Within a
document a name without its place takes the key of the one name there that adds a place
(`Lab Pôle Emploi`, then `Lab Pôle emploi Auvergne-Rhône-Alpes`). Unknown names then join on
near-equal keys naming the same places and numbers, so `Lab Pôle emploi Paca` stays apart from
`Lab Pôle emploi Auvergne-Rhône-Alpes`; they are compared only within blocks of names sharing
two rare words, so the cost grows with the names of a block, not with the square of the names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from functools import cache, partial
from itertools import combinations

from rapidfuzz import fuzz

from extractors.known import is_acronym, known_organizations, place_names, place_pattern
from extractors.lexicons import KnownOrganization, Lexicons, fold
from extractors.textutils import fold_same_length
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import cluster, stable_id
from innovpub.resolve.entities import Resolved, preferred_form
from innovpub.settings import Settings
from schemas.dataset import OrganizationRow
from schemas.extraction import OrganizationMention

KNOWN = "known:"
_ARTICLE = re.compile(r"^(?:le |la |les |l')")
_WRITTEN_ARTICLE = re.compile(r"^(?:[Ll][ea] |[Ll]es |[Ll]['’])")
_NUMBER = re.compile(r"\b\d+\b")
_STOPWORDS = frozenset({"de", "du", "des", "la", "le", "les", "et", "pour", "au", "aux", "en", "sur"})
# Near-equal names share nearly all their words: each pair of a name's three rarest words is a
# block, so a name differing by one word still meets its twin. A word in more distinct names
# than COMMON_WORD (`interministérielle`) blocks only a name that has no two rarer ones.
BLOCKING_WORDS = 3
COMMON_WORD = 1000
# Two names differing by content words are one only when those words are misspellings of each
# other (`régionnal`/`régional`), never when a word is added or another one replaces it.
WORD_SPELLING_RATIO = 80.0
# A written region close to the canonical one is a misspelling of it (`Pays de Loire`).
REGION_SPELLING_RATIO = 85.0

Mention = tuple[str, OrganizationMention]  # (document id, mention)


def _known(key: str, lexicons: Lexicons) -> KnownOrganization | None:
    """The known organization a `known:` key stands for."""
    return known_organizations(lexicons).get(key.removeprefix(KNOWN)) if key.startswith(KNOWN) else None


def organization_key(name: str, folded: str, acronym: str | None, lexicons: Lexicons) -> str:
    """A known organization's canonical name, else the folded name (`fold(name)`) without its article.

    A name that adds a place to a known one is an office of its own (`CAF de la Haute-Vienne`);
    an unknown name defined with a known acronym is that organization, unless it adds a place.
    """
    index = known_organizations(lexicons)
    known = index.get(folded) or index.get(name)
    if known is None and (bare := _WRITTEN_ARTICLE.sub("", name)) != name:
        known = index.get(fold(bare)) or index.get(bare)  # `La Fing`: the article written before a known name
    if known is None and acronym in index and not place_names(folded, lexicons):
        known = index[acronym]
    return f"{KNOWN}{fold(known.name)}" if known else _ARTICLE.sub("", folded)


def _acronym_keys(mentions: list[Mention], keys: list[str], lexicons: Lexicons) -> list[str]:
    """Keys of bare acronyms: the name defined beside them in their document, the known one, or
    the one name that defines them anywhere."""
    local: dict[tuple[str, str], str] = {}
    anywhere: dict[str, set[str]] = defaultdict(set)
    for (doc_id, mention), key in zip(mentions, keys):
        if mention.acronym and not key.startswith(KNOWN) and not is_acronym(mention.name):
            local.setdefault((doc_id, mention.acronym), key)
            anywhere[mention.acronym].add(key)
    index = known_organizations(lexicons)
    resolved = []
    for (doc_id, mention), key in zip(mentions, keys):
        if is_acronym(mention.name):
            defining = anywhere.get(mention.name, set())
            if (doc_id, mention.name) in local:
                key = local[(doc_id, mention.name)]
            elif mention.name not in index and len(defining) == 1:
                key = next(iter(defining))
        resolved.append(key)
    return resolved


def _content_words(key: str) -> frozenset[str]:
    """The words of a key that carry meaning (not `de`, `la`…)."""
    return frozenset(key.split()) - _STOPWORDS


def _discriminators(key: str, lexicons: Lexicons) -> frozenset[str]:
    """What tells two similar names apart: the places they name and their numbers."""
    return place_names(key, lexicons) | frozenset(_NUMBER.findall(key))


def _placed_keys(mentions: list[Mention], keys: list[str],
                 discriminators: Callable[[str], frozenset[str]]) -> list[str]:
    """Within a document, a name takes the key of the one longer name there that adds places to it."""
    by_document: dict[str, set[str]] = defaultdict(set)
    for (doc_id, _), key in zip(mentions, keys):
        if not key.startswith(KNOWN):
            by_document[doc_id].add(key)
    placed: dict[tuple[str, str], str] = {}
    for doc_id, names in by_document.items():
        ordered = sorted(names)
        for key in names:
            first = bisect_left(ordered, key + " ")
            longer = [k for k in ordered[first:first + 2] if k.startswith(key + " ")]
            if len(longer) == 1 and not discriminators(key) and discriminators(longer[0]):
                placed[(doc_id, key)] = longer[0]
    return [placed.get((doc_id, key), key) for (doc_id, _), key in zip(mentions, keys)]


def _respell_regions(name: str, lexicons: Lexicons) -> str:
    """`Conseil régional des Pays de Loire` → `… des Pays de la Loire`: regions spelt canonically."""
    for match in reversed(list(place_pattern(lexicons).finditer(fold_same_length(name)))):
        written = " ".join(match.group().replace("-", " ").split())
        region = lexicons.region_aliases.get(written)
        if region and written != fold(region) and fuzz.ratio(written, fold(region)) >= REGION_SPELLING_RATIO:
            name = name[:match.start()] + region + name[match.end():]
    return name


def resolve_organization_mentions(mentions: list[Mention], settings: Settings, lexicons: Lexicons) -> Resolved:
    """One row per organization among `(document id, mention)` pairs."""
    # Names recur across mentions: each distinct one is folded, keyed and placed once.
    folded = cache(fold)
    key_of = cache(lambda name, acronym: organization_key(name, folded(name), acronym, lexicons))
    places = cache(partial(_discriminators, lexicons=lexicons))
    keys = _acronym_keys(mentions, [key_of(o.name, o.acronym) for _, o in mentions], lexicons)
    keys = _placed_keys(mentions, keys, places)

    frequency = Counter(w for key in set(keys) if not key.startswith(KNOWN) for w in _content_words(key))

    def blocks(key: str) -> list[Hashable]:
        """The blocks a key is compared in: its places with each pair of its rarest words."""
        if key.startswith(KNOWN):
            return []  # known organizations join by their canonical name only
        rarest = sorted(_content_words(key), key=lambda w: (frequency[w], -len(w), w))[:BLOCKING_WORDS]
        rare = [w for w in rarest if frequency[w] <= COMMON_WORD]
        chosen = rare if len(rare) > 1 else rarest[:2]
        return [(places(key), *pair) for pair in combinations(chosen, 2)] or [(places(key), *chosen)]

    def same(a: str, b: str) -> bool:
        """Near-equal keys naming the same places, differing at most by misspelt words."""
        if places(a) != places(b) or not fuzz.token_sort_ratio(a, b, score_cutoff=settings.organization_match_ratio):
            return False
        only_a, only_b = _content_words(a) - _content_words(b), _content_words(b) - _content_words(a)
        if not only_a or not only_b:
            return only_a == only_b  # the same words; a word more is another organization
        return fuzz.ratio(" ".join(sorted(only_a)), " ".join(sorted(only_b))) >= WORD_SPELLING_RATIO

    rows, ids, by_name = [], {}, {}
    for group in cluster(keys, blocks, same):
        members = [mentions[i] for i in group]
        group_keys = sorted({keys[i] for i in group})
        key = next((k for k in group_keys if k.startswith(KNOWN)), group_keys[0])
        known = _known(key, lexicons)
        written = [o.name for _, o in members if not is_acronym(o.name)]
        name = known.name if known else preferred_form(written or [o.name for _, o in members])
        if not known and places(key):
            name = _respell_regions(name, lexicons)
        defined = Counter(o.acronym for _, o in members if o.acronym)
        acronym = (known.acronym if known else None) or (defined.most_common(1)[0][0] if defined else None)
        kinds = Counter(o.kind for _, o in members if o.kind)
        organization_id = stable_id("org", key)
        aliases = sorted({o.name for _, o in members} - {name})
        rows.append(OrganizationRow(
            organization_id=organization_id, name=name, acronym=acronym,
            kind=known.kind if known else (kinds.most_common(1)[0][0] if kinds else None),
            aliases=aliases, document_ids=sorted({doc_id for doc_id, _ in members})))
        for doc_id, o in members:
            ids[(doc_id, o.start)] = organization_id
        for alias in [*aliases, name, acronym or ""]:
            if alias:
                by_name[folded(alias)] = organization_id
    return Resolved(rows, ids, by_name)


def resolve_organizations(documents: list[AnalysedDocument], settings: Settings, lexicons: Lexicons) -> Resolved:
    """One row per organization across documents."""
    mentions = [(d.findings.document_id, o) for d in documents for o in d.findings.organizations]
    return resolve_organization_mentions(mentions, settings, lexicons)
