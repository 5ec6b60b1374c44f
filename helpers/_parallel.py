"""Work shared between processes: consecutive shares of a list or DataFrame, one process each, results in order.

Processes are forked where the system can, so word lists already loaded in the parent are not loaded again;
elsewhere they are spawned, and each loads its own.
"""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def processes(jobs, initializer=None, initargs=()):
    """A pool of ``jobs`` worker processes, to use in a ``with`` block for several rounds of ``in_processes``.

    ``initializer(*initargs)`` runs in each worker as it starts; forked, a worker inherits ``initargs`` rather than
    being sent a pickled copy, so large arrays can be shared that way.
    """
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs)


def in_processes(function, items, jobs, pool=None):
    """[function(share) for each of ``jobs`` consecutive shares of ``items``], each share in a process of its own.

    The processes are started for this call alone; or they are ``pool``'s, and then the results come as an iterator,
    returned as soon as the work is handed out: the caller can go on while the workers work.
    """
    size = -(-len(items) // jobs)
    take = items.iloc if hasattr(items, "iloc") else items
    shares = [take[first : first + size] for first in range(0, len(items), size)]
    if pool is not None:
        return pool.map(function, shares)
    with processes(len(shares)) as pool:
        return list(pool.map(function, shares))
