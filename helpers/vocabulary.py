"""Vocabulary: stopwords, stems, the glossary, the gazetteer of known names, and words in their context."""

import re
import zoneinfo
from functools import lru_cache
from pathlib import Path

import pandas as pd
from babel import Locale
from babel.dates import get_timezone_location
from wordfreq import zipf_frequency

from helpers import _checks
from helpers._data import DATA, read_csv, read_word_list


@lru_cache(maxsize=None)
def stopwords():
    """Indonesian stopwords: Tala's (2003) published list plus the collection's extra words."""
    return frozenset(read_word_list("stopwords_tala.txt")) | frozenset(read_word_list("stopwords_extra.txt"))


@lru_cache(maxsize=None)
def standard_words():
    """Standard Indonesian words, lower case: PySastrawi's KBBI-derived root list plus helpers/data/standard_words_extra.txt."""
    import Sastrawi  # the root list ships inside the PySastrawi package

    roots = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    words = roots.read_text(encoding="utf-8").split()
    return frozenset(words) | frozenset(w.lower() for w in read_word_list("standard_words_extra.txt"))


@lru_cache(maxsize=None)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=None)
def stem(word):
    """The PySastrawi stem of one word: ``pemblokiran`` → ``blokir``, ``teman-teman`` → ``teman``."""
    return _stemmer().stem(word)


def stem_words(words):
    """A {word: stem} dict for many words, each stemmed once."""
    return {word: stem(word) for word in words}


def glossary():
    """Key Indonesian terms of the articles with English glosses (helpers/data/glossary.csv)."""
    return read_csv("glossary.csv")


@lru_cache(maxsize=None)
def gazetteer():
    """Known organisations and places: name, label (ORG or PLACE), entity (the one it names), source. People are never listed.

    - ``helpers/data/gazetteer.csv``: organisations and places by hand, with aliases: *AS* and
      *Amerika Serikat* both name the entity *Amerika Serikat*;
    - Indonesia's provinces, regencies and cities (BPS, ``helpers/data/wilayah-indonesia``, ODbL)
      as news writes them (*Aceh Singkil*; *Kabupaten Aceh Singkil* and *Kota Banda Aceh* too);
    - the world's countries and regions, and the cities CLDR names for its time zones, in
      Indonesian (Babel): *Tiongkok*, *Eropa*, *Kairo*;
    - the world's cities of 100,000 people or more (GeoNames, CC BY 4.0, ``helpers/data/geonames-cities``)
      whose names are no ordinary Indonesian or English word: *Topeka*, *Bulawayo*, *Quetta*;
    - the world's states and provinces (GeoNames, CC BY 4.0, ``helpers/data/geonames-regions``) on the same
      condition: *Texas*, *Johor*, *Brandenburg*, *Xinjiang*.
    A name listed twice keeps its first row, so the hand-made file wins.
    """
    by_hand = read_csv("gazetteer.csv").assign(source="gazetteer.csv")
    by_hand["entity"] = by_hand["entity"].mask(by_hand["entity"] == "", by_hand["name"])
    table = pd.concat([by_hand, _indonesian_places(), _world_places()], ignore_index=True)
    table = pd.concat([table, _world_cities(set(table["name"]))], ignore_index=True)
    table = pd.concat([table, _world_regions(set(table["name"]))], ignore_index=True)
    return table.drop_duplicates("name", ignore_index=True)[["name", "label", "entity", "source"]]


def org_cues():
    """Words that start (*Kementerian*) or end (*Tbk*) an organisation's name (helpers/data/org_cues.csv): cue, position, note."""
    return read_csv("org_cues.csv")


def place_cues():
    """Words that start a place's name (helpers/data/place_cues.csv): *Jalan*, *Pulau*, *Gedung*; cue, note."""
    return read_csv("place_cues.csv")


