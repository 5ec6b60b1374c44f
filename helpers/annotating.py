"""Annotating: who is named, who speaks, when things happened, and where English slips in.

Every finder takes the corpus and returns a span table (``id, start, end,
text`` with offsets into the article's clean ``text``) with columns of its own.
The rules are meant to be read: patterns here, word lists in ``helpers/data``.
"""

import bisect
import datetime as dt
import itertools
import re
from functools import lru_cache, partial

import pandas as pd
from babel.dates import get_day_names
from wordfreq import zipf_frequency

from helpers import _checks
from helpers._parallel import in_processes
from helpers._data import read_csv, read_word_list
from helpers.reading import month_numbers
from helpers.learning import tag_entities
from helpers.segmenting import TOKEN
from helpers.vocabulary import gazetteer, kind_nouns, org_cues, place_cues, reporting_verbs, standard_words, stem, stopwords

SPAN = ["id", "start", "end", "text"]
# A capitalised word of a name: Siti, Yu-Chuang, SCBD, O'Neil, PDI-P, NasDem.
CAPWORD = r"[A-Z][\w'’]*(?:-[A-Z\d][\w'’]*)*"
INITIAL = r"[A-Z]\.(?:[A-Z]\.)*"  # M. or A.M.: an initial inside a name
NAME_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*"  # a name, not an acronym
NAME = rf"{NAME_WORD}(?: {NAME_WORD}){{0,3}}"
NICKNAME_CUE = r"(?:karib|akrab|biasa|kerap) disapa|alias"
# A verb or auxiliary after a place that opens a sentence: the place acts (its state or people), it is not a
# location: "Israel melancarkan operasi", "Iran telah lama dituduh". "London adalah kota …" still names a place.
_ACTS_AFTER = re.compile(r" (?:(?:juga|pun|kini|sendiri|kemudian|lalu) )?(?:telah|sudah|akan|sedang|masih|kerap|sering|ingin|tidak|tak"
                         r"|belum|harus|terus|bisa|dapat|mau|perlu|(?!menjadi\b|merupakan\b|menuju\b)(?:me|be|di|te)[a-z]{4,})\b")
# A name beside another in a list or an address: "Moskow dan Cherkessk", "Cikini, Jakarta Pusat".
# Prepositions: a place after one is marked, as where something is, goes or is aimed ("di Jakarta", "antara Israel
# dan Hamas", "kepada Israel"), never as an actor.
PREPOSITIONS = frozenset({"di", "ke", "dari", "menuju", "antara", "sekitar", "dekat", "luar", "dalam", "atas", "seluruh", "hingga",
                       "sampai", "se", "asal", "tentang", "terhadap", "untuk", "bagi", "kepada", "dengan", "oleh", "pada"})
SIDE_NOUNS = frozenset({"pihak", "kubu", "kalangan"})  # stopwords that still make a place after them its people or side
# Conjunctions that open a clause: a place right after one and before a verb is its subject, an actor.
CLAUSE_OPENERS = frozenset({"bahwa", "ketika", "saat", "sedangkan", "sementara", "namun", "tetapi", "tapi", "sehingga", "karena",
                            "jika", "kalau", "apakah", "agar", "supaya", "maka", "walaupun", "meski", "meskipun", "yang", "sejak"})
_LISTED_AFTER = re.compile(rf"\s*(?:,|dan|atau|serta)\s+((?:{CAPWORD})(?: {CAPWORD})*)")
_LISTED_BEFORE = re.compile(rf"((?:{CAPWORD})(?: {CAPWORD})*)\s+(?:dan|atau|serta)\s+$")
MAX_COMMON_NAME_WORDS = 3  # Arifin Tasrif: a name made of dictionary words, read only right after an explained title
KIND_WINDOW = 60  # characters searched before a name for a kind noun: three words and a nationality
MAX_KIND_WORDS = 3  # the longest kind noun: perusahaan rintisan, kantor berita
ENGLISH_ARTICLES = ("The", "A", "An")  # The Times, The Complutense University: a title or an organisation, not a person
PREMISES = ("gedung", "kompleks", "komplek", "kantor", "markas", "halaman", "lingkungan")
_PREMISES_BEFORE = re.compile(rf"(?:^|\s)(?:{'|'.join(PREMISES)}) $")
_AT = re.compile(r"(?:^|\s)(?i:di|ke|dari|menuju) $")  # a locative preposition right before a name
MAX_TITLE_DEPTH = 2  # a title inside a title is read (… dan Presiden SBY); one level more is not
_HAS_DIGIT = re.compile(r"\d")  # Rp100, Mohajer-4: an amount or a model, not a name
_VERB = re.compile(r"me[a-z]{3,}")  # menghantam, mengunjungi: a place after a verb is where the action goes
PERSON_LINKS = ("bin", "binti", "van", "von", "de", "da", "dos", "al", "el")  # inside a person's name: Ahmad bin Yusuf
ORG_LINKS = ("dan", "untuk", "&", "for", "of")  # inside an organisation's name: Badan Pengawas Obat dan Makanan, Institute for …
_LINKS = frozenset(PERSON_LINKS + ORG_LINKS)
# A run of capitalised words (and initials), with the small words that may stand inside a name.
_RUN = re.compile(rf"(?:{INITIAL} )*{CAPWORD}(?:(?: (?:{'|'.join(PERSON_LINKS + ORG_LINKS)}))? (?:{INITIAL}|{CAPWORD}))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"”’)]?\s+|\n|[\"“(]\s*)$")
SENTENCE_START_WINDOW = 8  # searched only this far back (clean text has single spaces): searching from 0 is quadratic
_ACRONYM_AFTER = re.compile(r" \(([A-Z][A-Za-z\d-]*[A-Z\d])\)")  # Komisi Pemberantasan Korupsi (KPK)
_NON_SPACE = re.compile(r"\S+")
_JOINED = re.compile(r"[\w-]")  # a mention must not run on into the next letters
_PAIR = re.compile(r"[A-Z][\w'’]*-[A-Z][\w'’]*")  # Jokowi-JK, SBY-Boediono: two names joined by a hyphen
_PREVIOUS_WORD = re.compile(r"(\S+) $")
_OPENING_QUOTES = ("'", '"', "“", "‘")
_ROMAN = re.compile(r"[IVXLC]+")  # Kodam VIII, Komisi III: a number, not an acronym
# A name of three or more words that are all common English words is a title, an event or a programme
# (Operation Protective Edge, Dow Jones Industrial Average), not a person: people's names have a rarer word.
PHRASE_MIN_ENGLISH_ZIPF = 3.5
# A word with a capital inside (StatesWest, GlaxoSmithKline, NasDem) is a brand's or a company's name; a surname
# particle before the inner capital (McDonald, DiCaprio, LeBron, MacArthur) makes a person's.
_CAMEL_CASE = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von)[A-Z])[A-Z][a-z]+[A-Z][A-Za-z]*")
COMPOUND_MIN_PART = 4  # shorter dictionary words (ada, air, api, …) run together make many real names
_WORD_GOES_ON = re.compile(r"-[a-z]")  # Ketidakhati-hatian, Aktifitas-aktifitas: the run stopped inside a word
_SYLLABIC_AFTER = re.compile(r" \(([A-Z][a-z]{3,}[A-Za-z]*)\)")  # (Polrestabes), (Bappenas): syllables, not letters


def _is_syllabic_acronym(word, name):
    """True when ``word``'s letters appear in order in ``name`` and it is no common word: *Polrestabes* in
    *kePOLisian RESor koTA BESar*; not *Persero* after *PT Pertamina*."""
    letters = iter(name.lower().replace(" ", ""))
    return not _is_common(word) and all(letter in letters for letter in word.lower())


_COMMA_NAME = re.compile(rf", ({NAME})")
# A single capitalised word as common as this in English (Zipf, about 3 per million words) is more
# likely an English term (Android, Mercury) than an Indonesian name; longer names are not judged so.
NAME_MAX_ENGLISH_ZIPF = 3.5


