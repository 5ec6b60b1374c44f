"""Benchmarks of speed and scale (a script, not a test): python benchmarks/run.py [--quick] [--large].

1. Synthetic corpora of 1,000 and 10,000 articles (and 100,000 with --large), each article six paragraphs drawn
   with a fixed seed, half from the three seeds and half from the vendored idner-news-2k sentences (real news
   vocabulary, though only some 5,900 terms: every size holds nearly all of it), written as files under build/bench/. For each size, in a fresh process:
   the floor (read every file and run the tokenizing regular expression once over it), then load + clean,
   annotate (every layer, each timed) and the exact top-10 neighbours in one process; then, in another fresh
   process, the same pipeline as a user calls it on this 2-core machine, each step with jobs=2, and the approximate
   neighbours (exact=False) with their recall of the exact top 10. The time of each and the process's peak memory
   after it; for the jobs=2 pipeline also the peak of all its processes' memory together (PSS, sampled).
   100,000 articles are annotated a chunk at a time into a CSV file (annotate_folder, jobs=2), as a corpus that
   size should be, and their neighbours (approximate, the default past 20,000 articles) computed from the
   loaded texts.
2. The learned entity tagger (helpers.learning), in a fresh process: training it on the idner-news-2k train
   split, and tagging the 10,000-article corpus with it in one process and in two (`jobs=2`).
3. Each notebook's execution time against a notebook holding only its import lines (the import floor),
   each the best of three runs. The pipeline figures are single runs.
4. The wall time of `make handouts` and `make test` (skipped with --quick).

It prints Markdown tables, for the README, with the machine they were measured on.
"""

import argparse
import json
import platform
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [1_000, 10_000]
LARGE = 100_000  # opt-in (--large): some minutes


NEWS_SHARE = 0.5  # of an article's paragraphs, drawn from the vendored news sentences rather than the seeds
PARAGRAPHS_PER_ARTICLE = 6
_DETOKENIZE = [(re.compile(r" ([,.:;!?%)\]])"), r"\1"), (re.compile(r"([(\[]) "), r"\1")]


def news_paragraphs():
    """Paragraphs of real news text: the idner-news-2k sentences (train and dev), three in a row to a paragraph.

    Their tokens are joined as a writer would (no space before a comma or after a bracket). They bring real news
    vocabulary beyond the seeds', but only some 5,900 terms in all, which 1,000 articles already nearly exhaust:
    larger corpora repeat them rather than growing their vocabulary as real news does.
    """
    from helpers.conll import _sentences, split_path

    sentences = []
    for split in ("train", "dev"):
        path = split_path(split)
        for sentence in _sentences(path.read_text(encoding="utf-8").splitlines(), path):
            text = " ".join(word for word, _ in sentence)
            for pattern, replacement in _DETOKENIZE:
                text = pattern.sub(replacement, text)
            sentences.append(text)
    return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences) - 2, 3)]


def make_corpus(size):
    """Write ``size`` synthetic articles, half seed paragraphs and half news paragraphs; return the folder."""
    import helpers

    folder = ROOT / "build" / "bench" / f"mixed-{size}"
    if folder.exists() and len(list(folder.glob("*.txt"))) == size:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p for text in helpers.load_corpus()["text"] for p in text.split("\n\n")]
    news = news_paragraphs()
    from_news = round(PARAGRAPHS_PER_ARTICLE * NEWS_SHARE)
    rng = random.Random(size)
    for number in range(size):
        drawn = rng.sample(seeds, PARAGRAPHS_PER_ARTICLE - from_news) + rng.sample(news, from_news)
        rng.shuffle(drawn)
        (folder / f"article_{number:06d}.txt").write_text("\n\n".join(drawn) + "\n", encoding="utf-8")
    return folder


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


