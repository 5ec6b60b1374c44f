"""Annotating: who is named, who speaks, when things happened, and where English slips in.

Every finder takes the corpus and returns a span table (``id, start, end,
text`` with offsets into the article's clean ``text``) with columns of its own.
The rules are meant to be read: patterns here, word lists in ``helpers/data``.
"""

import datetime as dt
import re
from functools import lru_cache

import pandas as pd
from babel.dates import get_day_names
from wordfreq import zipf_frequency

from helpers._data import read_csv, read_word_list
from helpers.reading import month_numbers
from helpers.segmenting import tokens as tokenize_corpus
from helpers.vocabulary import gazetteer

SPAN = ["id", "start", "end", "text"]
# A capitalised word of a name: Siti, Yu-Chuang, SCBD, O'Neil.
CAPWORD = r"[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*"
NAME_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*"  # a name, not an acronym
NAME = rf"{NAME_WORD}(?: {NAME_WORD}){{0,3}}"
NICKNAME_CUE = r"(?:karib|akrab|biasa|kerap) disapa"
PLACE_CUE = r"(?:di|ke|dari) (?:kawasan |kota |wilayah )?"
_ROLE_RUN = re.compile(rf"(?: (?:of|and|dan|{CAPWORD}))*")  # what may follow a role: more title, an organisation, a name
_COMMA_NAME = re.compile(rf", ({NAME})")


# ---------------------------------------------------------------- entities


@lru_cache(maxsize=None)
def _gazetteer_pattern(names):
    names = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")