# ---------------------------------------------------------------- entities
#
# Names are found by their shape and the words around them, never from a list of people:
#  1. every run of capitalised words is a candidate (Joko Widodo, Partai Golkar, DPR, Jawa Tengah);
#     a common Indonesian word that only starts a sentence is not part of it;
#  2. a role or honorific before a name (Presiden, Pak, Menteri Keuangan …) makes it a PERSON;
#  3. an organisation cue (PT, Kementerian, Partai, … Tbk: helpers/data/org_cues.csv) makes an ORG,
#     and an acronym in brackets after it ("(KPK)") names the same organisation;
#  4. the gazetteer (organisations, Indonesia's places, the world's countries) gives ORG or PLACE;
#     a place cue (Jalan, Pulau, Gedung …: helpers/data/place_cues.csv) makes a PLACE;
#     a gazetteer place after a content word describes (militer Israel) and is not marked;
#  5. what is left is a PLACE after di/ke/dari (in, to, from) or a place noun, or beside a place in a
#     list or an address; an ORG if it is an acronym; and a PERSON if it is not made of common
#     Indonesian words (Jokowi, Susilo Bambang Yudhoyono);
#  6. every later mention of a person, by any part of the name, is the same person.


@lru_cache(maxsize=None)
def _roles():
    roles = sorted(read_word_list("person_roles.txt"), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, roles)) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=None)
def _role_first_words():
    return frozenset(role.split()[0].lower().rstrip(".") for role in read_word_list("person_roles.txt"))


@lru_cache(maxsize=None)
def _org_cues():
    """({cue words that start a name}, {cue words that end one}) from helpers/data/org_cues.csv."""
    table = org_cues()
    return (frozenset(table.loc[table["position"] == "before", "cue"]), frozenset(table.loc[table["position"] == "after", "cue"]))


@lru_cache(maxsize=None)
def _place_cues():
    """The words that start a place's name, from helpers/data/place_cues.csv."""
    return frozenset(place_cues()["cue"])


@lru_cache(maxsize=None)
def _person_cue_before():
    return re.compile(rf"(?:\b(?:{_verb_alternation()}|menurut|{NICKNAME_CUE})(?:nya)?|[,.!?]”?\s*(?:kata|ujar)) $", re.IGNORECASE)


@lru_cache(maxsize=None)
def _nickname_before():
    return re.compile(rf"\b(?:{NICKNAME_CUE}) $")


@lru_cache(maxsize=None)
def _place_nouns():
    """Lower-case words after which a name is a location: helpers/data/place_nouns.txt and the place cues (*pulau*)."""
    return frozenset(read_word_list("place_nouns.txt")) | frozenset(cue.lower().rstrip(".") for cue in _place_cues())


@lru_cache(maxsize=None)
def _place_cue():
    """*di*, *ke*, *dari*, *menuju* or a place noun right before: a capitalised name after it is a place."""
    words = "|".join(map(re.escape, sorted(_place_nouns(), key=len, reverse=True)))
    # Place nouns count in lower case only: capitalised, *Barat* or *Tengah* is part of a name (Jawa Barat).
    preposition = r"(?i:di|ke|dari|menuju|se-?)(?: (?:luar|dalam|atas|sekitar|dekat|seluruh|antara))?"  # di luar Abkhazia
    return re.compile(rf"(?:^|\s)(?:{preposition}|(?:{words})(?:-(?:{words}))?)\s?$")  # kota-kota


APPOSITIVE_OPENERS = ("sebuah", "seorang", "salah satu", "yakni", "yaitu")  # a, one of, namely: X, sebuah bank …


def _after_comma(nouns):
    """A comma after a name, perhaps an article (*sebuah*, *yakni* …), and one of ``nouns``, captured: an appositive."""
    alternation = "|".join(map(re.escape, sorted(nouns, key=len, reverse=True)))
    return re.compile(rf" ?, (?:(?:{'|'.join(APPOSITIVE_OPENERS)}) )?({alternation})\b")


@lru_cache(maxsize=None)
def _place_after():
    """A comma and a place noun after a name: *Abkhazia, negara yang …*, *Sangatta, kota …*: the name is that place."""
    return _after_comma(_place_nouns())


@lru_cache(maxsize=None)
def _kind_after():
    """A comma and a kind noun after a name: *Triodos, sebuah bank yang …*: the name is of that kind."""
    # ORG and PLACE kinds only: after a comma, a noun for a thing often opens the next clause (Menurut Cut Meutia, binatang ini …)
    return _after_comma(noun for noun, label in _kinds().items() if label != "-")


@lru_cache(maxsize=None)
def _kinds(position="before"):
    """{noun: label} of the kind nouns (helpers/data/kind_nouns.csv) at ``position``: ``before`` a name (*perusahaan*
    Qantas), ``last`` in it (Ramon Magsaysay *Award*), or before a ``pair`` of names (*pemerintahan* Jokowi-JK)."""
    table = kind_nouns().query("position == @position")
    return dict(zip(table["noun"], table["label"]))


@lru_cache(maxsize=None)
def _kind_last_words():
    """The last word of every kind noun before a name: a word that is none of them ends no kind noun."""
    return frozenset(noun.split(" ")[-1] for noun in _kinds())


@lru_cache(maxsize=None)
def _role_before():
    """A role in lower case right before a name: *kata pengamat politik Budi*, *tersangka Ahmad*."""
    # one word may stand between (pengamat politik Budi), but no preposition: calon presiden pada Pemilu is no name
    prepositions = "|".join(sorted(PREPOSITIONS))
    return re.compile(rf"(?=(?-i:[a-z]))(?:{_roles().pattern})(?: (?!(?:{prepositions}) $)[a-z]+)? $", re.IGNORECASE)


@lru_cache(maxsize=None)
def _person_cue_after():
    return re.compile(rf",? (?:selaku|{_verb_alternation()}|mengatakan|menjelaskan|menegaskan|menambahkan)\b")


@lru_cache(maxsize=None)
def _geonames_names():
    """The gazetteer's names that come from GeoNames' cities and regions (not from the hand list, BPS or CLDR)."""
    table = gazetteer()
    return frozenset(table.loc[table["source"].str.startswith("GeoNames"), "name"])


def _lexicon(extra_gazetteer=None):
    """{name: (label, entity)} of the gazetteer, with ``extra_gazetteer`` (checked by ``_checked_gazetteer``) added."""
    table = gazetteer()
    if extra_gazetteer is not None:
        extra = extra_gazetteer.assign(entity=extra_gazetteer.get("entity", extra_gazetteer["name"]))
        table = pd.concat([extra, table]).drop_duplicates("name")
    return dict(zip(table["name"], zip(table["label"], table["entity"].where(table["entity"] != "", table["name"]))))


def _checked_gazetteer(extra):
    """``extra_gazetteer`` as a DataFrame: a DataFrame with name and label (and entity), or a list of rows (name, label[, entity])."""
    if isinstance(extra, (list, tuple)) and extra and all(isinstance(row, (list, tuple)) and len(row) in (2, 3) for row in extra):
        extra = pd.DataFrame([list(row) + [row[0]] * (3 - len(row)) for row in extra], columns=["name", "label", "entity"])
    if not isinstance(extra, pd.DataFrame):
        raise TypeError(f"extra_gazetteer must be a DataFrame with the columns name and label (ORG or PLACE), or a list of "
                        f"rows (name, label) or (name, label, entity); got {_checks.described(extra)}. For example: "
                        'extra_gazetteer=[("Bulog", "ORG"), ("Badan Urusan Logistik", "ORG", "Bulog")]')
    missing = [column for column in ("name", "label") if column not in extra.columns]
    if missing:
        raise ValueError(f"extra_gazetteer: missing column(s) {', '.join(missing)}; it needs name and label (ORG or PLACE)")
    empty = extra["name"].fillna("").astype(str).str.strip() == ""
    if empty.any():
        raise ValueError(f"extra_gazetteer: row {int(empty.idxmax())} has an empty name")
    unlabelled = extra["label"].isna() | (extra["label"].astype(str).str.strip() == "")
    if unlabelled.any():
        raise ValueError(f"extra_gazetteer: row {int(unlabelled.idxmax())} has no label (ORG, PLACE or a label of your own)")
    return extra.astype({"name": str, "label": str})


