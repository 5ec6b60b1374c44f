"""Quick checks: a self-learner types an answer and learns whether it is right, without seeing it.

Each check in helpers/data/checks.csv holds the SHA-256 of the normalised right answer, never the
answer itself, and a hint to show when the answer is wrong.
"""

import hashlib
import numbers

from helpers._data import read_csv


def normalise(answer):
    """The form an answer is compared in: text lower-cased and trimmed, a whole number without ".0"."""
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool) and float(answer).is_integer():
        answer = int(answer)
    return str(answer).strip().casefold()


def fingerprint(answer):
    return hashlib.sha256(normalise(answer).encode("utf-8")).hexdigest()


class Verdict:
    """The outcome of a check: ``right`` (True or False) and the message shown in the notebook."""

    def __init__(self, right, message):
        self.right = right
        self.message = message

    def __repr__(self):
        return self.message

    def __bool__(self):
        return self.right


def check(exercise, answer):
    """Whether ``answer`` is the right answer to quick check ``exercise`` ("02.1"…), with a hint if it is not."""
    checks = read_csv("checks.csv").set_index("exercise")
    if exercise not in checks.index:
        raise ValueError(f"helpers/data/checks.csv has no check {exercise!r}; the checks are {sorted(checks.index)}")
    row = checks.loc[exercise]
    if fingerprint(answer) == row["sha256"]:
        return Verdict(True, f"Check {exercise}: right.")
    return Verdict(False, f"Check {exercise}: not yet ({normalise(answer)!r}). Hint: {row['hint']}")