@lru_cache(maxsize=None)
def _roles():
    roles = sorted(read_word_list("person_roles.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, roles)) + r")\b", re.IGNORECASE)


def _known_labels(extra_gazetteer=None):
    """{name: label} of the gazetteer, with ``extra_gazetteer`` (a table of name and label) added."""
    table = gazetteer() if extra_gazetteer is None else pd.concat([gazetteer(), extra_gazetteer])
    return dict(zip(table["name"], table["label"]))


def _person_mentions(text, known):
    """(start, end, how) of names introduced by a pattern: role + name, name + selaku, nickname, cue + name."""
    found = []
    for role in _roles().finditer(text):
        name = _name_after_role(text, role.end(), known)
        if name:
            found.append((*name, "role"))
    for match in re.finditer(rf"({NAME}) selaku\b", text):
        found.append((match.start(1), match.end(1), "selaku"))
    for match in re.finditer(rf"{NICKNAME_CUE} ({NAME_WORD})", text):
        found.append((match.start(1), match.end(1), "nickname"))
    for match in re.finditer(rf"\b(?:{_verb_alternation()}|menurut) ({NAME})", text):
        # "kata Managing Director Netflix Kuek Yu-Chuang": a role follows the verb, and the role rule reads it.
        if not _roles().match(text, match.start(1)) and _is_name(match.group(1), known):
            found.append((match.start(1), match.end(1), "cue"))
    return found


def _name_after_role(text, position, known):
    """(start, end) of the name a role introduces, or None.

    After the role comes a run of capitalised words (more of the role, an organisation, the name):
    the name is the words after the last known organisation in that run ("Managing Director Netflix
    Kuek Yu-Chuang"); otherwise a name right after a comma ("CEO Indosat, Alex Rusli").
    """
    run = _ROLE_RUN.match(text, position)  # match at a position: no copy of the rest of the text
    words = [(position + m.start(), position + m.end()) for m in re.finditer(r"\S+", run.group(0))]
    last_org = max((i for i in range(len(words)) for j in range(i, len(words))
                    if text[words[i][0]:words[j][1]] in known), default=None)
    if last_org is not None:
        org_end = max(j for j in range(last_org, len(words)) if text[words[last_org][0]:words[j][1]] in known)
        rest = words[org_end + 1:]
        if rest and _is_name(text[rest[0][0]:rest[-1][1]], known):
            return rest[0][0], rest[-1][1]
    after = _COMMA_NAME.match(text, run.end())
    if after and _is_name(after.group(1), known):
        return after.start(1), after.end(1)
    return None


def _is_name(candidate, known):
    months, days, _ = _calendar_names()
    words = candidate.split()
    return bool(re.fullmatch(NAME, candidate)) and candidate not in known and not _roles().fullmatch(candidate) \
        and not any(w.lower() in months or w.lower() in days for w in words)


def _resolve_people(text, known):
    """Every person mention of one article with its canonical name: the full name as first introduced.

    A first name alone (Siti) maps to the full name it begins or ends (Siti Choiriana); a nickname
    introduced with "karib disapa" (Ana) maps to the person introduced just before it.
    """
    mentions = sorted(set(_person_mentions(text, known)))
    canonical, people = {}, []  # people: full names in order of introduction
    for start, end, how in mentions:
        name = text[start:end]
        if how == "nickname":
            previous = [p for p in people if text.find(p) < start]
            canonical[name] = canonical.get(name) or (previous[-1] if previous else name)
            continue
        full = next((p for p in people if name in p.split() or p.startswith(name + " ")), None)
        if full is None and len(name.split()) > 1:
            people.append(name)
            full = name
        canonical.setdefault(name, full or name)
        for part in name.split():
            canonical.setdefault(part, canonical[name])
    names = sorted(canonical, key=len, reverse=True)
    spans = []
    if names:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
        spans = [(m.start(), m.end(), canonical[m.group(0)]) for m in pattern.finditer(text)]
    return spans


def find_entities(corpus, extra_gazetteer=None):
    """People, organisations and places: a span table with ``layer`` "entities", ``label`` (PERSON, ORG or PLACE) and, for people, ``name``.

    - ORG and PLACE: the gazetteer (helpers/data/gazetteer.csv), and for places also a capitalised
      name after *di/ke/dari* (in, to, from).
    - PERSON: never from a list of names. A name is found by its pattern (a role before it,
      "selaku" after it, a nickname cue, or a reporting verb before it) and every later mention of it,
      or of its first name, is found too. ``name`` is the full name as first introduced.
    Overlaps are settled for the longest span. ``extra_gazetteer`` (a table of name and label)
    adds organisations and places for this call, without editing the gazetteer file.
    """
    rows = []
    known = _known_labels(extra_gazetteer)
    pattern = _gazetteer_pattern(tuple(known))
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        candidates = [(m.start(), m.end(), known[m.group(0)], None) for m in pattern.finditer(text)]
        candidates += [(s, e, "PERSON", name) for s, e, name in _resolve_people(text, known)]
        for match in re.finditer(rf"\b{PLACE_CUE}({CAPWORD}(?: {CAPWORD}){{0,3}})", text):
            if match.group(1) not in known:
                candidates.append((match.start(1), match.end(1), "PLACE", None))
        for start, end, label, name in _longest_first(candidates):
            rows.append((doc_id, start, end, text[start:end], "entities", label, name))
    return pd.DataFrame(rows, columns=[*SPAN, "layer", "label", "name"])


def _longest_first(candidates):
    """Spans that do not overlap, preferring the longer one (and, at equal length, the earlier candidate)."""
    ranked = sorted(enumerate(candidates), key=lambda item: (-(item[1][1] - item[1][0]), item[0]))
    kept = []
    for _, span in ranked:
        if all(span[1] <= other[0] or span[0] >= other[1] for other in kept):
            kept.append(span)
    return sorted(kept)


# ---------------------------------------------------------------- quotes


@lru_cache(maxsize=None)
def _verb_alternation():
    verbs = sorted(read_word_list("reporting_verbs.txt"), key=len, reverse=True)
    return "|".join(map(re.escape, verbs))


MIN_UNATTRIBUTED_WORDS = 5


def _quote_spans(paragraph):
    """(start, end) of each quotation in a paragraph, marks included. An unclosed quote runs to the paragraph's end."""
    spans, opened = [], None
    for i, char in enumerate(paragraph):
        if opened is None and (char == "“" or (char == '"' and (i == 0 or not paragraph[i - 1].isalnum()))):
            opened = i
        elif opened is not None and char in "”\"" and i > opened:
            spans.append((opened, i + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(paragraph)))
    return spans


def find_quotes(corpus, entities=None):
    """Quotations with their ``cue`` (the reporting verb) and ``speaker`` (full name as first introduced).

    A quotation is the text between quotation marks, straight or curly, over as many sentences
    as it runs. It counts as speech when a reporting verb follows it ("…," *ujar* Siti) or, with no
    verb, when it has at least five words; shorter quoted names ("Buka Bersama Indosat") are not
    speech. The speaker is the first person named after the verb; a verb ending in -nya
    (*sambungnya*, "she continued") means the person quoted or named last. ``speaker`` is None
    when the text never says.
    """
    entities = find_entities(corpus) if entities is None else entities
    people = entities[entities["label"] == "PERSON"]
    cue_after = re.compile(rf"\s*(?P<cue>(?:{_verb_alternation()})(?:nya)?)\b(?P<rest>[^.\n]{{0,80}})")
    rows = []
    # Per article, its people as plain (start, end, name) tuples: one split, not a DataFrame filter per quotation.
    mentions_by_article = {}
    for doc_id, start, end, name in zip(*(people[c].tolist() for c in ["id", "start", "end", "name"])):
        mentions_by_article.setdefault(doc_id, []).append((start, end, name))
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        mentions = mentions_by_article.get(doc_id, [])
        last_quoted = (None, -1)  # (speaker, end of their quotation)
        offset = 0
        for paragraph in text.split("\n\n"):
            for start, end in _quote_spans(paragraph):
                start, end = start + offset, end + offset
                cue = cue_after.match(text, end)
                if cue is None and len(text[start:end].split()) < MIN_UNATTRIBUTED_WORDS:
                    continue
                speaker = None
                if cue is not None and cue["cue"].endswith("nya"):
                    speaker = _quoted_or_named_last(mentions, start, last_quoted)
                elif cue is not None:
                    after = [name for s, _, name in mentions if cue.end("cue") <= s < cue.end("rest")]
                    speaker = after[0] if after else None
                if speaker:
                    last_quoted = (speaker, end)
                rows.append((doc_id, start, end, text[start:end], "quotes", "QUOTE", cue["cue"] if cue else None, speaker))
            offset += len(paragraph) + 2
    return pd.DataFrame(rows, columns=[*SPAN, "layer", "label", "cue", "speaker"])


def _quoted_or_named_last(mentions, position, last_quoted):
    """Whoever came last before ``position``: the speaker of the previous quotation, or the person named last."""
    earlier = [(end, name) for _, end, name in mentions if end <= position]
    if earlier and earlier[-1][0] > last_quoted[1]:
        return earlier[-1][1]
    return last_quoted[0]


# ---------------------------------------------------------------- dates


@lru_cache(maxsize=None)
def _calendar_names():
    """Indonesian month and weekday names from CLDR (via Babel): ({name: month}, {name: weekday}, [weekday names])."""
    days = get_day_names("wide", locale="id")
    return month_numbers(), {name.lower(): number for number, name in days.items()}, [days[i] for i in range(7)]


@lru_cache(maxsize=None)
def _date_pattern():
    months, days, _ = _calendar_names()
    month = "|".join(sorted(months, key=len, reverse=True))
    day = "|".join(sorted(days, key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<weekday>\b(?:{day}))(?: \w+){{0,2}}? )?"  # Senin, Senin kemarin tepatnya
        rf"(?:\((?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})(?:/(?P<y1>\d{{4}}))?\)"  # (24/2/2020), (9/1)
        rf"|(?<![\d/])(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<y2>\d{{4}})(?![\d/])"  # 24/2/2020
        rf"|\b(?:(?P<d3>\d{{1,2}}) )?(?P<m3>{month})\.? (?P<y3>\d{{4}})\b"  # 16 Juni 2017, Juni 2017
        rf"|\b(?:pada|sejak|tahun) (?P<y4>(?:19|20)\d\d)\b)",  # pada 2016: the span is the year alone
        re.IGNORECASE,
    )