@lru_cache(maxsize=100_000)
def _is_common(word):
    """A word that names nothing: a dictionary word, its affixed form (*penurunan* ← *turun*), a stopword, or one of
    helpers/data/common_capitalised.txt (*Pilpres*, *Nggak*)."""
    return _in_dictionary(word.lower()) or word.lower() in _common_capitalised()


@lru_cache(maxsize=None)
def _common_capitalised():
    return frozenset(word.lower() for word in read_word_list("common_capitalised.txt"))


@lru_cache(maxsize=100_000)
def _is_derived(word):
    """An affixed form of a dictionary word (*Penggunaan* ← *guna*, *Pasukan* ← *pasu*): a noun or verb, never a given name."""
    lower = word.lower()
    return lower.isalpha() and lower not in standard_words() and stem(lower) != lower and stem(lower) in standard_words()


def _is_a_common_root(word):
    """A dictionary root word or a word of common_capitalised.txt, not an affixed form: alone after *di* or *ke* it is
    no place name (*ke Paripurna*, *di Kabinet*, *di Pileg*), where an affixed-looking name still is (*di Kemayoran*)."""
    lower = word.lower()
    return lower in standard_words() or lower in stopwords() or lower in _common_capitalised()


def _is_compound(word):
    """Two dictionary words of four letters or more run together: a common word misspelt (*Suratkabar*, *Lagipula*)
    or a place (*Talangsari*, *Tanjungraya*), not a person's name. Of the 592 words in people's names in idner-news-2k's train split, two split so: *Pitaloka*, and
    *Laksamana* (admiral), a title."""
    lower = word.lower()
    return any(lower[:k] in standard_words() and lower[k:] in standard_words()
               for k in range(COMPOUND_MIN_PART, len(lower) - COMPOUND_MIN_PART + 1))


def _may_be_a_given_name(word):
    """A common word that can still start a name (*Budi* Gunawan, *Agung* Laksono): a root word, no stopword, no
    kind noun (*Hewan* Solenodon, *Rudal* Ghadir) and no affixed form (*Penggunaan* Marriot)."""
    lower = word.lower()
    return lower not in stopwords() and lower not in _kinds() and not _is_derived(word)


def _is_acronym(word):
    letters = word.replace("-", "")
    return len(letters) >= 2 and letters.isupper()


