"""The index's pictures, as static SVG drawn by matplotlib at publication.

Matplotlib's object API (`Figure`, no `pyplot`): no global state, no display. Text stays text
in the SVG (`svg.fonttype: none`), and the files carry no date, so the same figures give the
same bytes.
"""

from __future__ import annotations

import io
import textwrap
from collections import Counter
from collections.abc import Iterable

KIND_COLOURS = {"communique": "#3465a4", "article": "#f57900", "unknown": "#888a85"}
STYLE = {"svg.fonttype": "none", "svg.hashsalt": "innovpub", "font.size": 9, "font.family": "sans-serif"}


def _svg(figure: object) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")  # type: ignore[attr-defined]
    return buffer.getvalue()


def editions_timeline(editions: Iterable[dict], counts: Iterable[dict]) -> bytes:
    """Each edition on a time line: the event counts the documents claim for it, and its themes."""
    import matplotlib
    from matplotlib.figure import Figure

    claimed: dict[int, list[int]] = {}
    for count in counts:
        claimed.setdefault(count["edition_year"], []).append(count["value"])
    editions = sorted(editions, key=lambda e: e["year"])
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(9, 3.6))
        axes = figure.add_subplot()
        top = max((v for values in claimed.values() for v in values), default=1)
        for edition in editions:
            year, values = edition["year"], claimed.get(edition["year"], [])
            if values:
                axes.vlines(year, min(values), max(values), color="#3465a4", linewidth=2)
                axes.scatter([year] * len(values), values, color="#3465a4", s=18, zorder=3)
            label = f"n° {edition['number']}" if edition["number"] is not None else str(year)
            themes = "\n".join(textwrap.shorten(t, 28, placeholder="…") for t in edition["themes"][:2])
            axes.annotate(f"{label}\n{themes}".strip(), (year, max(values, default=0)), textcoords="offset points",
                          xytext=(0, 6), ha="center", va="bottom", fontsize=7)
        axes.set_ylim(0, top * 1.45 + 1)
        years = [e["year"] for e in editions]
        if years:
            axes.set_xlim(min(years) - 0.7, max(years) + 0.7)
            axes.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 12 else 0)
        axes.set_ylabel("événements annoncés")
        axes.set_title("Les éditions : nombres d'événements annoncés par les documents, et thèmes")
        axes.spines[["top", "right"]].set_visible(False)
        return _svg(figure)


def documents_by_year(documents: Iterable[dict]) -> bytes:
    """Documents per year of publication, stacked by kind."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    tally = Counter((d["published_on"].year if d["published_on"] else None, d["kind"]) for d in documents)
    years = sorted({year for year, _ in tally if year is not None})
    undated = sum(n for (year, _), n in tally.items() if year is None)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(9, 2.8))
        axes = figure.add_subplot()
        bottom = [0] * len(years)
        for kind, colour in KIND_COLOURS.items():
            heights = [tally[(year, kind)] for year in years]
            if any(heights):
                axes.bar(years, heights, bottom=bottom, color=colour, label=kind)
                bottom = [b + h for b, h in zip(bottom, heights)]
        if years:
            axes.set_xticks(years, [str(y) for y in years], rotation=45 if len(years) > 12 else 0)
            axes.legend(frameon=False, fontsize=8)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel("documents")
        axes.set_title(f"Documents par année et par genre{f' ({undated} sans date)' if undated else ''}")
        axes.spines[["top", "right"]].set_visible(False)
        return _svg(figure)
