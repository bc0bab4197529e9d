"""Run one region's notebooks over one or more warm kernels, in parallel when there are cores.

``inovlab run`` of one region gives each core its own warm kernel (at most
:data:`MAX_KERNELS`), so a two-core machine runs two notebooks at a time. The notebooks are
shared out by their measured run times (metadata ``inovlab.cost``) so that the kernels end
together; a kernel done early takes over what is left of another's share. Every notebook
still gets a fresh namespace in its kernel (:mod:`inovlab.workbook.warmkernel`) and writes
its own files; the key numbers they share go through the locked ``outputs.record_number``.
"""

from __future__ import annotations

import collections
import contextlib
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence

MAX_KERNELS = 2  # more kernels than this hold the data once more each for little gain
EXACT_JOBS = 16  # two shares of up to this many jobs are split exactly (2**15 splits)


def kernel_count(n_notebooks: int, cpus: int | None = None) -> int:
    """How many kernels run one region's ``n_notebooks``: one per core, at most
    :data:`MAX_KERNELS`, never more than there are notebooks.

    Examples
    --------
    >>> kernel_count(6, cpus=2), kernel_count(6, cpus=1), kernel_count(1, cpus=8)
    (2, 1, 1)
    """
    cpus = cpus if cpus is not None else (os.cpu_count() or 1)
    return max(1, min(MAX_KERNELS, cpus, n_notebooks))


def balanced_lists(costs: Sequence[float], n: int) -> list[list[int]]:
    """Split the jobs into ``n`` lists whose costs add up as evenly as possible, each list
    costliest first.

    Two lists of at most :data:`EXACT_JOBS` jobs are split exactly (every split is tried at
    once with numpy); otherwise each job, costliest first, goes to the list with the least
    so far. Ties keep the jobs' order.

    Examples
    --------
    >>> balanced_lists([1.4, 1.0, 2.9, 1.7, 1.2, 1.4], 2)  # a region's six notebooks
    [[2, 3], [0, 5, 4, 1]]
    >>> balanced_lists([3, 1, 2], 1), balanced_lists([5, 4, 3, 3, 3], 3)
    ([[0, 2, 1]], [[0], [1, 4], [2, 3]])
    """
    import numpy as np

    order = sorted(range(len(costs)), key=lambda i: -costs[i])
    if n == 2 and 0 < len(costs) <= EXACT_JOBS:
        weights = np.asarray(costs, dtype=float)
        splits = np.arange(2 ** (len(costs) - 1))  # the last job always goes to list 1
        members = (splits[:, None] >> np.arange(len(costs))) & 1
        first = members @ weights
        best = members[np.argmin(np.abs(2 * first - weights.sum()))]
        return [[i for i in order if best[i]], [i for i in order if not best[i]]]
    lists: list[list[int]] = [[] for _ in range(n)]
    sums = [0.0] * n
    for i in order:
        k = sums.index(min(sums))
        lists[k].append(i)
        sums[k] += costs[i]
    return lists


def execute_in_turn(jobs: Sequence[tuple], executors: Sequence[Callable],
                    finishers: Sequence[Callable] | None = None,
                    costs: Sequence[float] | None = None) -> Iterator[tuple]:
    """Run ``executor(*job)`` for every job; yield ``(index, result)`` as each one ends.

    With one executor the jobs run in order in this thread. With several, each executor
    runs in its own thread (an executor is one warm kernel: it runs one notebook at a
    time) through its share of the jobs (:func:`balanced_lists` of ``costs``); one that
    is done early takes the cheapest job left in the longest share, so a wrong cost estimate
    costs little. An exception raised by an executor is raised here, after the results that
    ended before it.

    Parameters
    ----------
    jobs : sequence of tuple
        The arguments of each call.
    executors : sequence of callable
        At least one.
    finishers : sequence of callable, optional
        ``finishers[i]()`` is called once executor ``i`` has no job left (a kernel is
        stopped while the others still work); its errors are ignored.
    costs : sequence of float, optional
        The expected cost of each job (default: equal), for the shares of several
        executors. One executor keeps the given order.

    Examples
    --------
    >>> import time
    >>> def slow(x):
    ...     time.sleep(0.05 * x)
    ...     return x * 10
    >>> sorted(execute_in_turn([(3,), (1,), (2,)], [slow, slow]))
    [(0, 30), (1, 10), (2, 20)]
    >>> list(execute_in_turn([(1,), (2,)], [slow]))
    [(0, 10), (1, 20)]
    """
    finishers = list(finishers or [None] * len(executors))
    if len(executors) == 1:
        for index, job in enumerate(jobs):
            yield index, executors[0](*job)
        _finish(finishers[0])
        return
    costs = list(costs) if costs is not None else [1.0] * len(jobs)
    shares = _Shares(balanced_lists(costs, len(executors)), costs)
    done: queue.SimpleQueue = queue.SimpleQueue()
    for number, (execute, finish) in enumerate(zip(executors, finishers, strict=True)):
        threading.Thread(target=_work, args=(number, execute, finish, jobs, shares, done),
                         daemon=True, name="inovlab-kernel").start()
    for _ in jobs:
        index, result, failed = done.get()
        if failed:
            raise result
        yield index, result


class _Shares:
    """Each executor's list of job indices; :meth:`take` gives the next one to run."""

    def __init__(self, lists: list[list[int]], costs: Sequence[float]):
        self._lists = [collections.deque(lst) for lst in lists]
        self._costs = costs
        self._lock = threading.Lock()

    def take(self, number: int) -> int | None:
        """Executor ``number``'s next job: its own first, else the last (cheapest) job of
        the share with the most work left; None when no job is left."""
        with self._lock:
            if self._lists[number]:
                return self._lists[number].popleft()
            richest = max(self._lists, key=lambda lst: sum(self._costs[i] for i in lst))
            return richest.pop() if richest else None


def _work(number: int, execute: Callable, finish: Callable | None, jobs: Sequence[tuple],
          shares: _Shares, done: queue.SimpleQueue) -> None:
    """One executor's loop: take jobs until none is left (or one fails), then finish."""
    while (index := shares.take(number)) is not None:
        try:
            done.put((index, execute(*jobs[index]), False))
        except BaseException as exc:  # handed to the caller's thread, which raises it
            done.put((index, exc, True))
            break
    _finish(finish)


def _finish(finish: Callable | None) -> None:
    if finish is not None:
        with contextlib.suppress(Exception):
            finish()