class _Article:
    """The entity rules applied to one article's text; ``spans`` is the result: (start, end, label, entity)."""

    def __init__(self, text, lexicon, first_words):
        self.text, self.lexicon, self.first_words = text, lexicon, first_words
        self.begins, self.ends = _org_cues()
        self.place_begins = _place_cues()
        self.spans, self.aliases, self.nicknames, self.guessed_places = [], {}, [], set()
        self.unmarked_place_ends = set()  # known places read as describing or acting: a place listed after one is read so too
        # Inside a role's title, capitalised words are its portfolio, not a name; a title may hold one more
        # ("Ketua Umum Partai Golkar … dan Presiden SBY").
        self.title_depth = 0
        for run in _RUN.finditer(text):
            words = [m.span() for m in _NON_SPACE.finditer(text, run.start(), run.end())]
            self._read_run(self._without_sentence_start(words))
        self._add_later_mentions()

    @property
    def in_title(self):
        return self.title_depth > 0

    def word(self, span):
        return self.text[span[0] : span[1]]

    def _without_sentence_start(self, words):
        """The run without a common word that is capitalised only because it starts the sentence."""
        while words and _SENTENCE_START.search(self.text, max(0, words[0][0] - SENTENCE_START_WINDOW), words[0][0]) and _is_common(self.word(words[0])) \
                and not (self._known_at(words, 0) and self.word(words[0]).lower() not in stopwords()) \
                and not self._role_at(words, 0) and self.word(words[0]) not in self.begins \
                and not (_may_be_a_given_name(self.word(words[0])) and len(words) > 1 and self._uncommon(self.word(words[1]))):
            words = words[1:]
            while words and self.word(words[0]) in _LINKS:
                words = words[1:]
        return words

    def _known_at(self, words, i):
        """The number of words from i that make the longest gazetteer name, or 0."""
        if i >= len(words) or self.text[words[i][0] : words[i][1]] not in self.first_words:
            return 0  # most words start no name: a set look-up spares slicing up to six names
        for j in range(min(len(words), i + 6), i, -1):
            if self.text[words[i][0] : words[j - 1][1]] in self.lexicon:
                return j - i
        return 0

    def _role_at(self, words, i):
        """The number of words from i that make a role or honorific, or 0."""
        if self.word(words[i]).lower().rstrip(".") not in _role_first_words():
            return 0  # most words start no role: a set look-up spares the long alternation
        role = _roles().match(self.text, words[i][0])
        if not role:
            return 0
        size = 1  # counted up to the role's end, not over the rest of the run: runs can be long
        while i + size < len(words) and words[i + size][0] < role.end():
            size += 1
        return size

    def _read_run(self, words):
        i = 0
        while i < len(words):
            word = self.word(words[i])
            known = self._known_at(words, i)
            if word in _LINKS:
                i += 1
            elif known and i + known < len(words) and self._spelt_out(words, i):
                # Badan Narkotika Nasional Provinsi (BNNP): the acronym spells the longer name the gazetteer does not know
                self._add(words[i][0], words[-1][1], "ORG", self.text[words[i][0] : words[-1][1]])
                i = len(words)
            elif known == 1 and self._given_name_before_a_surname(words, i):
                i = self._read_rest(words, i)  # Nelson Mandela, Victoria Beckham: a GeoNames place that is a given name too
            elif known and known >= self._role_at(words, i):  # Raja Ampat is a place, not King Ampat
                label, entity = self.lexicon[self.text[words[i][0] : words[i + known - 1][1]]]
                if label == "ORG" and _PREMISES_BEFORE.search(self.text, max(0, words[i][0] - 20), words[i][0]):
                    label = "PLACE"  # gedung DPR, kantor KPU: the building, a place
                # in a title a place says whose the role is (Gubernur New Mexico, PM Inggris), not where, unless a
                # preposition says it is where (Duta Besar AS untuk Irak)
                in_title = self.in_title and self._previous_word(words[i][0]).lower() not in PREPOSITIONS
                if label == "PLACE" and (in_title or self._describes(words[i][0], words[i + known - 1][1])):
                    self.unmarked_place_ends.add(words[i + known - 1][1])
                else:
                    self._add(words[i][0], words[i + known - 1][1], label, entity)
                i += known
            elif self._role_at(words, i) and self.title_depth >= MAX_TITLE_DEPTH:
                i += self._role_at(words, i)  # deeper, a role is part of the title: "Direktur Telkom" × 1,000 stays linear
            elif self._role_at(words, i):
                i = self._read_role(words, i)
            elif word in self.begins and i + 1 < len(words):
                i = self._read_org(words, i)
            elif word in self.place_begins and i + 1 < len(words):
                i = self._read_org(words, i, "PLACE")  # Jalan Imam Bonjol, Pulau Maui
            else:
                i = self._read_rest(words, i)

    def _given_name_before_a_surname(self, words, i):
        """True when a one-word GeoNames city or region (*Nelson*, *Victoria*) is followed, to the end of the run, by
        one or two words that can only be names (*Mandela*), to the run's end or a *dan*: a person. Indonesian and CLDR names are not read so."""
        if self.word(words[i]) not in _geonames_names():
            return False
        # up to a dan, and no further than three words: a long run costs no more per word
        rest = list(itertools.takewhile(lambda w: self.word(w) not in ORG_LINKS, words[i + 1 : i + 4]))
        return 0 < len(rest) <= 2 and all(self._uncommon(self.word(w)) and re.fullmatch(NAME_WORD, self.word(w)) for w in rest)

    def _spelt_out(self, words, i):
        """True when an acronym in brackets right after the run is made of the initials of its words from i (links
        aside): *Komisi Pemilihan Umum Daerah (KPUD)*. Only a rest of the run no longer than twice the acronym is
        read, so a long run costs no more per word."""
        acronym = _ACRONYM_AFTER.match(self.text, words[-1][1])
        if not acronym or len(words) - i > 2 * len(acronym.group(1)):
            return False
        initials = "".join(self.word(w)[0] for w in words[i:] if self.word(w) not in ORG_LINKS)
        return len(initials) > 2 and acronym.group(1).upper() == initials.upper()

    def _describes(self, start, end):
        """True when a gazetteer place at start..end describes or acts rather than names a location.

        Indonesian puts a modifier after its noun, so a place right after a content word says whose
        or what kind: *militer Israel* (the Israeli military), *bahasa Inggris* (English), *Menteri
        Kebudayaan Yunani* (Greece's culture minister), *Bursa Efek Jakarta* (an exchange's name).
        After a function word (*di*, *dan*, *yang*), a place noun (*kota*, *pulau*) or a verb
        (*menghantam*) it is a location. A place before a verb is an actor when it opens a sentence or a
        clause (*bahwa*, a comma) or is the object of a verb that it then carries out (*memaksa Suriah mengakhiri*).
        """
        before = self.text[max(0, start - 40) : start]
        if re.search(r"(?:^|\s)(?i:anti|pro|non)-$", before):
            return True  # anti-Suriah, pro-Rusia: a stance towards the state (se-Sulawesi Selatan is still the place)
        previous = _PREVIOUS_WORD.search(before)
        if previous is None or _SENTENCE_START.search(before):
            return bool(_ACTS_AFTER.match(self.text, end))
        word = previous.group(1)
        lower = word.lower()
        if lower in ("dan", "serta", "atau") and start - len(word) - 2 in self.unmarked_place_ends:
            return True  # menteri luar negeri Jordania dan Israel: listed after a place that describes, it describes too
        if lower in SIDE_NOUNS:
            return True  # pihak Israel: the Israeli side, not a location
        if lower in PREPOSITIONS or lower in _place_nouns():
            return False
        if lower in CLAUSE_OPENERS or word == ",":  # bahwa Israel harus …, kata dia, Inggris ingin …: the place acts
            return bool(_ACTS_AFTER.match(self.text, end))
        if lower in stopwords() or not word[0].isalpha():
            return False
        if word[0].islower():  # after a verb, a location, unless a verb follows: memaksa Suriah mengakhiri (Syria ends)
            return not _VERB.fullmatch(word) or bool(_ACTS_AFTER.match(self.text, end))
        if any(label == "ORG" and end == start - 1 for _, end, label, _ in self.spans[-2:]) or (word.endswith(")") and _is_acronym(word.strip("()"))):
            return True  # PKB Indonesia, Darul Quran (Daqu) Indonesia: the organisation's branch or country, part of its name
        return _is_common(word) and word not in self.begins

    def _read_role(self, words, i):
        """Role [more role, an organisation, a place] Name.

        The name is what follows the last word the rules explain (a role, a gazetteer name, an
        organisation cue, an acronym): all of it when it starts with an uncommon word or with one
        common word before one (*Siti Choiriana*, *Budi Gunawan*), else only from the first uncommon
        word (*Menteri Keuangan Sri Mulyani* gives *Mulyani*: *Keuangan* and *Sri* are both common words).
        Inside a title, a row of roles (*Direktur Direktur …*) is passed over at once: reading them one
        title inside another would cost a pass over the run for each role. A title with an organisation cue
        and an acronym in brackets after it is that organisation; the name comes after the brackets.
        """
        i += self._role_at(words, i)
        while self.in_title and i < len(words) and self._role_at(words, i):
            i += self._role_at(words, i)
        if i < len(words) and _ACRONYM_AFTER.match(self.text, words[-1][1]) and not self._known_at(words, i) \
                and any(self.word(w) in self.begins or self.word(w) in self.ends for w in words[i:]):
            # Direktur Eksekutif Institute for Essential Services Reform (IESR) Fabby Tumiwa: an organisation's name
            # with its acronym in brackets ends the title; the person's name follows the brackets
            self._add(words[i][0], words[-1][1], "ORG", self.text[words[i][0] : words[-1][1]])
            return len(words)
        explained_end, j = i, i
        while j < len(words):
            size = self._known_at(words, j) or self._role_at(words, j)
            word = self.word(words[j])
            if size or word in self.begins or word in self.ends or word in self.aliases or word in ORG_LINKS \
                    or (_is_acronym(word) and j < len(words) - 1):
                explained_end = j + max(size, 1)
            j += max(size, 1)
        rest = words[explained_end:]
        first = next((k for k, w in enumerate(rest) if self._uncommon(self.word(w)) or (_is_acronym(self.word(w)) and explained_end == i)), None)
        # one common word may open the name (Budi Gunawan), but not an affixed one: Menteri Kebudayaan Musliar Kasim
        opens_name = first == 0 or (first == 1 and _may_be_a_given_name(self.word(rest[0])))
        name_start = len(words) if first is None else explained_end + (0 if opens_name else first)
        if first is None and explained_end > i and rest and len(rest) <= MAX_COMMON_NAME_WORDS \
                and self.word(words[explained_end - 1]) not in ORG_LINKS and not _ACRONYM_AFTER.match(self.text, words[-1][1]) \
                and all(re.fullmatch(NAME_WORD, self.word(w)) and self.word(w).lower() not in _common_capitalised() for w in rest):
            name_start = explained_end  # Menteri ESDM Arifin Tasrif: after an explained title, dictionary words are a name too
        while name_start < len(words) and self.word(words[name_start]) in PERSON_LINKS:
            name_start += 1
        if i < name_start:  # Menteri [Keuangan]; Ketua Umum [Partai Golkar]; Direktur [Consumer Service Telkom]
            self.title_depth += 1
            self._read_run(words[i:name_start])
            self.title_depth -= 1
        if name_start < len(words):
            self._add_person(words[name_start][0], words[-1][1])
        else:
            self._name_after_comma(words[-1][1])
        return len(words)

    def _uncommon(self, word):
        """A capitalised word that can only be a name: no dictionary word, month, day, acronym or known name."""
        months, days, _ = _calendar_names()
        return len(word) > 1 and not _is_common(word) and not _is_acronym(word) and word not in self.lexicon \
            and word.lower() not in months and word.lower() not in days

    def _name_after_comma(self, position):
        """CEO Indosat, Alex Rusli: a role whose name follows a comma."""
        after = _COMMA_NAME.match(self.text, position)
        if after and not _is_common(after.group(1).split()[0]) and after.group(1) not in self.lexicon:
            self._add_person(after.start(1), after.end(1))

    def _read_org(self, words, i, label="ORG"):
        """Cue Name…: the organisation (or, with a place cue, the place) runs to the end of the run, or to a *dan* that
        joins a second name the gazetteer knows (*Pemerintah Jepang dan Indonesia*: two governments, the second unnamed).
        An organisation named by its office after *di*, *ke* or *dari* (*di Kantor Komisi Pemilihan Umum*) is that place."""
        end = next((k for k in range(i + 2, len(words) - 1) if self.word(words[k]) in ORG_LINKS and self._known_at(words, k + 1)
                    and k + 1 + self._known_at(words, k + 1) == len(words)), len(words))
        while self.word(words[end - 1]) in ORG_LINKS:
            end -= 1
        start, stop = words[i][0], words[end - 1][1]
        if label == "ORG" and self.word(words[i]).lower() in PREMISES and _AT.search(self.text, max(0, start - 10), start):
            label = "PLACE"  # di Kantor Komisi Pemilihan Umum: the office, where something happens
        self._add(start, stop, label, self.text[start:stop])
        return end

    def _read_rest(self, words, i):
        """Words no role, cue or gazetteer name explains: up to the next word that one does."""
        j = i + 1
        while j < len(words) and not (self._role_at(words, j) or self._known_at(words, j) or self.word(words[j]) in self.begins
                                      or self.word(words[j]) in ORG_LINKS):
            j += 1
        if j == len(words) - 1 and self._is_surname(words, i, j):
            j += 1  # Aburizal Bakrie, Badrodin Haiti: a known name that ends a person's name is the surname
        elif (j - i > 1 and self._is_institution(words, i, j)) or self._is_branch(words, i, j):
            end = j + self._known_at(words, j)  # Palang Merah Indonesia, PN Jakarta Pusat: an institution's name
            self._add(words[i][0], words[end - 1][1], "ORG", self.text[words[i][0] : words[end - 1][1]])
            return end
        part = words[i:j]
        start, stop = part[0][0], part[-1][1]
        text = self.text[start:stop]
        if self.word(part[-1]) in self.ends and len(part) > 1:
            self._add(start, stop, "ORG", text)
        elif len(part) > 1 and (head := _kinds("last").get(self.word(part[-1]))):
            if head != "-":  # Ramon Magsaysay Award: an award, no entity
                self._add(start, stop, head, text)
        elif len(part) > 1 and (opener := _kinds().get(self.word(part[0]).lower())) in ("ORG", "PLACE"):
            self._add(start, stop, opener, text)  # Organisasi Kesehatan Dunia: its kind noun opens it
        elif len(part) > 1 and self._opens_with_an_acronym(part):
            self._add(start, stop, "ORG", text)  # BPH Migas, PTBA Tanjung Enim: an acronym opens an organisation's name
        elif text in self.aliases:
            self._add(start, stop, *self.aliases[text])
        elif _PAIR.fullmatch(text) and (kind := _kinds("pair").get(self._previous_word(start).lower())):
            if kind != "-":  # pemerintahan Jokowi-JK: a government named by its two leaders, not a person
                self._add(start, stop, kind, text)
        elif (bracketed := self._bracketed(start, stop)) is not None:
            if bracketed:  # Presiden Joko Widodo (Jokowi), PT Pembangunan Perumahan (Perseto): another name for the one before
                self._add(start, stop, *bracketed)
                self.aliases.setdefault(text, bracketed)
        elif (kind := self._kind_before(start) or self._kind_after_name(stop)) \
                and (kind == "-" or self._names_a_person(part) or len(part) > 1):
            if kind != "-":  # spesies Diadectes, rudal Ghadir: a thing no layer marks; kelompok Islam (one common word): no name
                self._add(start, stop, kind, text)
        elif len(part) == 1 and _CAMEL_CASE.fullmatch(text):
            self._add(start, stop, "ORG", text)
        elif self.text[max(0, start - 2) : start].strip() == "@":
            pass  # @SBYudhoyono: an account's handle, not a name as written
        elif _WORD_GOES_ON.match(self.text, stop):
            pass  # a capitalised word with a lower-case reduplication or suffix after its hyphen: a common word
        elif all(_is_acronym(self.word(w)) for w in part):
            pass  # an acronym nobody introduced: BBM (fuel) and KTP (identity card) are acronyms too, not names
        elif not self.in_title and self._speaker_cue(start, stop) and self._names_a_person(part, common_allowed=True):
            if _nickname_before().search(self.text, max(0, start - 20), start):
                self.nicknames.append((start, text))
            self._add_person(start, stop)
        elif (_place_cue().search(self.text, max(0, start - 20), start) and not (len(part) == 1 and _is_a_common_root(text))) \
                or (not self.in_title and self._names_a_person(part) and (self._beside_a_place(start, stop) or _place_after().match(self.text, stop))):
            self.guessed_places.add((start, stop))  # a guess: a name the article calls a person stays a person (ke Sjahril)
            self._add(start, stop, "PLACE", text)
        elif not self.in_title and self._names_a_person(part) \
                and (len(part) > 1 or (english_score(text.lower())[0] < NAME_MAX_ENGLISH_ZIPF and not _is_compound(text))):
            self._add_person(start, stop)
        return j

    def _is_surname(self, words, i, j):
        """True when the known one-word name at j (*Bakrie*, a company; *Haiti*, a country) follows given names
        (i..j, written as names, one at least no dictionary word) and ends the run: it is the person's surname."""
        return self._known_at(words, j) == 1 and not self._role_at(words, j) and re.fullmatch(NAME_WORD, self.word(words[j])) \
            and all(re.fullmatch(NAME_WORD, self.word(w)) for w in words[i:j]) and any(self._uncommon(self.word(w)) for w in words[i:j])

    def _is_branch(self, words, i, j):
        """True when one acronym nobody introduced (i) comes right before a known place that ends the run (j): *PN Jakarta
        Pusat* (the Central Jakarta district court), *BPD Riau* (Riau's regional bank): an institution's branch there."""
        known = self._known_at(words, j)
        return j == i + 1 and bool(known) and j + known == len(words) and _is_acronym(self.word(words[i])) \
            and not _ROMAN.fullmatch(self.word(words[i])) and self.word(words[i]) not in self.aliases \
            and self.lexicon[self.text[words[j][0] : words[j + known - 1][1]]][0] == "PLACE"

    def _opens_with_an_acronym(self, part):
        """True when an acronym of three letters or more opens the name (*BPH Migas*), unless names nobody explains
        follow it (*MDC Morgan Tsangirai*: the party, then its leader). Of the names in idner-news-2k's train split
        that open so, 24 are organisations, 2 places (*DKI Jakarta*, in the gazetteer) and none a person."""
        first = self.word(part[0])
        return len(first) >= 3 and _is_acronym(first) and not _ROMAN.fullmatch(first) \
            and not (len(part) > 2 and all(self._uncommon(self.word(w)) for w in part[1:]))

    def _previous_word(self, start):
        previous = _PREVIOUS_WORD.search(self.text, max(0, start - 30), start)
        return previous.group(1) if previous else ""

    def _bracketed(self, start, stop):
        """For a name in brackets, the (label, entity) of the name written right before the brackets, or () when none
        is: *(Menpera)* after *menteri perumahan rakyat* abbreviates words, it names no one. None out of brackets."""
        if not (self.text[start - 1 : start] == "(" and self.text[stop : stop + 1] == ")"):
            return None
        return next(((label, entity) for _, end, label, entity in self.spans[-3:] if end == start - 2), ())

    def _is_institution(self, words, i, j):
        """True when capitalised common words (i..j) run into a known place that ends the name: *Palang Merah Indonesia*
        (the Indonesian Red Cross), *Ikatan Dokter Indonesia*. Indonesian names its institutions with common nouns."""
        known = self._known_at(words, j)
        ends_the_name = known and (j + known == len(words) or self.word(words[j + known]) in ORG_LINKS)
        return bool(ends_the_name) and self.lexicon[self.text[words[j][0] : words[j + known - 1][1]]][0] == "PLACE" \
            and all(_is_common(self.word(w)) and self.word(w).lower() not in stopwords() and not _is_acronym(self.word(w))
                    for w in words[i:j])

    def _kind_before(self, start):
        """The label (ORG, PLACE, or - for a thing) that a kind noun right before the name gives it, perhaps with a
        nationality between (*perusahaan Qantas*, *kantor berita Jepang Domei*: helpers/data/kind_nouns.csv), or None."""
        if self.text[start - 1 : start] in _OPENING_QUOTES:
            start -= 1  # berjudul "Sokola Rimba": a title in quotes
        window = max(0, start - KIND_WINDOW)
        if not self.text[window:start].endswith(" "):
            return None
        words = [(m.start(), m.group()) for m in _NON_SPACE.finditer(self.text, window, start)][1 if window else 0 :]  # the first may be cut
        while words and words[-1][1] in _OPENING_QUOTES:
            words.pop()
        if not any(word.lower() in _kind_last_words() for _, word in words[-2:]):
            return None  # the noun ends at the last word, or at the one before a nationality
        for between in (0, 1):
            if between and not (words and re.fullmatch(NAME_WORD, words[-1][1])):
                break
            head = words[: len(words) - between]
            for size in range(min(MAX_KIND_WORDS, len(head)), 0, -1):
                noun = " ".join(word for _, word in head[-size:])
                if noun.lower() in _kinds() and (noun[0].islower() or self._opens_sentence(head[-size][0])):
                    return _kinds()[noun.lower()]
        return None

    def _kind_after_name(self, stop):
        """The label of a kind noun set after the name with a comma (*Triodos, sebuah bank …*), or None."""
        after = _kind_after().match(self.text, stop)
        return _kinds()[after.group(1)] if after else None

    def _opens_sentence(self, position):
        """True when the word at ``position`` starts a sentence: a capitalised kind noun counts only there (*Hewan Solenodon …*)."""
        return bool(_SENTENCE_START.search(self.text, max(0, position - SENTENCE_START_WINDOW), position))

    def _beside_a_place(self, start, stop):
        """A name listed with a place (*Moskow dan Cherkessk*, *Arizona, Wyoming*) or set before one as in an
        address (*Warung Daun, Cikini, Jakarta Pusat*) is a place too."""
        after = _LISTED_AFTER.match(self.text, stop)
        if after and self.lexicon.get(after.group(1), ("",))[0] == "PLACE":
            return True
        before = _LISTED_BEFORE.search(self.text, max(0, start - 60), start)
        return bool(before) and any(label == "PLACE" and end == before.start(1) + len(before.group(1))
                                    for _, end, label, _ in self.spans[-3:])

    def _speaker_cue(self, start, stop):
        """A reporting verb or *menurut* before the name, *selaku* or a reporting verb after it, or a nickname cue."""
        return bool(_person_cue_before().search(self.text, max(0, start - 30), start)
                    or _person_cue_after().match(self.text, stop)
                    or _role_before().search(self.text, max(0, start - 40), start))

    def _names_a_person(self, words, common_allowed=False):
        months, days, _ = _calendar_names()
        names = [self.word(w) for w in words]
        if any(w.lower() in months or w.lower() in days for w in names):
            return False
        if len(names) == 1 and (names[0] in self.begins or names[0] in self.place_begins):
            return False  # Dewan, Pulau: a cue word alone names no one
        if any(w.endswith("nya") and _is_common(w[:-3]) for w in names):
            return False  # Capresnya, Keppresnya: a common word with its possessive -nya, not a name
        if len(names) > 1 and names[0].lower() in _kinds():
            return False  # Badai Tropis Cristobal, Wabah Ebola: a kind noun opens the name of a thing
        if names[0] in ENGLISH_ARTICLES or (len(names) > 1 and _is_derived(names[0])):
            return False  # The Times; Tawaran Georgia-Pacific (the offer of …): a title or a phrase, not a name
        if len(names) >= 3 and all(len(w) > 1 and zipf_frequency(w.lower(), "en") >= PHRASE_MIN_ENGLISH_ZIPF for w in names):
            return False  # Operation Protective Edge: common English words, a title or an event
        # common_allowed (after a speaker cue: kata Budi) lets dictionary words in, never the words of common_capitalised.txt
        return any(len(w) > 1 and ((common_allowed and w.lower() not in _common_capitalised()) or not _is_common(w))
                   and not _is_acronym(w) and not _HAS_DIGIT.search(w)
                   for w in names if w not in PERSON_LINKS)

    def _add(self, start, end, label, entity):
        self.spans.append((start, end, label, entity))
        acronym = _ACRONYM_AFTER.match(self.text, end)  # Susilo Bambang Yudhoyono (SBY), Komisi Pemberantasan Korupsi (KPK)
        if not acronym and label == "ORG":
            acronym = _SYLLABIC_AFTER.match(self.text, end)  # Kepolisian Resor Kota Besar (Polrestabes)
            if acronym and not _is_syllabic_acronym(acronym.group(1), self.text[start:end]):
                acronym = None
        if acronym and acronym.group(1) not in self.lexicon:
            self.aliases.setdefault(acronym.group(1), (label, entity))

    def _add_person(self, start, end):
        self._add(start, end, "PERSON", self.text[start:end])

    def _add_later_mentions(self):
        """A person's full name, and every part of it that is no common word, marks later mentions; so do acronyms in brackets."""
        full_names = {}
        for start, end, label, _ in sorted(self.spans):
            if label != "PERSON":
                continue
            name = self.text[start:end]
            if (start, name) in self.nicknames:  # wanita karib disapa Ana: the person introduced just before
                earlier = [f for f in full_names.values() if " " in f]
                full_names.setdefault(name, earlier[-1] if earlier else name)
                continue
            alias = self.aliases.get(name, ("", ""))
            full = alias[1] if alias[0] == "PERSON" else \
                next((f for f in full_names.values() if name in f.split() or f.startswith(name + " ")), name)  # (SBY): its full name
            full_names.setdefault(name, full)
            for part in name.split():
                if len(part) > 2 and part not in PERSON_LINKS and not _is_common(part) and not re.fullmatch(INITIAL, part):
                    full_names.setdefault(part, full)
        self.spans = [(s, e, label, full_names.get(self.text[s:e], entity) if label == "PERSON" else entity)
                      for s, e, label, entity in self.spans
                      if not ((s, e) in self.guessed_places and self.text[s:e] in full_names)]
        known = {**{name: ("PERSON", full) for name, full in full_names.items()}, **self.aliases}
        if known:
            self.spans += [(start, end, *known[self.text[start:end]]) for start, end in self._mentions(known)
                           if not self._ends_a_role(start, end)]

    def _ends_a_role(self, start, end):
        """True when the word before ``start`` and the name make a role: *Agung* is a person's name, *Jaksa Agung* a title."""
        previous = _PREVIOUS_WORD.search(self.text, max(0, start - 30), start)
        role = previous and _roles().match(self.text, previous.start(1))
        return bool(role) and role.end() == end

    def _mentions(self, names):
        """(start, end) of every mention of ``names`` as a whole word, the longest name first, left to right, without
        overlaps. A dictionary by each name's first letter stands in for one alternation of all the names: an
        article's own pattern, compiled for every article, took a third of the entity rules' time."""
        by_prefix = {}
        for name in sorted(names, key=len, reverse=True):
            by_prefix.setdefault(name[0], []).append(name)
        found, after = [], 0
        for start in (m.start() for m in _word_start(frozenset(by_prefix)).finditer(self.text)):
            if start < after:
                continue
            for name in by_prefix.get(self.text[start], ()):
                end = start + len(name)
                if self.text.startswith(name, start) and not _JOINED.match(self.text, end):
                    found.append((start, end))
                    after = end
                    break
        return found