class TotalMemory:
    """The peak of this process's memory plus its worker processes', sampled every ``interval`` seconds in a thread.

    Each process counts its proportional set size (PSS, from /proc/PID/smaps_rollup): a page shared by n processes
    (a forked worker shares its parent's) counts 1/n in each, so the sum is what the machine holds for them all,
    where adding up resident sizes would count shared pages once per process. None where /proc does not say.
    """

    def __init__(self, interval=0.1):
        import threading

        self.interval, self.peak_mb, self._stop = interval, None, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self):
        import os

        while not self._stop.is_set():
            total = sum(filter(None, (self._pss_kb(pid) for pid in self._family(os.getpid()))))
            if total:
                self.peak_mb = max(self.peak_mb or 0, total / 1024)
            self._stop.wait(self.interval)

    @staticmethod
    def _family(pid):
        """pid and every process descended from it."""
        found, queue = [], [pid]
        while queue:
            current = queue.pop()
            found.append(current)
            for children in Path(f"/proc/{current}/task").glob("*/children"):
                try:
                    queue += [int(child) for child in children.read_text().split()]
                except OSError:
                    pass  # the task ended meanwhile
        return found

    @staticmethod
    def _pss_kb(pid):
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            return None  # not Linux, or the process ended meanwhile
        found = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
        return int(found.group(1)) if found else None


def measure_floor(folder):
    """Read every file and run the tokenizing regular expression once over its text: what no pipeline can beat."""
    from helpers.segmenting import TOKEN

    started = time.perf_counter()
    tokens = sum(len(TOKEN.findall(path.read_bytes().decode("utf-8"))) for path in sorted(folder.glob("*.txt")))
    return time.perf_counter() - started, tokens


def timed_layers():
    """Wrap the finders annotate calls so that each layer's time is recorded: {layer: seconds}, filled as annotate runs."""
    from helpers import annotating

    times = {}
    for layer, name in [("entities", "find_entities"), ("quotes", "find_quotes"), ("dates", "find_dates"), ("english", "find_english")]:
        def timed(*args, _finder=getattr(annotating, name), _layer=layer, **kwargs):
            started = time.perf_counter()
            try:
                return _finder(*args, **kwargs)
            finally:
                times[_layer] = times.get(_layer, 0.0) + time.perf_counter() - started
        setattr(annotating, name, timed)
    return times


def measure_pipeline(size):
    """Run in a child process: time each stage on one corpus, with the process's peak memory after each."""
    import pandas as pd

    import helpers

    folder = make_corpus(size)
    stages, parallel = {}, {}

    def stage(name, seconds, memory=None):
        stages[name] = {"seconds": seconds, "peak_mb": peak_mb(), "all_peak_mb": memory.peak_mb if memory else None}

    floor, tokens = measure_floor(folder)
    stage("floor: read + tokenize", floor)
    layers = timed_layers()
    started = time.perf_counter()
    if size >= LARGE:  # a corpus this size is annotated a chunk at a time, straight into a file, in two processes
        with TotalMemory() as memory:
            helpers.annotate_folder(folder, ROOT / "build" / "bench" / f"annotations-{size}.csv", chunk=1000, progress=False, jobs=2)
            annotate_s = time.perf_counter() - started
            mark = time.perf_counter()
            # Neighbours need every text at once, but not the raw pages nor the metadata: a chunk at a time, those are dropped.
            corpus = pd.concat([chunk[["id", "text"]] for chunk in helpers.iter_corpus(folder, chunk=1000, jobs=2)], ignore_index=True)
            stage("load + clean, annotate (chunks of 1,000, jobs=2, into a CSV file)", annotate_s, memory)
            stage("load again (id and text only, jobs=2), for neighbours", time.perf_counter() - mark, memory)
            mark = time.perf_counter()
            helpers.neighbours(corpus, k=10, jobs=2)  # approximate: past EXACT_MAX_ARTICLES
            stage("neighbours (k=10, approximate, jobs=2)", time.perf_counter() - mark, memory)
            total = time.perf_counter() - started
        return {"size": size, "tokens": tokens, "floor_s": floor, "stages": stages, "total_s": total, "label": "jobs=2",
                "peak_mb": max(s["peak_mb"] for s in stages.values()), "all_peak_mb": memory.peak_mb}
    corpus = helpers.load_corpus(folder)
    stage("load + clean", time.perf_counter() - started)
    mark = time.perf_counter()
    helpers.annotate(corpus)
    annotate_s = time.perf_counter() - mark
    for layer in ["entities", "quotes", "dates", "english"]:
        stage(f"annotate: {layer}", layers[layer])
    stage("annotate: combine", annotate_s - sum(layers.values()))
    mark = time.perf_counter()
    helpers.neighbours(corpus, k=10)
    stage("neighbours (k=10, exact)", time.perf_counter() - mark)
    total = time.perf_counter() - started
    return {"size": size, "tokens": tokens, "floor_s": floor, "stages": stages, "total_s": total, "label": "one process",
            "peak_mb": max(s["peak_mb"] for s in stages.values())}