def kind_nouns():
    """Nouns that say what kind of thing a name is (helpers/data/kind_nouns.csv): noun, position, label, note.

    ``position`` ``before``: a lower-case noun right before the name (*perusahaan Qantas*, the company
    Qantas; *spesies Diadectes*); ``last``: the name's own last word, as written (*Ramon Magsaysay
    Award*, *Jakarta Convention Center*); ``pair``: a lower-case noun right before two names joined by a
    hyphen (*pemerintahan Jokowi-JK*, the government of a president and his deputy: the pair names what
    the noun says, not a person). ``label`` is ORG, PLACE, or ``-`` for a thing no entity layer marks.
    A row with another position or label, or a ``before`` or ``pair`` noun that is empty or capitalised, is
    refused with the file and row named."""
    table = read_csv("kind_nouns.csv")
    missing = [column for column in ("noun", "position", "label") if column not in table.columns]
    if missing:
        raise ValueError(f"helpers/data/kind_nouns.csv: missing column(s) {', '.join(missing)}; it needs noun, position, label and note")
    for row, (noun, position, label) in enumerate(zip(table["noun"], table["position"], table["label"]), start=2):  # row 1: header
        where = f"helpers/data/kind_nouns.csv, row {row} ({noun!r})"
        if label not in KIND_LABELS:
            raise ValueError(f"{where}: label {label!r} is none of {', '.join(KIND_LABELS)}")
        if position not in KIND_POSITIONS:
            raise ValueError(f"{where}: position {position!r} is none of {', '.join(KIND_POSITIONS)}")
        if not noun.strip() or (position in ("before", "pair") and noun != noun.lower()):
            raise ValueError(f"{where}: a noun before a name must be a lower-case word or words")
    return table


KIND_POSITIONS = ("before", "last", "pair")
KIND_LABELS = ("ORG", "PLACE", "-")


def reporting_verbs():
    """Verbs that attribute a quotation (helpers/data/reporting_verbs.txt): *kata*, *ujar*, *tutur*, …; a list of strings."""
    return read_word_list("reporting_verbs.txt")


WILAYAH = DATA / "wilayah-indonesia"
_KEEP_UPPER = {"DKI", "DI"}  # abbreviations inside BPS names: DKI Jakarta, DI Yogyakarta
_KEEP_LOWER = {"DAN"}  # Pangkajene dan Kepulauan


def _title(name):
    """A BPS name as news writes it: KOTA B A T A M → Kota Batam, TOLI-TOLI → Toli-Toli."""
    name = re.sub(r"\b(?:[A-Z] )+[A-Z]\b", lambda spaced: spaced.group(0).replace(" ", ""), name.strip())
    words = [w if w in _KEEP_UPPER else w.lower() if w in _KEEP_LOWER else w.title() for w in name.split()]
    return " ".join(words)


def _indonesian_places():
    source = "BPS, via Wilayah-Administratif-Indonesia (ODbL)"
    provinces = pd.read_csv(WILAYAH / "provinces.csv", header=None, names=["code", "name"], dtype=str)
    regencies = pd.read_csv(WILAYAH / "regencies.csv", header=None, names=["code", "province", "name"], dtype=str)
    rows = []
    for raw in provinces["name"]:
        official = _title(raw)
        short = re.sub(r"^(?:DKI|DI) ", "", official)  # DKI Jakarta is Jakarta in most news
        rows += [(official, short), (f"Provinsi {short}", short)] + ([(short, short)] if short != official else [])
    for raw in regencies["name"]:
        official = _title(raw)  # Kabupaten Aceh Singkil, Kota Banda Aceh
        short = re.sub(r"^(?:Kabupaten|Kota) ", "", official)
        rows += [(short, short), (official, short)]
    return pd.DataFrame([(name, "PLACE", entity, source) for name, entity in rows], columns=["name", "label", "entity", "source"])


def _world_places():
    """Countries, regions and time-zone cities in Indonesian, from CLDR via Babel."""
    source = "CLDR (Babel)"
    territories = Locale("id").territories
    names = [name for code, name in territories.items() if code not in _NOT_PLACES]
    # Myanmar (Burma), Kongo - Kinshasa: news writes the name before the brackets or the dash, or the one inside them
    names += [part for name in names if re.search(r" \(| - ", name) for part in re.split(r" \(| - |\)", name) if part]
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/", "Brazil/", "Canada/", "Chile/", "Mexico/")):
            city = get_timezone_location(zone, locale="id", return_city=True)
            if "/" not in city:
                names.append(city)
    return pd.DataFrame([(name, "PLACE", name, source) for name in names], columns=["name", "label", "entity", "source"])