@lru_cache(maxsize=1024)
def _word_start(letters):
    """Where a word beginning with one of ``letters`` begins (no letter, digit or hyphen before it): the places a
    mention of names starting so may begin."""
    return re.compile(rf"(?<![\w-])[{''.join(map(re.escape, sorted(letters)))}]")


METHODS = ("rules", "learned", "both")


def find_entities(corpus, extra_gazetteer=None, method="rules"):
    """People, organisations and places: a span table with ``layer`` "entities", ``label`` (PERSON, ORG or PLACE) and ``entity``.

    ``method`` chooses who finds them: ``"rules"`` (the default, below), ``"learned"`` (the CRF
    tagger of ``helpers.learning``, trained on idner-news-2k) or ``"both"``: every learned span,
    plus the rule spans that overlap none of them. A learned span takes its ``entity`` from a rule
    span of its label that covers it (so *Siti* is still *Siti Choiriana*), else its own text; names
    given in ``extra_gazetteer`` are added with every method.

    ``entity`` is the one thing a span names: a person's full name as first introduced (*Siti* →
    *Siti Choiriana*), a gazetteer name's canonical form (*AS* → *Amerika Serikat*), an acronym's
    long name when the article introduces it in brackets.

    - PERSON: never from a list of names. A name is found by its shape and the words around it: a
      role or honorific before it (helpers/data/person_roles.txt), or capitalised words that are not
      Indonesian dictionary words; then every later mention of it, or of part of it.
    - ORG: an organisation cue word (helpers/data/org_cues.csv: *PT*, *Kementerian*, *Partai*,
      … *Tbk*), an acronym, or the gazetteer.
    - PLACE: the gazetteer (Indonesia's provinces, regencies and cities; the world's countries), a
      place cue word (helpers/data/place_cues.csv: *Jalan*, *Pulau*, *Gedung*, …), and a capitalised
      name after *di/ke/dari* (in, to, from).
    Overlaps are settled for the longest span. ``extra_gazetteer`` (a DataFrame with columns name and
    label, and optionally entity) adds organisations and places for this call, without editing a file.
    """
    _checks.corpus(corpus, "find_entities")
    extra_gazetteer = _checked_gazetteer(extra_gazetteer) if extra_gazetteer is not None else None
    _checks.choice(method, "find_entities", "method", METHODS)
    rules = _rule_entities(corpus, extra_gazetteer)
    if method == "rules":
        return rules
    if method == "both":
        keep = rules
    else:  # learned: of the rules' spans, only the names you added with extra_gazetteer
        keep = rules[rules["text"].isin(set(extra_gazetteer["name"]))] if extra_gazetteer is not None else rules.iloc[:0]
    return _combined(tag_entities(corpus), rules, keep)


