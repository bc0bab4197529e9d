"""schedule: a region's notebooks shared by one or more warm kernels."""

import itertools
import random
import threading
import time

import pytest

from inovlab.workbook.schedule import MAX_KERNELS, balanced_lists, execute_in_turn, kernel_count


def test_one_kernel_per_core_capped_by_notebooks_and_the_maximum():
    assert kernel_count(6, cpus=1) == 1
    assert kernel_count(6, cpus=64) == MAX_KERNELS
    assert kernel_count(1, cpus=4) == 1
    assert kernel_count(0, cpus=4) == 1


def test_a_free_executor_takes_the_next_job():
    used = {}

    def executor(name):
        def run(seconds, label):
            used.setdefault(name, []).append(label)
            time.sleep(seconds)
            return label, threading.current_thread().name
        return run

    jobs = [(0.3, "a"), (0.05, "b"), (0.05, "c"), (0.05, "d")]
    order = list(execute_in_turn(jobs, [executor("x"), executor("y")]))
    assert sorted(i for i, _ in order) == [0, 1, 2, 3]
    assert order[-1][0] == 0  # the long first job ends last; the other kernel ran the rest
    assert sorted(map(len, used.values())) == [1, 3]
    assert {thread for _, (_, thread) in order} == {"inovlab-kernel"}


def test_one_executor_runs_in_order_in_this_thread():
    here = threading.current_thread().name
    out = list(execute_in_turn([(1,), (2,), (3,)], [lambda x: (x, threading.current_thread().name)]))
    assert out == [(0, (1, here)), (1, (2, here)), (2, (3, here))]


def test_an_executor_error_is_raised_after_the_results_before_it():
    def run(x):
        if x == "boom":
            raise RuntimeError("kernel gone")
        return x

    seen = []
    with pytest.raises(RuntimeError, match="kernel gone"):
        for _, value in execute_in_turn([("a",), ("boom",)], [run]):
            seen.append(value)
    assert seen == ["a"]
    with pytest.raises(RuntimeError, match="kernel gone"):
        list(execute_in_turn([("boom",), ("b",), ("c",)], [run, run]))


def test_each_executor_is_finished_once_when_it_has_no_job_left():
    finished = []
    out = list(execute_in_turn([(1,), (2,), (3,)], [abs, abs],
                               [lambda: finished.append("x"), lambda: finished.append("y")]))
    assert sorted(v for _, v in out) == [1, 2, 3]
    deadline = time.monotonic() + 5
    while len(finished) < 2 and time.monotonic() < deadline:  # the last finish may trail
        time.sleep(0.01)
    assert sorted(finished) == ["x", "y"]
    one = []
    list(execute_in_turn([(1,)], [abs], [lambda: 1 / 0]))  # a failing finish is ignored
    list(execute_in_turn([(1,)], [abs], [lambda: one.append(1)]))
    assert one == [1]


def test_with_several_executors_each_starts_with_the_costliest_job_of_its_share():
    started = []

    def run(label):
        started.append(label)
        time.sleep(0.02)
        return label

    out = list(execute_in_turn([("a",), ("b",), ("c",), ("d",)], [run, run],
                               costs=[1, 5, 1, 3]))
    assert sorted(started[:2]) == ["b", "d"] and sorted(i for i, _ in out) == [0, 1, 2, 3]
    assert [v for _, v in execute_in_turn([("a",), ("b",)], [run], costs=[1, 9])] == ["a", "b"]


def test_two_shares_are_as_even_as_any_split():
    rng = random.Random(7)
    for _ in range(200):
        costs = [round(rng.uniform(0.5, 5), 1) for _ in range(rng.randint(1, 9))]
        shares = balanced_lists(costs, 2)
        assert sorted(shares[0] + shares[1]) == list(range(len(costs)))
        assert all(costs[a] >= costs[b] for s in shares for a, b in itertools.pairwise(s))
        best = min(max(sum(c for c, m in zip(costs, mask, strict=True) if m),
                       sum(c for c, m in zip(costs, mask, strict=True) if not m))
                   for mask in itertools.product([0, 1], repeat=len(costs)))
        assert max(sum(costs[i] for i in s) for s in shares) == pytest.approx(best)


def test_many_jobs_or_shares_are_split_greedily_costliest_first():
    costs = [1.0] * 20 + [9.0]
    shares = balanced_lists(costs, 2)  # beyond the exact split: greedy
    sums = [sum(costs[i] for i in share) for share in shares]
    assert shares[0][0] == 20 and sorted(shares[0] + shares[1]) == list(range(21))
    assert sorted(sums) == [14.0, 15.0]
    assert balanced_lists([2, 2, 2], 3) == [[0], [1], [2]]
    assert balanced_lists([], 2) == [[], []]


def test_an_idle_executor_takes_the_cheapest_job_left_of_the_busiest_share():
    ran = {}

    def executor(name):
        def run(seconds, label):
            ran.setdefault(name, []).append(label)
            time.sleep(seconds)
            return label
        return run

    # the estimates say "equal"; job a takes far longer than the others
    jobs = [(0.4, "a"), (0.01, "b"), (0.01, "c"), (0.01, "d"), (0.01, "e"), (0.01, "f")]
    list(execute_in_turn(jobs, [executor("x"), executor("y")], costs=[1] * 6))
    assert ran["x"] == ["a"] and sorted(ran["y"]) == ["b", "c", "d", "e", "f"]
    assert ran["y"][:3] == ["d", "e", "f"] and ran["y"][3:] == ["c", "b"]  # its own, then stolen
