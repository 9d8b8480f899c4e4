"""French date expressions: spans, kinds and values placed against the publication date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import DatePoint, extract_dates, find_date_spans, load_lexicon
from innovpub.errors import InvalidLexicon

D = date.fromisoformat
NOV_2020 = D("2020-11-18")  # `Paris, le 18 novembre 2020`: the communiqué of the 2020 edition
OCT_2021 = D("2021-10-26")
NOV_2022 = D("2022-11-20")
OCT_2023 = D("2023-10-19")


def case(text, reference, span, kind, starts_on, ends_on, dates, *, id, marks=()):
    """One expected value: `span` is what it must cover, dates are ISO strings."""
    expected = (span, kind, starts_on and D(starts_on), ends_on and D(ends_on), [D(d) for d in dates])
    return pytest.param(text, reference, expected, id=id, marks=marks)


TITLES = [
    case("DU 2 AU 30 NOVEMBRE 2020", None, "DU 2 AU 30 NOVEMBRE 2020", "range", "2020-11-02", "2020-11-30",
         ["2020-11-02", "2020-11-30"], id="title-range-capitals"),
    case("PRES DE 300 EVENEMENTS DIGITAUX JUSQU'AU 30 NOVEMBRE", NOV_2020, "JUSQU'AU 30 NOVEMBRE", "until",
         None, "2020-11-30", ["2020-11-30"], id="title-until-capitals"),
    case("10^E EDITION DU MOIS DE L'INNOVATION PUBLIQUE DU 2 AU 30 NOVEMBRE :", OCT_2023, "DU 2 AU 30 NOVEMBRE",
         "range", "2023-11-02", "2023-11-30", ["2023-11-02", "2023-11-30"], id="title-10e-edition-not-a-day"),
    case("LE 1ER DECEMBRE 2020", None, "1ER DECEMBRE 2020", "day", "2020-12-01", "2020-12-01", ["2020-12-01"],
         id="title-unaccented-decembre"),
    case("JUSQU’AU 15 FEVRIER 2021", None, "JUSQU’AU 15 FEVRIER 2021", "until", None, "2021-02-15",
         ["2021-02-15"], id="title-curly-apostrophe-fevrier"),
    case("DU 2 AU 30\nNOVEMBRE 2020", None, "DU 2 AU 30\nNOVEMBRE 2020", "range", "2020-11-02", "2020-11-30",
         ["2020-11-02", "2020-11-30"], id="title-wrapped-line"),
    case("FIN AOUT 2021", None, "FIN AOUT 2021", "month", "2021-08-01", "2021-08-31", [], id="title-month-aout"),
]

PROSE = [
    case("sprint créatif le 29 novembre 2022 durant lequel", None, "29 novembre 2022", "day", "2022-11-29",
         "2022-11-29", ["2022-11-29"], id="prose-day-with-year"),
    case("lors d'une conférence de presse le 8 novembre. Depuis", NOV_2022, "8 novembre", "day", "2022-11-08",
         "2022-11-08", ["2022-11-08"], id="prose-day-nearest-past"),
    case("Rendez-vous le 24 novembre sur", NOV_2020, "24 novembre", "day", "2020-11-24", "2020-11-24",
         ["2020-11-24"], id="prose-day-nearest-future"),
    case("le 1er mars", D("2021-02-01"), "1er mars", "day", "2021-03-01", "2021-03-01", ["2021-03-01"],
         id="prose-1er"),
    case("le 5 janvier", D("2020-12-15"), "5 janvier", "day", "2021-01-05", "2021-01-05", ["2021-01-05"],
         id="prose-january-from-december"),
    case("le 28 décembre", D("2021-01-04"), "28 décembre", "day", "2020-12-28", "2020-12-28", ["2020-12-28"],
         id="prose-december-from-january"),
    case("le 8 novembre dernier", D("2022-11-05"), "8 novembre dernier", "day", "2021-11-08", "2021-11-08",
         ["2021-11-08"], id="prose-dernier"),
    case("jusqu'au vendredi 3 novembre.", OCT_2023, "jusqu'au vendredi 3 novembre", "until", None, "2023-11-03",
         ["2023-11-03"], id="prose-until-weekday"),
    case("le vendredi 3 novembre", OCT_2023, "vendredi 3 novembre", "day", "2023-11-03", "2023-11-03",
         ["2023-11-03"], id="prose-day-weekday"),
    case("lance, du 2 au 30 novembre prochain, le mois", OCT_2021, "du 2 au 30 novembre prochain", "range",
         "2021-11-02", "2021-11-30", ["2021-11-02", "2021-11-30"], id="prose-range-prochain"),
    case("- Du 1er au 30 novembre", NOV_2020, "Du 1er au 30 novembre", "range", "2020-11-01", "2020-11-30",
         ["2020-11-01", "2020-11-30"], id="prose-range-1er"),
    case("Université Rennes 2** - du 23 novembre au 7 décembre", NOV_2020, "du 23 novembre au 7 décembre", "range",
         "2020-11-23", "2020-12-07", ["2020-11-23", "2020-12-07"], id="prose-range-two-months-one-span"),
    case("du 28 décembre 2023 au 3 janvier 2024", None, "du 28 décembre 2023 au 3 janvier 2024", "range",
         "2023-12-28", "2024-01-03", ["2023-12-28", "2024-01-03"], id="prose-range-two-years"),
    case("du 28 décembre au 3 janvier 2024", None, "du 28 décembre au 3 janvier 2024", "range", "2023-12-28",
         "2024-01-03", ["2023-12-28", "2024-01-03"], id="prose-range-end-year-goes-back"),
    case("du 28 décembre 2023 au 3 janvier", None, "du 28 décembre 2023 au 3 janvier", "range", "2023-12-28",
         "2024-01-03", ["2023-12-28", "2024-01-03"], id="prose-range-end-moves-a-year-later"),
    case("du 28 décembre au 3 janvier", D("2023-12-20"), "du 28 décembre au 3 janvier", "range", "2023-12-28",
         "2024-01-03", ["2023-12-28", "2024-01-03"], id="prose-range-over-new-year-from-december"),
    case("entre le 2 et le 30 novembre", OCT_2021, "entre le 2 et le 30 novembre", "range", "2021-11-02",
         "2021-11-30", ["2021-11-02", "2021-11-30"], id="prose-range-entre"),
    case("du lundi 2 au vendredi 6 octobre", D("2023-09-01"), "du lundi 2 au vendredi 6 octobre", "range",
         "2023-10-02", "2023-10-06", ["2023-10-02", "2023-10-06"], id="prose-range-weekdays"),
    case("la CAF de la Haute-Vienne, les 24 et 25 novembre prochains** .", NOV_2020, "24 et 25 novembre prochains",
         "days", "2020-11-24", "2020-11-25", ["2020-11-24", "2020-11-25"], id="prose-days-prochains"),
    case("les 16 et le 21 novembre", NOV_2022, "16 et le 21 novembre", "days", "2022-11-16", "2022-11-21",
         ["2022-11-16", "2022-11-21"], id="prose-days-les-et-le"),
    case("le 16 et le 21 novembre", NOV_2022, "16 et le 21 novembre", "days", "2022-11-16", "2022-11-21",
         ["2022-11-16", "2022-11-21"], id="prose-days-le-et-le"),
    case("les 3, 4 et 5 décembre", NOV_2020, "3, 4 et 5 décembre", "days", "2020-12-03", "2020-12-05",
         ["2020-12-03", "2020-12-04", "2020-12-05"], id="prose-days-three"),
    case("- **Hauts de France : «Faisons Simple»**, jusqu'au 4 décembre", NOV_2020, "jusqu'au 4 décembre", "until",
         None, "2020-12-04", ["2020-12-04"], id="prose-until"),
    case("jusqu’au 30 novembre prochain", NOV_2020, "jusqu’au 30 novembre prochain", "until", None, "2020-11-30",
         ["2020-11-30"], id="prose-until-curly-prochain"),
    case("le\u00a024\u00a0novembre", NOV_2020, "24\u00a0novembre", "day", "2020-11-24", "2020-11-24",
         ["2020-11-24"], id="prose-non-breaking-spaces"),
    case("jusqu’au\u202f3\u202fsept. 2021", None, "jusqu’au\u202f3\u202fsept. 2021", "until", None, "2021-09-03",
         ["2021-09-03"], id="prose-narrow-nbsp-sept-abbreviation"),
    case("le 2 fév. 2021", None, "2 fév. 2021", "day", "2021-02-02", "2021-02-02", ["2021-02-02"],
         id="prose-fev-abbreviation"),
    case("en novembre 2016, les laboratoires", None, "en novembre 2016", "month", "2016-11-01", "2016-11-30", [],
         id="prose-month-en"),
    case("novembre 2016", None, "novembre 2016", "month", "2016-11-01", "2016-11-30", [], id="prose-month-bare"),
    case("Au nombre de 12 en 2021, l'Atlas 2022", None, "en 2021", "year", "2021-01-01", "2021-12-31", [],
         id="prose-year-en-not-bare-year"),
    case("Depuis 2014, la DITP", None, "Depuis 2014", "year", "2014-01-01", "2014-12-31", [], id="prose-year-depuis"),
    case("depuis fin 2016. Ils", None, "depuis fin 2016", "year", "2016-01-01", "2016-12-31", [],
         id="prose-year-depuis-fin"),
    case("dès 2019", None, "dès 2019", "year", "2019-01-01", "2019-12-31", [], id="prose-year-des"),
]

DATELINES = [
    case("Paris, le 18 novembre 2020", None, "18 novembre 2020", "day", "2020-11-18", "2020-11-18",
         ["2020-11-18"], id="dateline-paris"),
    case("18 novembre 2020", None, "18 novembre 2020", "day", "2020-11-18", "2020-11-18", ["2020-11-18"],
         id="dateline-bare"),
    case("Publié le 01 décembre 2020", None, "01 décembre 2020", "day", "2020-12-01", "2020-12-01",
         ["2020-12-01"], id="dateline-publie-le"),
    case("PDF (1 071.6 Ko) - Dernière mise à jour le 14 juin 2021", None, "14 juin 2021", "day", "2021-06-14",
         "2021-06-14", ["2021-06-14"], id="dateline-derniere-mise-a-jour-is-a-day"),
    case("26/10/2021 Yannick SOURISSEAU", None, "26/10/2021", "day", "2021-10-26", "2021-10-26", ["2021-10-26"],
         id="dateline-numeric-slash"),
    case("Mis à jour : 26.10.2021.", None, "26.10.2021", "day", "2021-10-26", "2021-10-26", ["2021-10-26"],
         id="dateline-numeric-dot"),
    case("publié 2021-10-26T09:00", None, "2021-10-26", "day", "2021-10-26", "2021-10-26", ["2021-10-26"],
         id="dateline-iso"),
    case("du 02/11/2020 au 30/11/2020", None, "du 02/11/2020 au 30/11/2020", "range", "2020-11-02", "2020-11-30",
         ["2020-11-02", "2020-11-30"], id="dateline-numeric-range"),
]

AGENDAS = [
    case("[Le mardi 15/03 de 14h à 16h] [Atelier]", D("2022-02-20"), "mardi 15/03", "day", "2022-03-15",
         "2022-03-15", ["2022-03-15"], id="agenda-weekday-day-month-figures"),
    case("Le jeudi 09/03 de 10h à 12h", D("2024-02-02"), "jeudi 09/03", "day", "2023-03-09", "2023-03-09",
         ["2023-03-09"], id="agenda-weekday-picks-the-year-before"),
    case("inscriptions avant le 21/09.", D("2023-09-01"), "21/09", "day", "2023-09-21", "2023-09-21",
         ["2023-09-21"], id="agenda-le-day-month-figures"),
    case("ce samedi 9 décembre, au forum", D("2022-11-30"), "samedi 9 décembre", "day", "2023-12-09",
         "2023-12-09", ["2023-12-09"], id="weekday-picks-the-year-after"),
    case("les 1er et 2 décembre", NOV_2022, "1er et 2 décembre", "days", "2022-12-01", "2022-12-02",
         ["2022-12-01", "2022-12-02"], id="days-1er-et-2"),
    case("le 14 et le 15 mars", D("2024-02-01"), "14 et le 15 mars", "days", "2024-03-14", "2024-03-15",
         ["2024-03-14", "2024-03-15"], id="days-le-et-le"),
]

KNOWN_MISSES = [
    case("le 3 ou le 4 décembre", NOV_2020, "3 ou le 4 décembre", "days", "2020-12-03", "2020-12-04",
         ["2020-12-03", "2020-12-04"], id="miss-ou-between-days", marks=pytest.mark.xfail(strict=True)),
    case("2-30 novembre 2020", None, "2-30 novembre 2020", "range", "2020-11-02", "2020-11-30",
         ["2020-11-02", "2020-11-30"], id="miss-hyphen-range", marks=pytest.mark.xfail(strict=True)),
]


@pytest.mark.parametrize(("text", "reference", "expected"), TITLES + PROSE + DATELINES + AGENDAS + KNOWN_MISSES)
def test_one_date_expression(text: str, reference: date | None, expected: tuple) -> None:
    (value,) = extract_dates(text, reference)
    assert text[value.start:value.end] == value.text
    assert (value.text, value.kind, value.starts_on, value.ends_on, value.dates) == expected


@pytest.mark.parametrize("text", [
    pytest.param("à 14h30 au ministère", id="time"),
    pytest.param("Contact : 06.08.72.50.29", id="phone-dots"),
    pytest.param("Contact : 06 13 06 42 00", id="phone-spaces"),
    pytest.param("la version 2.10.3 du logiciel", id="version"),
    pytest.param("pour cette 10e édition", id="10e-edition"),
    pytest.param("PDF (1 071.6 Ko)", id="amount-ko"),
    pytest.param("plus de 2000 agents", id="bare-number"),
    pytest.param("l'Atlas 2022 en répertorie 13", id="bare-year"),
    pytest.param("MOIS DE L'INNOVATION PUBLIQUE 2020 :", id="title-bare-year"),
    pytest.param("au mois de novembre, la DITP", id="month-without-year"),
    pytest.param("quel portail pour demain ? sa mise en place", id="demain-and-sa"),
    pytest.param("entre 1,5 novembre", id="decimal-before-month"),
    pytest.param("le 31 novembre 2020", id="impossible-day"),
    pytest.param("le 29 février 2021", id="not-a-leap-year"),
    pytest.param("le 12\n\n2020", id="blank-line-between"),
    pytest.param("une note de 15/20 au test", id="score-in-figures"),
    pytest.param("le lundi 12/13 du mois", id="thirteenth-month"),
    pytest.param("la version 1.2.2020 du logiciel", id="version-like-a-date",
                 marks=pytest.mark.xfail(strict=True)),
])
def test_not_a_date(text: str) -> None:
    assert extract_dates(text, NOV_2020) == []


def test_year_less_dates_have_no_value_without_reference() -> None:
    text = "le 8 novembre, du 2 au 30 novembre 2020, jusqu'au 4 décembre"
    assert [v.text for v in extract_dates(text, None)] == ["du 2 au 30 novembre 2020"]


@pytest.mark.parametrize(("text", "inferred"), [
    pytest.param("le mercredi 9/11", True, id="figures-without-year"),
    pytest.param("le 24 novembre", True, id="words-without-year"),
    pytest.param("le 24 novembre 2021", False, id="year-written"),
    pytest.param("du 2 au 30 novembre 2021", False, id="range-year-written"),
])
def test_a_year_the_text_does_not_write_is_marked_inferred(text: str, inferred: bool) -> None:
    (value,) = extract_dates(text, OCT_2021)
    assert value.inferred is inferred


def test_a_longer_range_is_one_span_not_two() -> None:
    text = "du 23 novembre au 7 décembre et le 24 novembre 2020"
    assert [(v.text, v.rule) for v in extract_dates(text, NOV_2020)] == [
        ("du 23 novembre au 7 décembre", "range_du_au"),
        ("24 novembre 2020", "day"),
    ]


def test_spans_keep_raw_parts() -> None:
    (span,) = find_date_spans("Les 24 et 25 NOVEMBRE prochains")
    assert (span.kind, span.rule, span.relative) == ("days", "days_list", "next")
    assert span.points == (DatePoint("24", None, None), DatePoint("25", "NOVEMBRE", None))


def test_communique_values_in_order() -> None:
    text = (
        "Paris, le 18 novembre 2020\n\nMOIS DE L'INNOVATION PUBLIQUE 2020 :\n\n"
        "PRES DE 300 EVENEMENTS DIGITAUX JUSQU'AU 30 NOVEMBRE\n\n"
        "Du 2 au 30 novembre 2020, près de 300 événements. Depuis 2014, la DITP fédère."
    )
    assert [(v.kind, v.starts_on, v.ends_on) for v in extract_dates(text, NOV_2020)] == [
        ("day", D("2020-11-18"), D("2020-11-18")),
        ("until", None, D("2020-11-30")),
        ("range", D("2020-11-02"), D("2020-11-30")),
        ("year", D("2014-01-01"), D("2014-12-31")),
    ]


@pytest.mark.parametrize("content", [
    pytest.param("months: [", id="not-yaml"),
    pytest.param("- a list\n", id="not-a-mapping"),
    pytest.param("months: [[janvier]]\nweekdays: [lundi]\nordinals: {}\nrelative: {next: [prochain], last: [dernier]}"
                 "\nperiod_prefixes: [en]\n", id="eleven-months-missing"),
])
def test_malformed_lexicon_names_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "dates_fr.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidLexicon, match="dates_fr.yaml"):
        load_lexicon(path)


def test_bundled_lexicon_is_valid() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.months) == 12 and lexicon.ordinals["1er"] == 1


DATE_WORDS = [
    "le", "les", "du", "au", "et", "entre", "jusqu'au", "jusqu’au", "en", "depuis", "dès", "fin", "début",
    "1er", "1^er", "premier", "prochain", "prochains", "dernier", "vendredi", "lundi", "novembre", "DECEMBRE",
    "février", "fév.", "sept.", "déc.", "AOUT", "mars", "mai", "2020", "2024", "1999", "14h30", "Ko",
]
TOKENS = st.one_of(
    st.sampled_from(DATE_WORDS),
    st.integers(0, 3000).map(str),
    st.from_regex(r"\d{1,4}([/.\-]\d{1,4}){1,3}", fullmatch=True),
)
SEPARATORS = st.sampled_from([" ", "\u00a0", "\u202f", "\n", "\n\n", ", ", ".", "/", "-", "'", "’", ""])
MIXES = st.lists(st.tuples(TOKENS, SEPARATORS), max_size=25).map(lambda parts: "".join(t + s for t, s in parts))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), MIXES), reference=st.one_of(st.none(), st.dates()))
def test_never_raises_and_offsets_give_back_the_text(text: str, reference: date | None) -> None:
    for value in extract_dates(text, reference):
        assert text[value.start:value.end] == value.text
        if value.starts_on and value.ends_on:
            assert value.starts_on <= value.ends_on
        assert value.dates == sorted(value.dates)
