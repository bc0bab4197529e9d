"""Run one region's notebooks over one or more warm kernels, in parallel when there are cores.

``inovlab run`` of one region gives each core its own warm kernel (at most
:data:`MAX_KERNELS`); each kernel takes the next notebook as soon as it is free, so a
two-core machine runs two notebooks at a time. Every notebook still gets a fresh namespace
in its kernel (:mod:`inovlab.workbook.warmkernel`) and writes its own files; the key numbers
they share go through the locked ``outputs.record_number``.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence

MAX_KERNELS = 2  # more kernels than this hold the data once more each for little gain


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


def heaviest_first(costs: Sequence[float]) -> list[int]:
    """The order to start jobs in when several executors share them: the costliest first
    (ties keep their order), so no long job starts last while the other executors idle.

    Examples
    --------
    >>> heaviest_first([4, 2, 4, 5, 1, 2])
    [3, 0, 2, 1, 5, 4]
    """
    return sorted(range(len(costs)), key=lambda i: -costs[i])


def execute_in_turn(jobs: Sequence[tuple], executors: Sequence[Callable],
                    finishers: Sequence[Callable] | None = None,
                    costs: Sequence[float] | None = None) -> Iterator[tuple]:
    """Run ``executor(*job)`` for every job; yield ``(index, result)`` as each one ends.

    With one executor the jobs run in order in this thread. With several, each executor
    runs in its own thread and takes the next job when it is free (an executor is one warm
    kernel: it runs one notebook at a time). An exception raised by an executor is raised
    here, after the results that ended before it.

    Parameters
    ----------
    jobs : sequence of tuple
        The arguments of each call, in the order they should start.
    executors : sequence of callable
        At least one.
    finishers : sequence of callable, optional
        ``finishers[i]()`` is called once executor ``i`` has no job left (a kernel is
        stopped while the others still work); its errors are ignored.
    costs : sequence of float, optional
        The expected cost of each job: with several executors the costliest start first
        (:func:`heaviest_first`). One executor keeps the given order.

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
    todo: queue.SimpleQueue = queue.SimpleQueue()
    done: queue.SimpleQueue = queue.SimpleQueue()
    for index in heaviest_first(costs) if costs is not None else range(len(jobs)):
        todo.put((index, jobs[index]))
    for execute, finish in zip(executors, finishers, strict=True):
        threading.Thread(target=_work, args=(execute, finish, todo, done), daemon=True,
                         name="inovlab-kernel").start()
    for _ in jobs:
        index, result, failed = done.get()
        if failed:
            raise result
        yield index, result


def _work(execute: Callable, finish: Callable | None, todo: queue.SimpleQueue,
          done: queue.SimpleQueue) -> None:
    """One executor's loop: take jobs until none is left (or one fails), then finish."""
    while True:
        try:
            index, job = todo.get_nowait()
        except queue.Empty:
            break
        try:
            done.put((index, execute(*job), False))
        except BaseException as exc:  # handed to the caller's thread, which raises it
            done.put((index, exc, True))
            break
    _finish(finish)


def _finish(finish: Callable | None) -> None:
    if finish is not None:
        with contextlib.suppress(Exception):
            finish()