def _indonesian_word(lower):
    """A dictionary word or a stopword (*lima*, *batu*): a GeoNames name spelt so is as likely the word as the place."""
    return lower in standard_words() or lower in stopwords()


CITY_MAX_ENGLISH_ZIPF = 3.5  # a city named like a common English word (Mobile, Orange, Jackson) is left out
SHORT_CITY_MIN_POPULATION = 500_000  # a name of four letters or fewer (Yono, Tama) is as likely a nickname: only big cities (Giza, Pune)


def _world_cities(known):
    """GeoNames' cities of 100,000 people or more outside Indonesia, except names already ``known`` and ordinary words."""
    cities = pd.read_csv(DATA / "geonames-cities" / "cities.csv", usecols=["name", "country", "population"], keep_default_na=False)
    short = cities["name"].str.len() <= 4
    cities = cities[(cities["country"] != "ID") & (~short | (cities["population"] >= SHORT_CITY_MIN_POPULATION))]
    names = cities["name"].drop_duplicates()
    ordinary = names.str.lower().map(lambda name: _indonesian_word(name) or zipf_frequency(name, "en") >= CITY_MAX_ENGLISH_ZIPF)
    names = names[~ordinary & ~names.isin(known)]
    return pd.DataFrame({"name": names, "label": "PLACE", "entity": names, "source": "GeoNames (CC BY 4.0)"})


# Region names made only of these words are descriptions, not names: Central, Eastern, Capital, Upper Lakes
_GENERIC_REGION_WORDS = frozenset("""north south east west northern southern eastern western central capital upper lower
    middle coast coastal island islands lakes lake river region district province state territory greater mountain
    mountains delta border highlands lowlands valley city federal special autonomous the of and""".split())
REGION_MIN_LETTERS = 5  # Oyo, Ica, Edo: a short region name is as likely a nickname or an acronym
# GeoNames writes some Chinese regions with their administrative suffix; news writes Jiangxi, Xinjiang
_REGION_SUFFIX = re.compile(r" (?:Uygur |Zhuangzu |Huizu )?(?:Sheng|Zizhiqu|Shi)$")


def _world_regions(known):
    """GeoNames' first-level regions outside Indonesia, except names already ``known`` and ordinary words."""
    regions = pd.read_csv(DATA / "geonames-regions" / "regions.csv", keep_default_na=False)
    names = regions["name"][regions["name"].str.fullmatch(r"[A-Z][A-Za-z' -]+")]
    short = names.str.replace(_REGION_SUFFIX, "", regex=True)
    table = pd.DataFrame({"name": pd.concat([names, short]), "entity": pd.concat([short, short])}).drop_duplicates("name")
    # Not wordfreq's English frequency, as for cities: Texas and Punjab are frequent in English because they are places.
    ordinary = table["name"].str.lower().map(lambda name: _indonesian_word(name) or set(name.split()) <= _GENERIC_REGION_WORDS)
    table = table[~ordinary & ~table["name"].isin(known) & (table["name"].str.len() >= REGION_MIN_LETTERS)]
    return table.assign(label="PLACE", source="GeoNames (CC BY 4.0)")


# CLDR territory codes that are not places a news text names: the world, unknown region, pseudo-locales.
_NOT_PLACES = {"001", "ZZ", "XA", "XB", "EU", "EZ", "UN", "QO"}


def concordance(corpus, term, width=40):
    """Every occurrence of ``term`` (a word or phrase, any case) with the text around it.

    One row per match: id, start, end, text (the match as written), left and
    right (up to ``width`` characters of context, on one line). The classic
    keyword-in-context view of corpus linguistics.
    """
    _checks.corpus(corpus, "concordance")
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"concordance: term should be a word or phrase, such as concordance(corpus, \"Netflix\"); got {term!r}")
    pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)
    rows = []
    for doc_id, text in zip(corpus["id"], corpus["text"]):
        for match in pattern.finditer(text):
            left = text[max(match.start() - width, 0) : match.start()].replace("\n", " ")
            right = text[match.end() : match.end() + width].replace("\n", " ")
            rows.append((doc_id, match.start(), match.end(), match.group(0), left, right))
    return pd.DataFrame(rows, columns=["id", "start", "end", "text", "left", "right"])