def find_dates(corpus):
    """Dates the articles state: ``date`` as ISO text, ``weekday_stated`` and ``weekday_ok``.

    ``date`` is YYYY-MM-DD, or YYYY-MM / YYYY when that is all the text says. A date without a
    year, such as "Kamis (9/1)", takes the year that puts it on or before the nearest full date
    before it in the article, else the article's publication date: never today's. A day name
    printed beside the date (``weekday_stated``) is checked against the calendar
    (``weekday_ok``); an impossible date (31/2/2020) gets ``date`` None and a ``problem``.
    Durations such as "1X24 jam" and bare numbers are not dates. Month and day names come from CLDR.
    """
    months, days, day_names = _calendar_names()
    rows = []
    for doc_id, text, published in zip(corpus["id"], corpus["text"], corpus["published"]):
        anchor = None if pd.isna(published) else published.date()
        for match in _date_pattern().finditer(text):
            g = match.groupdict()
            day = g["d1"] or g["d2"] or g["d3"]
            month = g["m1"] or g["m2"] or (months.get(g["m3"].lower()) if g["m3"] else None)
            year = g["y1"] or g["y2"] or g["y3"] or g["y4"]
            iso, problem = None, ""
            try:
                if year is None:
                    candidate = dt.date(anchor.year, int(month), int(day)) if anchor else None
                    if candidate and candidate > anchor:
                        candidate = candidate.replace(year=anchor.year - 1)
                    iso = candidate.isoformat() if candidate else None
                    problem = "" if candidate else "no year, and no date in the article to take one from"
                elif day:
                    iso = dt.date(int(year), int(month), int(day)).isoformat()
                else:
                    iso = f"{int(year):04d}-{int(month):02d}" if month else f"{int(year):04d}"
            except ValueError:
                problem = f"no such day: {day}/{month}/{year}"
            if iso and len(iso) == 10:
                anchor = dt.date.fromisoformat(iso)
            stated = g["weekday"].capitalize() if g["weekday"] else None
            ok = None
            if stated and iso and len(iso) == 10:
                ok = day_names[dt.date.fromisoformat(iso).weekday()] == stated
            start = match.start("y4") if g["y4"] else match.start()
            rows.append((doc_id, start, match.end(), text[start : match.end()], "dates", "DATE", iso, stated, ok, problem))
    return pd.DataFrame(rows, columns=[*SPAN, "layer", "label", "date", "weekday_stated", "weekday_ok", "problem"])


