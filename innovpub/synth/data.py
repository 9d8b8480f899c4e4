"""The word lists and sentence templates of the generator, read once from `data/*.yaml`."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from innovpub.errors import InvalidLexicon

DATA_DIR = Path(__file__).parent / "data"
FILES = ("names", "places", "organizations", "roles", "events", "editions", "phrases")
# libyaml's parser is several times faster; the pure-Python one gives the same result.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class SynthData:
    """Every data file, as parsed YAML mappings."""

    names: dict[str, Any]
    places: dict[str, Any]
    organizations: dict[str, Any]
    roles: dict[str, Any]
    events: dict[str, Any]
    editions: dict[str, Any]
    phrases: dict[str, Any]


def _load(name: str) -> dict[str, Any]:
    path = DATA_DIR / f"{name}.yaml"
    try:
        content = yaml.load(path.read_text("utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise InvalidLexicon(f"{path}: {error}") from None
    if not isinstance(content, dict):
        raise InvalidLexicon(f"{path}: expected a mapping at the top level")
    return content


def _require(data: SynthData) -> None:
    """Fail loudly on a data file that lacks what the generator reads."""
    needed = {
        "names": ("given_names", "surnames", "particle_surnames"),
        "places": ("regions",),
        "organizations": ("pilot", "national", "ministries", "public_service_ministries", "associations",
                          "labs", "operator_labs", "per_department", "per_region", "per_city"),
        "roles": ("minister", "delegate", "back_reference", "pilot_staff", "press", "by_family", "experts"),
        "events": ("formats", "topics", "title_subjects", "title_patterns", "purposes"),
        "editions": ("first_year", "last_year", "themes", "ordinal_words"),
        "phrases": ("lead_pilot", "lead_count", "theme", "quotes", "context", "prose_events", "titles"),
    }
    for name, keys in needed.items():
        missing = [key for key in keys if key not in getattr(data, name)]
        if missing:
            raise InvalidLexicon(f"{DATA_DIR / name}.yaml: missing {', '.join(missing)}")
    # A reader infers a region from a department or a city: each name must belong to one region.
    places = [p for r in data.places["regions"] for p in [*(d[0] for d in r["departments"]), *r["cities"]]]
    repeated = sorted({p for p in places if places.count(p) > 1})
    if repeated:
        raise InvalidLexicon(f"{DATA_DIR}/places.yaml: in several regions: {', '.join(repeated)}")
    regions = {r["name"] for r in data.places["regions"]}
    strays = [lab["name"] for lab in data.organizations["labs"] if lab["region"] not in regions]
    if strays:
        raise InvalidLexicon(f"{DATA_DIR}/organizations.yaml: labs in unknown regions: {', '.join(strays)}")
    editions = data.editions
    years = editions["last_year"] - editions["first_year"] + 1
    if len(editions["themes"]) < years or len(editions["ordinal_words"]) < years:
        raise InvalidLexicon(f"{DATA_DIR}/editions.yaml: fewer themes or ordinals than editions")


@functools.cache
def load_data() -> SynthData:
    """All data files, parsed and checked (cached: they never change during a run)."""
    data = SynthData(**{name: _load(name) for name in FILES})
    _require(data)
    return data