def _rule_entities(corpus, extra_gazetteer):
    lexicon = _lexicon(extra_gazetteer)
    first_words = {name.split()[0] for name in lexicon if name.strip()}
    rows = []
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        for start, end, label, entity in _longest_first(_Article(text, lexicon, first_words).spans):
            rows.append((doc_id, start, end, text[start:end], "entities", label, entity))
    return pd.DataFrame(rows, columns=[*SPAN, "layer", "label", "entity"])


def _combined(learned, rules, kept):
    """The learned spans, each with the rules' entity where a rule span of its label covers it, and the spans of ``kept`` no learned span touches."""
    rule_spans, learned_spans = _by_article(rules), _by_article(learned)
    rows = []
    for row in learned.itertuples(index=False):
        linked = next((r.entity for r in rule_spans.get(row.id, []) if r.label == row.label and r.start <= row.start and row.end <= r.end), row.text)
        rows.append((*row[:6], linked))
    for doc_id, spans in _by_article(kept).items():
        taken = learned_spans.get(doc_id, [])
        rows += [tuple(r) for r in spans if all(r.end <= s.start or r.start >= s.end for s in taken)]
    table = pd.DataFrame(rows, columns=[*SPAN, "layer", "label", "entity"])
    return table.sort_values(["id", "start"], ignore_index=True)