# ---------------------------------------------------------------- English


ENGLISH_MARGIN = 1.0  # how much more frequent (in Zipf units, a factor of 10) a word must be in English
ENGLISH_MIN_ZIPF = 3.0  # about once per million words: rarer words are not judged
INDONESIAN_AFFIXES = ("meng", "mem", "men", "me", "di", "ter", "ber", "nge", "ng")


@lru_cache(maxsize=100_000)
def english_score(word):
    """(Zipf frequency in English, in Indonesian) of a word, from wordfreq's word lists (looked up once per word)."""
    return zipf_frequency(word, "en"), zipf_frequency(word, "id")


@lru_cache(maxsize=100_000)
def classify_word(word, margin=ENGLISH_MARGIN, min_zipf=ENGLISH_MIN_ZIPF):
    """``english``, ``shared`` (an established loanword, as common in both), ``indonesian`` or ``rare``.

    English: at least ``min_zipf`` in English, and either unknown in Indonesian or ``margin``
    more frequent in English. Shared: common in both, within the margin (internet, digital, data).
    Rare: below ``min_zipf`` in both languages, too rare to judge (names, typos). Overrides in
    helpers/data/english_overrides.csv win.
    """
    overrides = _overrides()
    if word.lower() in overrides:
        return overrides[word.lower()]
    en, id_ = english_score(word.lower())
    if en < min_zipf:
        return "rare" if id_ < min_zipf else "indonesian"
    if id_ == 0 or en - id_ >= margin:
        return "english"
    return "shared" if id_ >= min_zipf and en - id_ > -margin else "indonesian"


