"""Learning: a sequence tagger for people, organisations and places, learned from tagged sentences.

Beside the rules of ``annotating``, which a person wrote, this module learns its entity tagger from
examples: the tagged news sentences of idner-news-2k (``helpers.read_conll``). It is a conditional
random field (CRF, python-crfsuite): each token is described by features (the word, its shape, its
neighbours, whether a word list knows it) and the CRF learns which features, and which tag sequences,
go with which IOB tag (``B-PERSON`` begins a person's name, ``I-PERSON`` continues it, ``O`` is
outside any name).

- ``token_features(words, i)``: the features of one token, as the learner sees them;
- ``train_tagger(tokens)``: a ``Tagger`` trained on a tokens table of ``read_conll``;
- ``load_tagger(path)`` / ``Tagger.save(path)``;
- ``default_tagger()``: trained on the vendored train split the first time it is needed, then
  cached in ``build/models/`` of the checkout;
- ``tag_entities(corpus, model=None)``: the entity span table, like ``annotating.find_entities``.

Text is split into tokens by the collection's tokenizer (``helpers.segmenting``), in training and in
tagging alike, so that a learned feature means the same thing in both.
"""

import hashlib
import json
import multiprocessing
import os
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pycrfsuite
from wordfreq import zipf_frequency

from helpers._data import read_word_list
from helpers.conll import read_conll, split_path
from helpers.segmenting import sentences as split_into_sentences
from helpers.segmenting import TOKEN_PATTERNS, tokenize
from helpers.vocabulary import gazetteer, org_cues, reporting_verbs

# Change FEATURE_VERSION whenever the features change: a cached model trained on other features is stale.
FEATURE_VERSION = 1
# L1 (c1) drops features that do not help, L2 (c2) keeps the weights small; both chosen by 5-fold
# cross-validation inside the train split (F1 0.822 against 0.811 for c1 = c2 = 0.05; dev was not consulted). A fixed number of iterations makes training take the same steps every time.
TRAINING = {"c1": 0.01, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True}
MODELS = Path(__file__).resolve().parent.parent / "build" / "models"
MAGIC = b"baca-berita entity tagger\n"
SPAN_COLUMNS = ["id", "start", "end", "text", "layer", "label", "entity"]


# ---------------------------------------------------------------- features


