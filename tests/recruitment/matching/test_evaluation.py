"""The labelled evaluation set (tests/recruitment/evaluation/pairs.json) through the real alert path:
precision and recall of the alert decision must both reach 0.95; every disagreement is printed."""

import pytest

from tests.recruitment.evaluation.runner import TARGET, evaluate, load_pairs

pytestmark = pytest.mark.django_db


def test_the_evaluation_set_covers_the_brief():
    pairs = load_pairs()
    assert len(pairs) >= 60
    assert len({pair["id"] for pair in pairs}) == len(pairs)
    assert all(pair["why"].strip() and isinstance(pair["alert"], bool) for pair in pairs)
    prefixes = {pair["id"].split("-")[0] for pair in pairs}
    assert {"exp", "skills", "role", "loc", "sal", "ind", "settings"} <= prefixes


def test_alert_decisions_agree_with_the_labels(capsys):
    evaluation = evaluate()
    with capsys.disabled():
        print("\n" + evaluation.report())
    assert evaluation.precision >= TARGET, evaluation.report()
    assert evaluation.recall >= TARGET, evaluation.report()
