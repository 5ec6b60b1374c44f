"""Quick checks tell right from wrong without giving the answer away."""

import pytest

import helpers
from helpers._data import DATA, read_csv


def test_a_check_accepts_the_right_answer_in_any_case_and_number_form():
    checks = read_csv("checks.csv")
    assert len(checks) > 0
    assert helpers.exercises.fingerprint(" LipUtan6 ") == helpers.exercises.fingerprint("liputan6")
    assert helpers.exercises.fingerprint(4.0) == helpers.exercises.fingerprint(4) == helpers.exercises.fingerprint("4")


def test_a_wrong_answer_gets_the_hint_and_not_the_answer():
    checks = read_csv("checks.csv").set_index("exercise")
    for exercise, row in checks.iterrows():
        verdict = helpers.check(exercise, "certainly not the answer")
        assert not verdict and row["hint"] in repr(verdict)


def test_the_checks_file_holds_no_answer_in_clear():
    text = (DATA / "checks.csv").read_text(encoding="utf-8")
    assert "sha256" in text.splitlines()[0]
    for row in read_csv("checks.csv").itertuples():
        assert len(row.sha256) == 64 and int(row.sha256, 16) >= 0


def test_an_unknown_check_is_named():
    with pytest.raises(ValueError, match="no check '99.9'"):
        helpers.check("99.9", 1)


def test_no_two_checks_share_an_answer():
    """An answer right for one check would be right for another: a learner could pass by repeating it."""
    checks = read_csv("checks.csv")
    shared = checks[checks["sha256"].duplicated(keep=False)]
    assert shared.empty, f"checks {list(shared['exercise'])} have the same answer"