def measure_parallel(size):
    """Run in a child process of its own: the pipeline as a user calls it on this machine, each step with jobs=2,
    then the approximate neighbours and how many of the exact top 10 they find. Memory: this process's peak
    resident size, and the peak of its own and its workers' together (``TotalMemory``)."""
    import helpers

    folder = make_corpus(size)
    stages = {}
    with TotalMemory() as memory:

        def stage(name, seconds):
            stages[name] = {"seconds": seconds, "peak_mb": peak_mb(), "all_peak_mb": memory.peak_mb}

        started = time.perf_counter()
        corpus = helpers.load_corpus(folder, jobs=2)
        stage("load + clean, jobs=2", time.perf_counter() - started)
        mark = time.perf_counter()
        helpers.annotate(corpus, jobs=2)
        stage("annotate, jobs=2", time.perf_counter() - mark)
        mark = time.perf_counter()
        exact = helpers.neighbours(corpus, k=10, jobs=2)
        stage("neighbours (k=10, exact), jobs=2", time.perf_counter() - mark)
        total = time.perf_counter() - started
    mark = time.perf_counter()
    approximate = helpers.neighbours(corpus, k=10, exact=False, jobs=2)
    approximate_s = time.perf_counter() - mark
    pairs = lambda table: set(zip(table["id"], table["neighbour"]))  # noqa: E731
    recall = len(pairs(exact) & pairs(approximate)) / max(1, len(pairs(exact)))
    return {"parallel": stages, "total_parallel_s": total, "approximate_s": approximate_s, "recall": recall}


def pipeline_table(sizes):
    rows = []
    for size in sizes:
        rows.append(child("--child", size))
        if size < LARGE:  # the large run is in two processes already
            rows[-1].update(child("--child-parallel", size))
    lines = []

    def line(name, seconds, floor, stage, bold=False):
        mark = "**" if bold else ""
        workers = f"{mark}{stage['all_peak_mb']:.0f}{mark}" if stage.get("all_peak_mb") else ""
        lines.append(f"| {mark}{name}{mark} | {mark}{seconds:.2f}{mark} | {mark}{seconds / floor:.1f}×{mark} "
                     f"| {mark}{stage['peak_mb']:.0f}{mark} | {workers} |")

    for row in rows:
        floor = row["floor_s"]
        lines += [f"**{row['size']:,} articles** ({row['tokens']:,} tokens):\n",
                  "| stage | time (s) | ÷ floor | peak memory so far (MB): the process | with its workers (PSS) |",
                  "| --- | ---: | ---: | ---: | ---: |"]
        for name, stage in row["stages"].items():
            line(name, stage["seconds"], floor, stage)
        last = list(row["stages"].values())[-1]
        line(f"end to end, {row['label']} (all but the floor)", row["total_s"], floor,
             {"peak_mb": row["peak_mb"], "all_peak_mb": last.get("all_peak_mb")}, bold=True)
        if "parallel" in row:
            for name, stage in row["parallel"].items():
                line(name, stage["seconds"], floor, stage)
            last = list(row["parallel"].values())[-1]
            line("end to end, jobs=2 (load_corpus, annotate, neighbours each with jobs=2, in a fresh process)",
                 row["total_parallel_s"], floor, last, bold=True)
            lines.append(f"| neighbours (k=10, approximate, jobs=2): {row['recall']:.4f} of the exact top 10 found "
                         f"| {row['approximate_s']:.2f} | {row['approximate_s'] / floor:.1f}× | | |")
        lines.append("")
    if len(rows) > 1:
        growth = ", ".join(f"{b['size']:,} ÷ {a['size']:,}: {b['total_s'] / a['total_s']:.1f}×" for a, b in zip(rows, rows[1:]))
        lines.append(f"End-to-end time growth (the rows marked end to end): {growth}.")
    return "\n".join(lines)


