"""Byline normalisation, table-driven: credit lines as publishers really write them."""

import pytest

from localwire.articles.extract import Byline, normalise_byline

AGENCIES = ["Meridian Press"]  # the demo's fictional wire, as an operator would mark it

CASES = [
    ("By Joseph Price, By DASHA LITVINOVA Associated Press", ["Joseph Price", "Dasha Litvinova"], "Associated Press"),
    ("By JANE DOE and JOHN ROE, Associated Press", ["Jane Doe", "John Roe"], "Associated Press"),
    ("BY MARK O'NEIL, REUTERS", ["Mark O'Neil"], "Reuters"),
    ("Staff report", [], ""),
    ("Written by Ana Ruiz | Photos by Ben Ng", ["Ana Ruiz"], ""),
    ("Ana Ruiz, ana.ruiz@example.org", ["Ana Ruiz"], ""),
    ("By the Associated Press", [], "Associated Press"),
    ("By Ana Ruiz, Staff Writer", ["Ana Ruiz"], ""),
    ("By KATHLEEN MCDONALD and JUAN DE LA CRUZ", ["Kathleen McDonald", "Juan de la Cruz"], ""),
    ("Sam Lee; Pat Kim", ["Sam Lee", "Pat Kim"], ""),
    ("By AFP", [], "Agence France-Presse"),
    ("By Dana Whitfield, Meridian Press", ["Dana Whitfield"], "Meridian Press"),
    ("Meridian Press staff", [], "Meridian Press"),  # the agency's own desk: no person, the agency
    ("By Brian Ellis USA TODAY", ["Brian Ellis"], ""),
    ("By Lu Chen & Omar Haddad", ["Lu Chen", "Omar Haddad"], ""),
    ("Lu Chen &amp; Omar Haddad", ["Lu Chen", "Omar Haddad"], ""),
    ("By Mia Park, Senior Political Correspondent", ["Mia Park"], ""),
    ("Tom Ford (AP)", ["Tom Ford"], "Associated Press"),
    ("From Reuters", [], "Reuters"),
    ("By Priya Nair, Ben Ortiz and Cho Min-jun", ["Priya Nair", "Ben Ortiz", "Cho Min-jun"], ""),
    ("By SEAN D'ARCY, dpa", ["Sean D'Arcy"], "Deutsche Presse-Agentur"),
    ("Written by", [], ""),
    ("Posted by admin", [], ""),
    ("The Commercial Appeal", [], ""),
    ("", [], ""),
    # Titles closing a line, after a comma or on a line of their own, are cut.
    ("Stephen Rowe AI Writer", ["Stephen Rowe"], ""),
    ("Meg Tran Content Marketing Coordinator", ["Meg Tran"], ""),
    ("Omar Haddad\nTech Reporter", ["Omar Haddad"], ""),
    ("By Dana Cole, WCI Columnist", ["Dana Cole"], ""),
    # Organisations, desks and agencies are not people.
    ("Reuters Staff", [], "Reuters"),
    ("Staff Report", [], ""),
    ("The Daily Ledger", [], ""),
    ("By AP", [], "Associated Press"),
    ("Harbor Valley Clinic", [], ""),
    ("Valley News Desk", [], ""),
    ("Great Lakes Editorial Team", [], ""),
    ("AccountingDesk.com", [], ""),
    # Section labels, dates and sentences are not names.
    ("Personal finance", [], ""),
    ("By Ana Ruiz • March 3, 2026", ["Ana Ruiz"], ""),
    ("Exact H1 H2", [], ""),
    ("by adopting these strategies", [], ""),
    ("Author: Priya Raman", ["Priya Raman"], ""),
]


@pytest.mark.parametrize("raw, authors, agency", CASES)
def test_byline_normalisation(raw, authors, agency):
    assert normalise_byline(raw, agencies=AGENCIES) == Byline(authors, agency)


def test_operator_agency_is_known_only_when_marked():
    assert normalise_byline("By Dana Whitfield, Meridian Press").agency == ""


def test_single_names_only_from_structured_sources():
    assert normalise_byline("Susan").authors == []
    assert normalise_byline("Susan", single_names=True).authors == ["Susan"]
    assert normalise_byline("kffnirmitap", single_names=True).authors == []


def test_single_names_are_words_in_title_case_not_acronyms():
    assert normalise_byline("CDC", single_names=True).authors == []
    assert normalise_byline("ShawnHymel", single_names=True).authors == ["ShawnHymel"]
    assert normalise_byline("bell hooks", single_names=True).authors == ["Bell Hooks"]
    assert normalise_byline("bell hooks").authors == [], "lower case is trusted only from the page's author field"