def _by_article(table):
    """{id: [row, ...]} of a span table, one pass."""
    grouped = {}
    for row in table.itertuples(index=False):
        grouped.setdefault(row.id, []).append(row)
    return grouped


def _longest_first(candidates):
    """Spans that do not overlap, preferring the longer one (and, at equal length, the earlier candidate)."""
    ranked = sorted(enumerate(candidates), key=lambda item: (-(item[1][1] - item[1][0]), item[0]))
    kept, starts = [], []  # in text order; kept spans never overlap, so only a new span's two neighbours can touch it
    for _, span in ranked:
        at = bisect.bisect_left(starts, span[0])
        if span[0] < span[1] and (at == 0 or kept[at - 1][1] <= span[0]) and (at == len(kept) or span[1] <= kept[at][0]):
            kept.insert(at, span)
            starts.insert(at, span[0])
    return sorted(kept)


# ---------------------------------------------------------------- quotes


@lru_cache(maxsize=None)
def _verb_alternation():
    verbs = sorted(reporting_verbs(), key=len, reverse=True)
    return "|".join(map(re.escape, verbs))


MIN_UNATTRIBUTED_WORDS = 5
_QUOTE_MARK = re.compile(r'[“”"]')


def _quote_spans(paragraph):
    """(start, end) of each quotation in a paragraph, marks included. An unclosed quote runs to the paragraph's end.

    A quotation inside a quotation in the other style of marks (“… "tidak" …”, "… “ya” …") is part
    of the outer one, so the outer one is not cut short at the inner closing mark.
    """
    spans, marks, opened = [], [], None  # marks: the opening marks still open, innermost last
    for mark in _QUOTE_MARK.finditer(paragraph):  # only the marks themselves change anything
        i, char = mark.start(), mark.group()
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        if not marks:
            if char == "“" or (char == '"' and not before.isalnum()):
                marks, opened = [char], i
        elif (char == "“" and marks[-1] == '"') or (char == '"' and marks[-1] == "“" and (before.isspace() or before in "([") and not after.isspace()):
            marks.append(char)
        elif char in "”\"":
            marks.pop()
            if not marks:
                spans.append((opened, i + 1))
    if marks:
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
    _checks.corpus(corpus, "find_quotes")
    if entities is not None:
        _checks.table(entities, "find_quotes", "entities", ["id", "start", "end", "label", "entity"], "helpers.find_entities(corpus)")
    entities = find_entities(corpus) if entities is None else entities
    people = entities[entities["label"] == "PERSON"]
    cue_after = re.compile(rf"\s*(?P<cue>(?:{_verb_alternation()})(?:nya)?)\b(?P<rest>[^.\n]{{0,80}})")
    rows = []
    # Per article, its people as plain (start, end, name) tuples: one split, not a DataFrame filter per quotation.
    mentions_by_article = {}
    for doc_id, start, end, name in zip(*(people[c].tolist() for c in ["id", "start", "end", "entity"])):
        mentions_by_article.setdefault(doc_id, []).append((start, end, name))
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        mentions = _Mentions(mentions_by_article.get(doc_id, []))
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
                    speaker = mentions.first_between(cue.end("cue"), cue.end("rest"))
                if speaker:
                    last_quoted = (speaker, end)
                rows.append((doc_id, start, end, text[start:end], "quotes", "QUOTE", cue["cue"] if cue else None, speaker))
            offset += len(paragraph) + 2
    return pd.DataFrame(rows, columns=[*SPAN, "layer", "label", "cue", "speaker"])


class _Mentions:
    """One article's people, (start, end, name) each, looked up by position by bisection: a long article with many
    quotations and names stays linear-logarithmic, not quotations × names."""

    def __init__(self, mentions):
        self.by_start = sorted(mentions, key=lambda mention: mention[0])
        self.starts = [start for start, _, _ in self.by_start]
        self.by_end = sorted(((end, name) for _, end, name in self.by_start), key=lambda mention: mention[0])
        self.ends = [end for end, _ in self.by_end]

    def first_between(self, low, high):
        """The name of the first mention that starts in [low, high), or None."""
        i = bisect.bisect_left(self.starts, low)
        return self.by_start[i][2] if i < len(self.starts) and self.starts[i] < high else None

    def last_ending_by(self, position):
        """(end, name) of the mention that ends last at or before ``position``, or None."""
        i = bisect.bisect_right(self.ends, position)
        return self.by_end[i - 1] if i else None