def child(flag, size):
    """The JSON that this script prints run as ``flag size`` in a fresh process."""
    output = subprocess.run([sys.executable, __file__, flag, str(size)], capture_output=True, text=True, check=True)
    return json.loads(output.stdout.splitlines()[-1])


def measure_learning(size):
    """Run in a child process: train the tagger on the train split, then tag a synthetic corpus of ``size`` articles."""
    import helpers
    from helpers import learning

    corpus = helpers.load_corpus(make_corpus(size))
    train = helpers.read_conll("train").tokens
    started = time.perf_counter()
    tagger = learning.train_tagger(train)
    trained = time.perf_counter() - started
    sentences = helpers.sentences(corpus)
    timings = {}
    for jobs in (1, 2):
        started = time.perf_counter()
        spans = learning.tag_entities(corpus, tagger, sentences_table=sentences, jobs=jobs)
        timings[jobs] = time.perf_counter() - started
    tokens = sum(len(helpers.tokenize(text)) for text in corpus["text"])
    return {"size": size, "train_tokens": len(train), "train_s": trained, "tokens": tokens, "tag_s": timings[1],
            "tag_2_s": timings[2], "spans": len(spans)}


def learning_table(size):
    output = subprocess.run([sys.executable, __file__, "--child-learning", str(size)], capture_output=True, text=True, check=True)
    row = json.loads(output.stdout.splitlines()[-1])
    return "\n".join([
        "| step | size | time (s) | µs per token |",
        "| --- | ---: | ---: | ---: |",
        f"| train the tagger | {row['train_tokens']:,} tokens (train split) | {row['train_s']:.1f} | "
        f"{1e6 * row['train_s'] / row['train_tokens']:.0f} |",
        f"| tag {row['size']:,} articles | {row['tokens']:,} tokens | {row['tag_s']:.1f} | {1e6 * row['tag_s'] / row['tokens']:.1f} |",
        f"| the same, `jobs=2` | {row['tokens']:,} tokens | {row['tag_2_s']:.1f} | {1e6 * row['tag_2_s'] / row['tokens']:.1f} |",
    ])


def run_notebook(nb):
    from nbclient import NotebookClient

    started = time.perf_counter()
    NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    return time.perf_counter() - started


def notebook_table():
    import nbformat

    lines = ["| notebook | run (s), best of 3 | imports only (s), best of 3 | ratio |", "| --- | ---: | ---: | ---: |"]
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        imports = [line for line in code.splitlines() if re.match(r"(import|from) \S+", line)]
        floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("\n".join(dict.fromkeys(imports)))])
        # Best of three runs each: kernel start-up time varies from run to run on a shared machine.
        full = min(run_notebook(nbformat.from_dict(nb)) for _ in range(3))
        base = min(run_notebook(nbformat.from_dict(floor)) for _ in range(3))
        lines.append(f"| {path.name} | {full:.1f} | {base:.1f} | {full / base:.2f} |")
    return "\n".join(lines)


def wall_time(command):
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    import os

    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB memory, Python {platform.python_version()}, {platform.system()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip make test and make handouts")
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--large", action="store_true", help=f"also {LARGE:,} articles (some minutes)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-parallel", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-learning", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_pipeline(args.child)))
        return 0
    if args.child_parallel:
        print(json.dumps(measure_parallel(args.child_parallel)))
        return 0
    if args.child_learning:
        print(json.dumps(measure_learning(args.child_learning)))
        return 0
    print(f"Machine: {machine()}\n")
    print("Pipeline on synthetic corpora (fresh process per size):\n")
    print(pipeline_table(args.sizes + [LARGE] * args.large), "\n")
    print("The learned entity tagger (fresh process): training, and tagging the largest corpus:\n")
    print(learning_table(max(args.sizes)), "\n")
    print("Notebooks, executed in a fresh kernel, against a notebook of their imports only:\n")
    print(notebook_table(), "\n")
    if not args.quick:
        print("| command | wall time (s) |\n| --- | ---: |")
        print(f"| make handouts | {wall_time(['make', 'handouts']):.1f} |")
        print(f"| make test | {wall_time(['make', 'test']):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
