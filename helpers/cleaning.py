"""Cleaning: separating an article's body from the web page around it.

The rules live in ``helpers/data/boilerplate.csv`` (one row a rule: a name, an
action and a regular expression matched against a whole line), so that a new
outlet's furniture can be handled by adding a row, not by changing code.

Actions:

``drop``
    remove the matching line;
``stop``
    the article is over: remove the matching line and everything after it
    (before the article has begun, the line is only removed: a menu at the top
    of a page names the same widgets as the boxes under the article); a named
    group ``outlet`` is read wherever the line is (a copyright footer);
``byline``
    remove the line and read metadata from the pattern's named groups
    (``author``, ``published``, ``outlet``); the first line to give a field
    wins, and nothing is read after the article is over;
``box``
    remove the line, a heading such as "Baca juga" (read also), and the
    headlines listed right under it: up to the next blank line, lines that do
    not end a sentence;
``position``
    rules that look at where a line is, not what it says (``title`` and
    ``standfirst``); the code below implements them.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from helpers import _checks
from helpers._data import read_csv

# Characters that format text but are not text: zero-width space, left-to-right and right-to-left marks,
# direction embeddings, overrides and isolates (which can make text display in another order than it is
# stored), word joiner, byte-order mark, soft hyphen. The zero-width joiner and non-joiner are kept: they
# are part of emoji (👩‍💻) and of words in Persian and Indic scripts.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[^\S\n]+")  # any run of white space except the newline: NBSP, tabs, thin spaces
MAX_TITLE_WORDS = 20
MAX_STANDFIRST_LINES = 2  # more lines before the byline means the byline is not under the headline
MAX_LINES_BEFORE_DATELINE = 6  # captions and credits between the byline and the dateline
MAX_CAPTION_WORDS = 40  # a longer line is a paragraph, and the body has begun
MAX_BOX_LINES = 6
ACTIONS = ("drop", "stop", "byline", "box", "position")
RULE_COLUMNS = ["rule", "action", "pattern", "description"]


def normalize(text):
    """Text with one kind of newline and one kind of space.

    CRLF and CR become ``\\n``; NBSP, tabs and other Unicode spaces become one
    plain space; invisible format characters (zero-width space, direction
    marks and overrides, soft hyphen) are removed, which joins the word they sat in. Each
    line is stripped. Letters, quotes and punctuation are left exactly as
    they are: curly quotes stay curly.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


@dataclass
class Cleaned:
    """What cleaning one article gives: its body blocks, what was removed, and metadata found on the way."""

    blocks: list = field(default_factory=list)
    removed: list = field(default_factory=list)  # dicts: line, text, rule
    found: dict = field(default_factory=dict)  # field -> [(value, the line it came from), ...] in page order


# A place in a dateline: one to four capitalised words, JAKARTA or Jakarta Selatan.
_PLACE = r"(?P<place>[A-Z][A-Za-z]+(?:[ .][A-Z][A-Za-z]+){0,3})"
_DASH = r"(?:\s?--\s?|\s?[-–—]\s)"


@lru_cache(maxsize=None)
def outlets():
    """helpers/data/outlets.csv: alias (a regular expression for how an outlet prints its name), outlet, domain."""
    return read_csv("outlets.csv")


@lru_cache(maxsize=None)
def _outlet_patterns():
    """(alias pattern, outlet name) per outlet, and the dateline shapes built from all aliases, most specific first."""
    table = outlets()
    aliases = tuple((re.compile(alias, re.IGNORECASE), name) for alias, name in zip(table["alias"], table["outlet"]))
    outlet = "(?P<outlet>(?i:" + "|".join(f"(?:{alias})" for alias in table["alias"]) + "))"
    shapes = [
        rf"{_PLACE} \({outlet}\){_DASH}",  # Jakarta (ANTARA) -
        rf"{outlet}, {_PLACE}{_DASH}",  # TEMPO.CO, Jakarta -
        rf"{_PLACE}, {outlet}{_DASH}",  # JAKARTA, KOMPAS.com -
        rf"{outlet}{_DASH}",  # KOMPAS.com -
        rf"{_PLACE} (?:--|[-–—]) ",  # Jakarta - (no outlet named)
    ]
    return aliases, tuple(re.compile(shape) for shape in shapes)