def _quoted_or_named_last(mentions, position, last_quoted):
    """Whoever came last before ``position``: the speaker of the previous quotation, or the person named last."""
    earlier = mentions.last_ending_by(position)
    if earlier and earlier[0] > last_quoted[1]:
        return earlier[1]
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


@lru_cache(maxsize=None)
def _date_start():
    """Where a date can begin: a day or month name, *pada*/*sejak*/*tahun*, a digit or a bracket. Trying the whole
    date pattern only there, not at every character, finds the same dates in half the time. The names are grouped by
    their first letter (j(?:anuari|uni|…)): the engine then tries one group, not every name, at each word start."""
    months, days, _ = _calendar_names()
    by_letter = {}
    for name in sorted([*months, *days, "pada", "sejak", "tahun"], key=len, reverse=True):
        by_letter.setdefault(name[0], []).append(re.escape(name[1:]))
    names = "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())
    return re.compile(rf"[\d(]|\b(?:{names})", re.IGNORECASE)


def _dates_in(text):
    """The matches of the date pattern in a text, as ``finditer`` gives them."""
    pattern, start, position = _date_pattern(), _date_start(), 0
    while (candidate := start.search(text, position)) is not None:
        match = pattern.match(text, candidate.start())
        if match:
            yield match
            position = max(match.end(), candidate.start() + 1)  # a match is never empty, but never loop on one
        else:
            position = candidate.start() + 1


def find_dates(corpus):
    """Dates the articles state: ``date`` as ISO text, ``weekday_stated`` and ``weekday_ok``.

    ``date`` is YYYY-MM-DD, or YYYY-MM / YYYY when that is all the text says. A date without a
    year, such as "Kamis (9/1)", takes the year that puts it on or before the nearest full date
    before it in the article, else the article's publication date: never today's. A day name
    printed beside the date (``weekday_stated``) is checked against the calendar
    (``weekday_ok``); an impossible date (31/2/2020) gets ``date`` None and a ``problem``.
    Durations such as "1X24 jam" and bare numbers are not dates. Month and day names come from CLDR.
    """
    _checks.corpus(corpus, "find_dates")
    months, days, day_names = _calendar_names()
    rows = []
    for doc_id, text, published in zip(corpus["id"], corpus["text"], corpus["published"]):
        anchor = None if pd.isna(published) else published.date()
        for match in _dates_in(text):
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
    """``english``, ``shared`` (an established loanword), ``indonesian`` or ``rare``: two signals.

    1. The Indonesian dictionary (``standard_words``: PySastrawi's KBBI-derived root list and
       helpers/data/standard_words_extra.txt). A word it lists, or an affixed form of one
       (*mengadopsi* ← *adopsi*), is Indonesian: ``shared`` when it is also common in English within
       the margin (*internet*, *media*, *legal*), else ``indonesian``.
    2. wordfreq's frequencies, for words the dictionary does not list: ``english`` when the word is
       common in English (at least ``min_zipf``) and not ``margin`` more frequent in Indonesian
       (*online*, *streaming*, *sustainable*: web Indonesian uses them often, but the dictionary
       says *daring*, not *online*).
    Rare: below ``min_zipf`` in both languages, too rare to judge (names, typos). Overrides in
    helpers/data/english_overrides.csv win.
    """
    overrides = _overrides()
    lower = word.lower()
    if lower in overrides:
        return overrides[lower]
    en, id_ = english_score(lower)
    if _in_dictionary(lower):
        return "shared" if en >= min_zipf and id_ >= min_zipf and abs(en - id_) < margin else "indonesian"
    if en < min_zipf:
        return "rare" if id_ < min_zipf else "indonesian"
    return "english" if id_ - en < margin else "indonesian"


def _in_dictionary(lower):
    words = standard_words()
    return lower in words or lower in stopwords() or (lower.isalpha() and stem(lower) in words)


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
    _checks.corpus(corpus, "find_english")
    entities = find_entities(corpus) if entities is None else entities
    named = _named_positions(entities)
    rows = []
    classes = {}  # word → (class, characters to skip): this call's own look-up, cheaper than the shared cache's
    for doc_id, text in zip(corpus["id"].tolist(), corpus["text"].tolist()):
        inside_names = named.get(doc_id, ())
        # One pass over the whole text: a run never crosses a sentence, whose end is a punctuation token (which
        # closes the run) or a blank line (words apart), so splitting the text into sentences first changes nothing.
        run = []  # (start, end, class) of the English and shared words in a row
        for token in TOKEN.finditer(text):
            if token.lastgroup != "word" or token.start() in inside_names:
                if run:
                    _close_run(run, doc_id, text, rows)
                continue
            word = token.group()
            word_class, skip = classes.get(word) or classes.setdefault(word, _word_class(word, margin, min_zipf))
            if word_class in ("english", "shared"):
                if run and token.start() - run[-1][1] > 1:  # words apart are not one phrase
                    _close_run(run, doc_id, text, rows)
                run.append((token.start() + skip, token.end(), word_class))
            elif run:
                _close_run(run, doc_id, text, rows)
        if run:
            _close_run(run, doc_id, text, rows)
    return pd.DataFrame(rows, columns=[*SPAN, "layer", "label", "classes"])


def _close_run(run, doc_id, text, rows):
    """A run of English and shared words ends: a span if it holds an English word."""
    if any(word_class == "english" for *_, word_class in run):
        start, end = run[0][0], run[-1][1]
        rows.append((doc_id, start, end, text[start:end], "english", "EN", " ".join(c for *_, c in run)))
    run.clear()


def _named_positions(entities):
    """{id: {position}} of every character inside an entity span: a token starting at one is part of a name."""
    named = {}
    for doc_id, start, end in zip(*(entities[c].tolist() for c in ["id", "start", "end"])):
        named.setdefault(doc_id, set()).update(range(start, end))
    return named


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


def annotate(corpus, layers=LAYERS, extra_gazetteer=None, method="rules", jobs=1):
    """All layers in one span table; every finder's table already has ``layer`` and ``label``. ``method`` is find_entities'.

    ``jobs=2`` or more annotates a large corpus in that many processes, a share of the articles each (the
    result is the same: every layer reads one article at a time); the README's speed section says when it pays.
    """
    _checks.corpus(corpus, "annotate")
    if isinstance(layers, str) or not set(layers) <= set(LAYERS):
        raise ValueError(f"annotate: layers should be a list of some of {list(LAYERS)}, such as layers=[\"entities\", \"quotes\"]; got {layers!r}")
    _checks.count(jobs, "annotate", "jobs", "how many processes to use", 2)
    if jobs > 1 and len(corpus) >= PARALLEL_MIN_ARTICLES:
        return _annotate_in_processes(corpus, layers, extra_gazetteer, method, jobs)
    entities = find_entities(corpus, extra_gazetteer, method)
    tables = {
        "entities": lambda: entities,
        "quotes": lambda: find_quotes(corpus, entities),
        "dates": lambda: find_dates(corpus),
        "english": lambda: find_english(corpus, entities=entities),
    }
    return in_order(pd.concat([tables[layer]() for layer in layers], ignore_index=True))


# Below this many articles, starting processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 500


def _annotate_in_processes(corpus, layers, extra_gazetteer, method, jobs):
    """``annotate`` on ``jobs`` shares of the corpus in as many processes."""
    needed = corpus[["id", "text", "published"]]  # what the finders read: the raw pages need not be copied to the workers
    tables = in_processes(partial(annotate, layers=layers, extra_gazetteer=extra_gazetteer, method=method), needed, jobs)
    return in_order(pd.concat(tables, ignore_index=True))


def in_order(table):
    """A span table of several layers in ``annotate``'s order: by article, start, end and layer."""
    return table.sort_values(["id", "start", "end", "layer"], ignore_index=True)