@lru_cache(maxsize=None)
def _overrides():
    table = read_csv("english_overrides.csv")
    return dict(zip(table["word"].str.lower(), table["decision"].replace({"loanword": "shared"})))


def find_english(corpus, margin=ENGLISH_MARGIN, min_zipf=ENGLISH_MIN_ZIPF, entities=None):
    """English words and phrases inside the Indonesian text, judged with wordfreq's en/id frequencies.

    Each word is english, shared (an established loanword such as *internet*) or indonesian
    (``classify_word``). A span is a run of english and shared words within a sentence that holds
    at least one english word: "video on demand" is marked, "internet" alone is not. Names
    (entities), acronyms in capitals (B2B, SMS) and numbers are never English words. In a word
    with an Indonesian prefix (meng-adopt) only the English part is marked. ``margin`` and
    ``min_zipf`` tune the rule; the ``classes`` column shows each word's class.
    """
    entities = find_entities(corpus) if entities is None else entities
    named = {(row.id, i) for row in entities.itertuples() for i in range(row.start, row.end)}
    tokens = tokenize_corpus(corpus, stems=False)
    rows = []
    texts = dict(zip(corpus["id"], corpus["text"]))
    run = []

    def close_run():
        if any(word_class == "english" for *_, word_class in run):
            doc_id, start, end = run[0][0], run[0][1], run[-1][2]
            rows.append((doc_id, start, end, texts[doc_id][start:end], "english", "EN", " ".join(c for *_, c in run)))
        run.clear()

    previous = None
    columns = (tokens[name].tolist() for name in ["id", "sentence", "start", "end", "text", "kind"])
    for doc_id, sentence, token_start, token_end, text, kind in zip(*columns):
        if (doc_id, sentence) != previous or (run and token_start - run[-1][2] > 1):
            close_run()
        previous = (doc_id, sentence)
        if kind != "word" or (doc_id, token_start) in named:
            close_run()
            continue
        word_class, skip = _word_class(text, margin, min_zipf)
        if word_class in ("english", "shared"):
            run.append((doc_id, token_start + skip, token_end, word_class))
        else:
            close_run()
    close_run()
    return pd.DataFrame(rows, columns=[*SPAN, "layer", "label", "classes"])


@lru_cache(maxsize=100_000)
def _word_class(text, margin, min_zipf):
    """The class of one word token, and how many characters of it to skip (an Indonesian prefix)."""
    if text.isupper() or any(c.isdigit() for c in text):  # acronyms and codes (B2B, 1X24)
        return "other", 0
    head, _, rest = text.partition("-")
    if rest and head.lower() in INDONESIAN_AFFIXES:  # meng-adopt: judge the English part only
        word_class = classify_word(rest, margin, min_zipf)
        return (word_class if word_class == "english" else "other"), len(head) + 1
    parts = text.split("-")
    if len(set(p.lower() for p in parts)) == 1 and len(parts) > 1:  # reduplication: teman-teman
        parts = parts[:1]
    classes = {classify_word(p, margin, min_zipf) for p in parts}
    if classes in ({"english"}, {"english", "shared"}):
        return "english", 0
    return ("shared" if classes == {"shared"} else "indonesian"), 0


# ---------------------------------------------------------------- all layers


LAYERS = ("entities", "quotes", "dates", "english")


def annotate(corpus, layers=LAYERS, extra_gazetteer=None):
    """All layers in one span table; every finder's table already has ``layer`` and ``label``."""
    entities = find_entities(corpus, extra_gazetteer)
    tables = {
        "entities": lambda: entities,
        "quotes": lambda: find_quotes(corpus, entities),
        "dates": lambda: find_dates(corpus),
        "english": lambda: find_english(corpus, entities=entities),
    }
    table = pd.concat([tables[layer]() for layer in layers], ignore_index=True)
    return table.sort_values(["id", "start", "end", "layer"], ignore_index=True)