def outlet_name(printed):
    """The outlet's name in outlets.csv for the way a page prints it (``TEMPO.CO`` → ``Tempo.co``); as printed if unknown."""
    aliases, _ = _outlet_patterns()
    return next((name for alias, name in aliases if alias.fullmatch(printed)), printed)


def read_dateline(block):
    """The dateline at the start of a body block as a match with ``outlet`` and ``place`` groups, or None."""
    _, shapes = _outlet_patterns()
    return next((match for match in (shape.match(block) for shape in shapes) if match), None)


def rules():
    """The boilerplate rules as a DataFrame: rule, action, pattern, description, applies_to."""
    return read_csv("boilerplate.csv")


@lru_cache(maxsize=None)
def _compiled_rules():
    return compile_rules(rules(), "helpers/data/boilerplate.csv")


def rule_table(rows, source="extra_rules"):
    """Extra cleaning rules as a DataFrame: a DataFrame as it is, or a list of rows ``(rule, action, pattern, description)``.

    None stays None. Anything else is refused with the call that works.
    """
    if rows is None or isinstance(rows, pd.DataFrame):
        return rows
    if isinstance(rows, (list, tuple)) and rows and all(isinstance(row, (list, tuple)) and len(row) == len(RULE_COLUMNS) for row in rows):
        return pd.DataFrame([list(row) for row in rows], columns=RULE_COLUMNS)
    raise TypeError(
        f"{source}: expected a DataFrame with columns {', '.join(RULE_COLUMNS)} or a list of rows "
        f"(rule, action, pattern, description), got {_checks.described(rows)}; for example "
        f"{source}=[(\"video_prompt\", \"drop\", r\"Tonton juga video.*\", \"a video prompt\")]"
    )


def compile_rules(table, source="extra_rules"):
    """The rules of a table as (rule, action, compiled pattern) tuples; ValueError naming ``source`` and the row if one is bad.

    ``source`` names the table in messages: the file it came from, or ``extra_rules``.
    ``table`` may also be a list of rows (see ``rule_table``).
    Rows of the ``position`` action have no pattern: the code implements them.
    """
    table = rule_table(table, source)
    if not isinstance(table, pd.DataFrame):
        raise ValueError(f"{source}: expected a DataFrame with columns {', '.join(RULE_COLUMNS)}, not a {type(table).__name__}")
    missing = [column for column in RULE_COLUMNS if column not in table.columns]
    if missing:
        raise ValueError(f"{source}: missing column(s) {', '.join(missing)}; a rule table has columns {', '.join(RULE_COLUMNS)}")
    compiled = []
    for number, (name, action, pattern) in enumerate(zip(table["rule"], table["action"], table["pattern"]), start=1):
        where = f"{source}, row {number} (rule {name!r})"
        if action not in ACTIONS:
            raise ValueError(f"{where}: unknown action {action!r}; use one of {', '.join(ACTIONS)}")
        if action == "position":
            continue
        if not isinstance(pattern, str) or not pattern:
            raise ValueError(f"{where}: the pattern is empty")
        try:
            compiled.append((name, action, re.compile(pattern)))
        except re.error as error:
            raise ValueError(f"{where}: bad regular expression {pattern!r}: {error}") from None
    return tuple(compiled)


