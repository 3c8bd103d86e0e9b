"""The board's location search: a city, a country by name (or part of it), ISO code or everyday name."""

import pytest

from tests.vacancies.board.test_board import BOARD, published, titles
from vacancies.locations import country_codes, exact_country

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    published(title="London role", city="London", country="GB")
    published(title="Edinburgh role", city="Edinburgh", country="GB")
    published(title="Austin role", city="Austin", country="US")
    published(title="Amsterdam role", city="Amsterdam", country="NL")
    published(title="Berlin role", city="Berlin", country="DE")
    published(title="Kyiv role", city="Kyiv", country="UA")
    published(title="Nicosia role", city="Nicosia", country="CY")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("UK", {"London role", "Edinburgh role"}),
        ("uk", {"London role", "Edinburgh role"}),
        ("U.K.", {"London role", "Edinburgh role"}),
        ("GB", {"London role", "Edinburgh role"}),
        ("GBR", {"London role", "Edinburgh role"}),
        ("Great Britain", {"London role", "Edinburgh role"}),
        ("England", {"London role", "Edinburgh role"}),
        ("United Kingdom", {"London role", "Edinburgh role"}),
        ("united king", {"London role", "Edinburgh role"}),
        ("USA", {"Austin role"}),
        ("US", {"Austin role"}),
        ("U.S.", {"Austin role"}),
        ("America", {"Austin role"}),
        ("United States", {"Austin role"}),
        ("Holland", {"Amsterdam role"}),
        ("Netherlands", {"Amsterdam role"}),
        ("NL", {"Amsterdam role"}),
        ("Deutschland", {"Berlin role"}),
        ("Germany", {"Berlin role"}),
        ("DEU", {"Berlin role"}),
        ("  berlin ", {"Berlin role"}),
        ("London, UK", {"London role"}),
        ("Edinburgh, Scotland", {"Edinburgh role"}),
        ("London, Germany", set()),
        ("Atlantis", set()),
    ],
)
def test_countries_by_name_code_or_everyday_name(client, places, typed, expected):
    assert set(titles(client.get(BOARD, {"location": typed}))) == expected


def test_short_codes_do_not_match_inside_other_names(client, places):
    # "uk" is in "Ukraine" and "us" in "Cyprus" and "Austin": a code means that country only.
    assert "Kyiv role" not in titles(client.get(BOARD, {"location": "UK"}))
    assert set(titles(client.get(BOARD, {"location": "us"}))) == {"Austin role"}


def test_country_lookup_helpers():
    assert exact_country("uk") == exact_country("Great  Britain") == exact_country("gbr") == "GB"
    assert exact_country("España") == "ES"
    assert exact_country("Netherl") is None
    assert country_codes("Netherl") >= {"NL"}
    assert country_codes("zz") == set()
    assert country_codes("") == set()
