"""Work shared between processes: consecutive shares of a list or DataFrame, one process each, results in order.

Processes are forked where the system can, so word lists already loaded in the parent are not loaded again;
elsewhere they are spawned, and each loads its own.
"""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def in_processes(function, items, jobs):
    """[function(share) for each of ``jobs`` consecutive shares of ``items``], each share in a process of its own."""
    size = -(-len(items) // jobs)
    take = items.iloc if hasattr(items, "iloc") else items
    shares = [take[first : first + size] for first in range(0, len(items), size)]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(len(shares), mp_context=context) as pool:
        return list(pool.map(function, shares))