def shape(word):
    """The word's shape, letters and digits as classes: Jakarta → Xxxxx, SCBD → XXXX, 2020 → dddd, Yu-Chuang → Xx-Xxxxx."""
    return "".join("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c for c in word)


@lru_cache(maxsize=200_000)
def short_shape(word):
    """The shape with runs squeezed, so words of any length compare: Jakarta → Xx, SCBD → X, Yu-Chuang → Xx-Xx."""
    squeezed = []
    for c in shape(word):
        if not squeezed or squeezed[-1] != c:
            squeezed.append(c)
    return "".join(squeezed)


@lru_cache(maxsize=None)
def _lexicon():
    """The word lists the features consult, each read once: names as tuples of words, cues in lower case.

    Gazetteer names match as written (*Batu* the city, not *batu* a stone); roles, cues and verbs
    match in any case.
    """
    def words(text):
        return tuple(text[s:e] for s, e, _ in tokenize(text))

    places = gazetteer()
    names = {}
    for name, label in zip(places["name"], places["label"]):
        names.setdefault(words(name), label)  # a name listed twice keeps its first label
    roles = {words(role.lower()) for role in read_word_list("person_roles.txt")}
    cues = org_cues()
    verbs = {verb.lower() for verb in reporting_verbs() if " " not in verb}
    return {
        "gazetteer": names,
        "roles": roles,
        # Names and roles by their first word, longest first: most words start none, and are passed over at once.
        "gazetteer_starts": _by_first_word(names),
        "role_starts": _by_first_word(roles),
        "cue_before": {cue.lower() for cue, where in zip(cues["cue"], cues["position"]) if where == "before"},
        "cue_after": {cue.lower() for cue, where in zip(cues["cue"], cues["position"]) if where == "after"},
        "verbs": verbs | {verb + "nya" for verb in verbs},  # "...," ujarnya: "she said"
    }


def _by_first_word(entries):
    index = {}
    for entry in sorted(entries, key=len, reverse=True):
        index.setdefault(entry[0], []).append(entry)
    return index


def _lexicon_digest():
    """A hash of everything the lexicon features read, however the word lists are assembled."""
    lexicon = {key: sorted(map(str, value.items() if isinstance(value, dict) else value))
               for key, value in _lexicon().items() if not key.endswith("_starts")}
    return hashlib.sha256(json.dumps(lexicon, sort_keys=True).encode("utf-8")).hexdigest()


@lru_cache(maxsize=200_000)
def _word_features(word):
    """The features of a word that do not depend on its context, computed once per distinct word."""
    lower = word.lower()
    features = [
        "bias",
        f"w={word}",
        f"lw={lower}",
        f"shape={shape(word)}",
        f"sshape={short_shape(word)}",
        f"p2={lower[:2]}",
        f"p3={lower[:3]}",
        f"s2={lower[-2:]}",
        f"s3={lower[-3:]}",
        f"p4={lower[:4]}",
        f"s4={lower[-4:]}",
    ]
    if word[:1].isupper():
        features.append("cap")
    if word.isupper() and len(word) > 1:
        features.append("allcaps")
    if any(c.isdigit() for c in word):
        features.append("digit")
    if not any(c.isalnum() for c in word):
        features.append("punct")
    if "-" in word:
        features.append("hyphen")
    if word[:1].isalpha():
        # How common the word is in Indonesian, in any case: a name is rare, "Selasa" (Tuesday) common.
        features.append(f"zipf={int(zipf_frequency(lower, 'id'))}")
    return features + _cue_flags(lower)


def _cue_flags(lower):
    """``org_cue_before`` / ``org_cue_after`` when the word starts or ends organisation names (org_cues.csv)."""
    lexicon = _lexicon()
    return [f"org_{key}" for key in ("cue_before", "cue_after") if lower in lexicon[key]]


@lru_cache(maxsize=200_000)
def _neighbour_features(word):
    """What a token tells its neighbours: its lower case, short shape and cue flags, without a position yet."""
    lower = word.lower()
    return [f"lw={lower}", f"sshape={short_shape(word)}", *_cue_flags(lower)]


@lru_cache(maxsize=200_000)
def _at(word, offset):
    """The neighbour features of ``word`` seen from ``offset`` tokens away: ``-1:lw=kata``."""
    return [f"{offset:+d}:{feature}" for feature in _neighbour_features(word)]


def _lexicon_marks(words, lower):
    """Per token of one sentence: the gazetteer's B-/I- label, and the positions where a person role ends."""
    lexicon = _lexicon()
    gazetteer_tags = [None] * len(words)
    role_ends = set()
    i = 0
    while i < len(words):
        for name in lexicon["gazetteer_starts"].get(words[i], ()):  # the longest name starting here wins
            if tuple(words[i : i + len(name)]) == name:
                label = lexicon["gazetteer"][name]
                gazetteer_tags[i : i + len(name)] = [f"B-{label}"] + [f"I-{label}"] * (len(name) - 1)
                i += len(name) - 1
                break
        i += 1
    for i, word in enumerate(lower):
        for role in lexicon["role_starts"].get(word, ()):
            if tuple(lower[i : i + len(role)]) == role:
                role_ends.add(i + len(role) - 1)
    return gazetteer_tags, role_ends


def _capital_runs(words):
    """(first, last + 1) of each token's run of capitalised words, or None outside one.

    A name of several words is a run (*Bank Indonesia*, *Joko Widodo*): each of its words should
    know what comes before and after the whole run, beyond the window of two words either side.
    """
    runs, i = [None] * len(words), 0
    while i < len(words):
        j = i
        while j < len(words) and words[j][:1].isupper():
            j += 1
        for k in range(i, j):
            runs[k] = (i, j)
        i = max(j, i + 1)
    return runs


def sentence_features(words):
    """The features of every token of one sentence (a list of words), as lists of strings for the CRF."""
    lower = [word.lower() for word in words]
    gazetteer_tags, role_ends = _lexicon_marks(words, lower)
    verbs = _lexicon()["verbs"]
    n = len(words)
    runs = _capital_runs(words)
    sequence = []
    for i, word in enumerate(words):
        features = list(_word_features(word))
        if i == 0:
            features.append("first")
        if i == n - 1:
            features.append("last")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                features += _at(words[j], offset)
            else:
                features.append(f"{offset:+d}:edge")
        if gazetteer_tags[i]:
            features.append(f"gazetteer={gazetteer_tags[i]}")
        if i - 1 in role_ends:
            features.append("role-1")
        if i - 2 in role_ends:
            features.append("role-2")
        if i > 0 and lower[i - 1] in verbs:
            features.append("verb-1")
        previous = lower[i - 1] if i else "<s>"
        following = lower[i + 1] if i + 1 < n else "</s>"
        features.append(f"-1|0={previous}|{short_shape(word)}")
        features.append(f"0|+1={short_shape(word)}|{following}")
        if runs[i]:
            first, last = runs[i]
            before = lower[first - 1] if first else "<s>"
            after = lower[last] if last < n else "</s>"
            features += [f"run={min(i - first + 1, 4)}/{min(last - first, 4)}", f"run_before={before}", f"run_after={after}"]
        sequence.append(features)
    return sequence


def token_features(words, i):
    """The features of token ``i`` of a sentence (a list of words): what the tagger knows about it.

    The word itself (``w=``, lower case ``lw=``), its shape (``shape=Xxxxx``, squeezed ``sshape=Xx``),
    prefixes and suffixes (``p2=`` … ``s4=``), flags (``cap``, ``allcaps``, ``digit``, ``punct``,
    ``hyphen``), how common its lower case is in Indonesian (``zipf=``, wordfreq's scale, 0 to 7), the
    organisation cues of ``org_cues.csv`` (``org_cue_before``: *Kementerian*, ``org_cue_after``: *Tbk*),
    its place (``first``, ``last``), the words two either side (``-1:lw=kata``, ``+1:sshape=Xx``) and
    the word before or after with its own shape (``-1|0=presiden|Xx``), whether a gazetteer name covers
    it (``gazetteer=B-PLACE``), whether a person role ends one or two words before it (``role-1``,
    ``role-2``), whether the word before is a reporting verb (``verb-1``), and, in a run of capitalised
    words, its place in the run and the words around the run (``run=2/3``, ``run_before=kata``,
    ``run_after=di``).
    """
    return sentence_features(words)[i]


# ---------------------------------------------------------------- training


def _retokenized(tokens):
    """(words, tags) per sentence, each CoNLL token split by the collection's tokenizer.

    ``(29/10/2013)`` becomes ``(``, ``29/10/2013``, ``)``, as it would in an article. A name's first
    piece keeps its B- tag and the other pieces continue it with I-.
    """
    sentences = []
    for _, group in tokens.groupby(["id", "sentence"], sort=False):
        words, tags = [], []
        for text, tag in zip(group["text"], group["tag"]):
            # A token the tokenizer skips entirely (a lone "_") is kept whole, so that no tag is lost.
            for number, (start, end, _) in enumerate(tokenize(text) or [(0, len(text), "punct")]):
                words.append(text[start:end])
                tags.append(tag if number == 0 or tag == "O" else "I-" + tag[2:])
        sentences.append((words, tags))
    return sentences


def _with_extra(sequence, words, extra_features):
    """A sentence's features with a learner's own ``extra_features(words, i)`` added to each token's."""
    if extra_features is None:
        return sequence
    return [features + list(extra_features(words, i)) for i, features in enumerate(sequence)]


class Tagger:
    """A trained CRF entity tagger: ``tag(words)`` gives IOB tags; ``save(path)`` writes it, ``load_tagger`` reads it."""

    def __init__(self, model, fingerprint, extra_features=None):
        self.model = model  # the CRFsuite model file's bytes
        self.fingerprint = fingerprint  # what it was trained from and how (see ``fingerprint()``)
        self.extra_features = extra_features
        self._crf = pycrfsuite.Tagger()
        self._crf.open_inmemory(model)

    def tag(self, words):
        """The IOB tag of each word of one sentence."""
        return self._crf.tag(_with_extra(sentence_features(words), words, self.extra_features)) if words else []

    def weights(self):
        """The learned weight of each (feature, tag) pair: feature, tag, weight; largest first."""
        state = self._crf.info().state_features
        table = pd.DataFrame([(f, tag, w) for (f, tag), w in state.items()], columns=["feature", "tag", "weight"])
        return table.sort_values("weight", ascending=False, ignore_index=True)

    def save(self, path):
        """Write the model, with its fingerprint, to ``path``."""
        if self.extra_features:
            raise ValueError("a tagger with extra_features cannot be saved: the file cannot hold the function")
        header = json.dumps(self.fingerprint, sort_keys=True).encode("utf-8")
        Path(path).write_bytes(MAGIC + header + b"\n" + self.model)

    def __repr__(self):
        return f"Tagger({len(self.model):,} bytes, trained on {self.fingerprint.get('sentences', '?')} sentences)"


def train_tagger(tokens, extra_features=None, **training):
    """A ``Tagger`` trained on a tokens table of ``helpers.read_conll``: id, sentence, text, tag (IOB).

    Any subset of its rows by whole sentences will do (a learning curve trains on a share of them).
    ``extra_features(words, i)``, if given, returns more feature strings for token ``i`` of a
    sentence (a list of words), to try a feature of your own; the tagger uses it when tagging too.
    ``training`` overrides CRFsuite's parameters (``TRAINING``: c1, c2, max_iterations). The same
    table and parameters always give the same model. Raises ValueError for a table without a
    single entity tag: there would be nothing to learn.
    """
    missing = [column for column in ["id", "sentence", "text", "tag"] if column not in tokens.columns]
    if missing:
        raise ValueError(f"tokens need the columns id, sentence, text, tag (read_conll(...).tokens); missing: {', '.join(missing)}")
    if not (tokens["tag"] != "O").any():
        raise ValueError(f"no entity tags among the {len(tokens)} tokens given: a tagger needs tagged examples to learn from")
    params = {**TRAINING, **training}
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(params)
    sentences = _retokenized(tokens)
    for words, tags in sentences:
        trainer.append(_with_extra(sentence_features(words), words, extra_features), tags)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.crfsuite"
        trainer.train(str(path))
        model = path.read_bytes()
    return Tagger(model, {**fingerprint(params=params), "sentences": len(sentences)}, extra_features)


def fingerprint(train_file=None, params=None):
    """What a model depends on: its training data, the feature code, the parameters, CRFsuite, the word lists and the tokenizer."""
    return {
        "train_sha256": hashlib.sha256(Path(train_file).read_bytes()).hexdigest() if train_file else None,
        "feature_version": FEATURE_VERSION,
        "training": params or TRAINING,
        "crfsuite": version("python-crfsuite"),
        "lexicon_sha256": _lexicon_digest(),
        # Training text is split by the collection's tokenizer: another tokenizer, other training tokens.
        "tokenizer_sha256": hashlib.sha256(json.dumps(TOKEN_PATTERNS).encode("utf-8")).hexdigest(),
    }


def load_tagger(path):
    """The ``Tagger`` saved at ``path``; ValueError naming the file if it is not one."""
    try:
        return _tagger_from_bytes(Path(path).read_bytes())
    except ValueError as error:
        raise ValueError(f"{path}: not a tagger saved by helpers.learning ({error})") from None


def _tagger_from_bytes(data):
    if not data.startswith(MAGIC):
        raise ValueError("it does not start like a saved tagger")
    header, _, model = data[len(MAGIC) :].partition(b"\n")
    try:
        fingerprint = json.loads(header)
    except ValueError:  # bad JSON, or bytes that are not UTF-8
        raise ValueError("its header is damaged") from None
    return Tagger(model, fingerprint)


@lru_cache(maxsize=1)
def default_tagger():
    """The tagger trained on the vendored train split, trained the first time and cached in build/models/.

    A missing cache is trained silently (the usual first run). A cached file that cannot be read, or
    that was trained on other data, features, parameters or CRFsuite, is retrained with a warning
    saying why; one that only predates an edit of the word lists is retrained silently, since
    editing them is expected. If build/models/ cannot be written, the model lives in memory only.
    """
    train_file = split_path("train")
    wanted = fingerprint(train_file)
    path = MODELS / "entities.crfsuite"
    if path.exists():
        try:
            cached = _tagger_from_bytes(path.read_bytes())
        except ValueError as error:
            warnings.warn(f"build/models/{path.name} is corrupt ({error}); training the model again", stacklevel=2)
        else:
            differs = [key for key in wanted if cached.fingerprint.get(key) != wanted[key]]
            if not differs:
                return cached
            if differs != ["lexicon_sha256"]:
                warnings.warn(f"build/models/{path.name} was trained by another version ({', '.join(differs)} "
                              "differ); training the model again", stacklevel=2)
    tagger = train_tagger(read_conll(train_file).tokens)
    tagger.fingerprint["train_sha256"] = wanted["train_sha256"]
    try:
        MODELS.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=MODELS, delete=False, suffix=".tmp") as temporary:
            pass
        tagger.save(temporary.name)
        os.chmod(temporary.name, 0o644)  # a temporary file is private; the cache is as readable as the checkout
        os.replace(temporary.name, path)  # whole or not at all, even with two sessions training at once
    except OSError:
        pass  # a read-only checkout: keep the model in memory for this session
    return tagger


