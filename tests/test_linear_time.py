"""No input can hang a stage: every stage's time grows about linearly with the input's length.

Each adversarial string is run at 10,000 and at 100,000 characters. Linear work takes about 10 times
as long on the longer one, quadratic work 100 times, and the old exponential sentence splitter never
finished. The allowed factor (40) and the floor under the short run's time are generous so that a busy
machine cannot fail the test alone; a stage that hangs fails it after TIME_LIMIT seconds.
"""

import signal
import time
from contextlib import contextmanager

import pandas as pd
import pytest

import helpers
from helpers import annotating, cleaning, comparing, reading, rendering

SHORT, LONG = 10_000, 100_000
GROWTH_LIMIT = 40  # linear is 10, quadratic 100
FLOOR = 0.05  # seconds: below this, timer noise and start-up costs dominate
TIME_LIMIT = 120  # seconds for one stage on the long input


def made_up_names(n):
    """Distinct capitalised words that no dictionary holds (Bbcan, Bbdan, …): n characters of different names."""
    letters = "bcdfghjklmnprstvwz"
    names, i = [], 0
    while sum(map(len, names)) < n:
        names.append("Kata " + "".join(letters[int(d)] for d in str(i)).capitalize() + "an datang.")
        i += 1
    return " ".join(names)


ADVERSARIAL = {
    "a row of dots": lambda n: "Budi datang ke Jakarta. Hmm" + "." * n + " ya, kata Budi.",
    "a. a. a.": lambda n: "Awal " + "a." * (n // 2),
    "e-mail-like run": lambda n: "x" + "a@" * (n // 2),
    "e-mail-like dotted run": lambda n: "a.b@c." * (n // 6),
    "straight quotes": lambda n: 'Budi berkata ' + '"a" ' * (n // 4),
    "curly quotes": lambda n: 'Budi berkata ' + '“a” ' * (n // 4),
    "quotes inside quotes": lambda n: '“a "b “c ' * (n // 9),
    "brackets": lambda n: "Budi " + "(" * (n // 2) + ")" * (n // 2),
    "hyphens": lambda n: "-" * n,
    "capitals": lambda n: "Budi " + "Ab " * (n // 3) + ".",
    "capitalised sentences": lambda n: "Ab. " * (n // 4),
    "digits": lambda n: "1" * n,
    "digits and dots": lambda n: "1." * (n // 2),
    "Senin (": lambda n: "Senin (" * (n // 7),
    "Direktur ": lambda n: "Budi datang. " + "Direktur " * (n // 9) + "Budi.",
    "Direktur Telkom ": lambda n: "Budi datang. " + "Direktur Telkom " * (n // 16) + "Budi.",  # a title inside a title inside …
    "quotes and speakers": lambda n: "\u201cYa,\u201d kata Budi. " * (n // 17),  # every quotation looks up its speaker
    "a run of places": lambda n: "Budi datang. " + "Nelson Jakarta " * (n // 15) + "(NJ).",  # given names, spelt-out acronyms
    "names in brackets": lambda n: "Budi datang. " + "Sutisna (Tisna) dan " * (n // 20),  # each looks back for the name before
    "different names": made_up_names,
}


class TooSlow(Exception):
    pass


@contextmanager
def time_limit(seconds, what):
    def stop(*_):
        raise TooSlow(f"{what} ran over {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def stage_times(text):
    """{stage: seconds} for one text through every stage, each stage given what the ones before it made."""
    times, made = {}, {}

    def run(stage, work):
        with time_limit(TIME_LIMIT, f"{stage} on {len(text):,} characters"):
            start = time.perf_counter()
            made[stage] = work()
            times[stage] = time.perf_counter() - start

    run("decode", lambda: reading._decode(text.encode(), "adversarial.txt"))
    run("clean", lambda: cleaning.clean(text))
    run("segment", lambda: helpers.from_texts({"x": text}))  # paragraphs, sentences and tokens: the counts
    corpus = made["segment"]
    run("entities", lambda: annotating.find_entities(corpus))
    run("quotes", lambda: annotating.find_quotes(corpus, made["entities"]))
    run("dates", lambda: annotating.find_dates(corpus))
    run("english", lambda: annotating.find_english(corpus, entities=made["entities"]))
    every_layer = [made[layer] for layer in ("entities", "quotes", "dates", "english")]
    annotations = pd.concat(every_layer, ignore_index=True)
    run("show", lambda: rendering.show(corpus, "x", annotations).html)
    run("compare", lambda: (comparing.similarity(corpus), comparing.distinctive_terms(corpus),
                            comparing.introductions(corpus, made["entities"]), comparing.timeline(corpus)))
    return times


@pytest.mark.parametrize("case", ADVERSARIAL)
def test_every_stage_grows_linearly(case):
    make = ADVERSARIAL[case]
    short, long = stage_times(make(SHORT)), stage_times(make(LONG))
    too_slow = {stage: f"{short[stage]:.3f} s → {long[stage]:.3f} s" for stage in short
                if long[stage] > GROWTH_LIMIT * max(short[stage], FLOOR)}
    assert not too_slow, f"{case}: time grew more than {GROWTH_LIMIT}× for 10× the input: {too_slow}"