def clean(raw, extra_rules=None):
    """Split the decoded text of one article into body blocks and removed furniture.

    Each non-empty line of the normalized text is a block (this keeps both the
    single-newline and the blank-line paragraph styles of the seeds). Lines are
    removed by the rules of ``boilerplate.csv``, and by ``extra_rules`` (a table
    with the same columns) if given; everything else is body.
    """
    lines = normalize(raw).split("\n")
    result = Cleaned()
    patterns = _compiled_rules() + (compile_rules(extra_rules) if extra_rules is not None else ())
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line]
    byline_at = None
    stopped_by = None
    box = None  # the open box of headlines: its rule, its last line number, how many headlines it has
    kept = []
    for number, line in numbered:
        if box and number == box["last"] + 1 and box["headlines"] < MAX_BOX_LINES and _is_headline(line):
            result.removed.append({"line": number, "text": line, "rule": box["rule"]})
            box.update(last=number, headlines=box["headlines"] + 1)
            continue
        box = None
        for name, action, pattern in patterns:
            match = pattern.fullmatch(line)
            if not match:
                continue
            result.removed.append({"line": number, "text": line, "rule": name})
            if action == "stop" and len(kept) >= 2:  # a headline and a paragraph: the article has begun
                stopped_by = stopped_by or name
            elif action == "box":
                box = {"rule": name, "last": number, "headlines": 0}
            elif action == "byline" and not stopped_by:
                byline_at = len(kept) if byline_at is None else byline_at
            if action == "stop" or (action == "byline" and not stopped_by):  # a footer names its publisher wherever it is
                for key, value in match.groupdict().items():
                    if value:
                        result.found.setdefault(key, []).append((value, line))
            break
        else:
            if stopped_by:  # after the end of the article, a line no rule names goes under the rule that ended it
                result.removed.append({"line": number, "text": line, "rule": stopped_by})
            else:
                kept.append((number, line))

    kept = _take_title_and_standfirst(kept, byline_at, lines, result)
    kept = _start_at_the_dateline(kept, result)
    result.blocks = [line for _, line in kept]
    result.removed.sort(key=lambda row: row["line"])
    return result


def _take_title_and_standfirst(kept, byline_at, lines, result):
    """Apply the two position rules; return the lines still kept."""
    if not kept:
        return kept
    first_number, first_line = kept[0]
    followed_by_blank = first_number < len(lines) and lines[first_number] == ""
    # A first line that opens with a dateline (JAKARTA, KOMPAS.com - …) is the body's first paragraph, however short.
    if followed_by_blank and len(kept) > 1 and len(first_line.split()) <= MAX_TITLE_WORDS and not read_dateline(first_line):
        result.found["title"] = [(first_line, first_line)]
        result.removed.append({"line": first_number, "text": first_line, "rule": "title"})
        # The standfirst sits between the headline and a byline under it.
        between = kept[1:byline_at] if byline_at and byline_at <= 1 + MAX_STANDFIRST_LINES else []
        for number, line in between:
            result.removed.append({"line": number, "text": line, "rule": "standfirst"})
        return kept[1 + len(between):]
    return kept


def _is_headline(line):
    """A line a box of links lists: short, and not the end of a sentence."""
    return len(line.split()) <= MAX_TITLE_WORDS and not line.endswith((".", ",", ";", ":", '"', "”", "’", "'"))


def _start_at_the_dateline(kept, result):
    """The position rule ``before_dateline``: the body begins at its dateline, so the short lines above it are captions and credits."""
    for index, (_, line) in enumerate(kept[:MAX_LINES_BEFORE_DATELINE + 1]):
        if read_dateline(line):
            for number, before in kept[:index]:
                result.removed.append({"line": number, "text": before, "rule": "before_dateline"})
            return kept[index:]
        if len(line.split()) > MAX_CAPTION_WORDS:
            break
    return kept


def removed_table(ids, cleaned, extra_rules=None):
    """One row per removed line: id, line (1-based, in the raw file), text, rule, description."""
    rows = [dict(id=doc_id, **row) for doc_id, c in zip(ids, cleaned) for row in c.removed]
    table = pd.DataFrame(rows, columns=["id", "line", "text", "rule"])
    descriptions = pd.concat([rules(), extra_rules]) if extra_rules is not None else rules()
    descriptions = descriptions.drop_duplicates("rule").set_index("rule")["description"]
    table["description"] = table["rule"].map(descriptions)
    return table