# ---------------------------------------------------------------- tagging


def spans_from_tags(tags):
    """(first, last + 1, label) token ranges of the entities in a sequence of IOB tags; a stray I- starts one."""
    spans = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        prefix, label = tag[:1], tag[2:]
        if prefix == "I" and spans and spans[-1][1] == i and spans[-1][2] == label:
            spans[-1][1] = i + 1
        else:
            spans.append([i, i + 1, label])
    return [tuple(span) for span in spans]


# Below this many sentences, starting processes costs more than it saves; a chunk is one task for a process.
PARALLEL_MIN_SENTENCES = 5_000
PARALLEL_CHUNK = 2_000
_worker_tagger = None  # a worker process's tagger, set once by _start_worker


def tag_entities(corpus, model=None, sentences_table=None, jobs=1):
    """People, organisations and places found by a learned tagger: a span table like ``find_entities``'.

    Columns id, start, end, text, layer ("entities"), label (PERSON, ORG or PLACE) and entity (the span's
    own text: the tagger does not link mentions of one person; ``find_entities(method="learned")`` does). ``model`` is a ``Tagger``, by default
    ``default_tagger()``. Each sentence (``helpers.sentences``; pass ``sentences_table`` if it is at
    hand) is tokenized by the collection's tokenizer and tagged on its own. ``jobs=2`` or more tags a
    large corpus in that many processes (the result is the same; see the README's speed section for
    when it pays).
    """
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of processes, 1 or more, not {jobs!r}")
    tagger = model or default_tagger()
    table = split_into_sentences(corpus) if sentences_table is None else sentences_table
    texts = dict(zip(corpus["id"], corpus["text"]))
    sentences = table["text"].tolist()
    if jobs > 1 and len(sentences) >= PARALLEL_MIN_SENTENCES:
        chunks = [sentences[k : k + PARALLEL_CHUNK] for k in range(0, len(sentences), PARALLEL_CHUNK)]
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                 initargs=(tagger.model, tagger.fingerprint, tagger.extra_features)) as pool:
            found = [spans for chunk in pool.map(_spans_in, chunks) for spans in chunk]
    else:
        found = _spans_in(sentences, tagger)
    rows = []
    for doc_id, offset, spans in zip(table["id"].tolist(), table["start"].tolist(), found):
        for start, end, label in spans:
            text = texts[doc_id][offset + start : offset + end]
            rows.append((doc_id, offset + start, offset + end, text, "entities", label, text))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS)


def _start_worker(model, fingerprint, extra_features):
    global _worker_tagger
    _worker_tagger = Tagger(model, fingerprint, extra_features)


def _spans_in(sentences, tagger=None):
    """Per sentence, the (start, end, label) of each entity the tagger finds, offsets into the sentence."""
    tagger = tagger or _worker_tagger
    found = []
    for sentence in sentences:
        positions = tokenize(sentence)
        tags = tagger.tag([sentence[start:end] for start, end, _ in positions])
        found.append([(positions[first][0], positions[last - 1][1], label) for first, last, label in spans_from_tags(tags)])
    return found
