"""Reading and checking pages on every core, when a run has many pages to parse.

Each worker takes every n-th page, reads and parses it: it sends back the pages' index entries,
receives the whole handbook's index, then checks the pages of its share that are being linted,
sending the results in batches as it goes. A page is parsed once while the processes can keep
it (within a budget: see engine._PageKeeping), and only small things cross between processes:
entries, the index, diagnostics. When the pages kept are packed anyway (a large handbook), the
workers that read leave them in memory they share with the parent, and end; other workers,
forked at the start and sent the index, check them. Workers are forked, so they start with the
documents' list and the configuration already in memory.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_PAGES = 100  # below this, starting processes costs more than it saves
BATCH = 50  # results sent at a time: a worker holds no more, and the parent reads them as they come
worker_number = 0  # in a worker: which of the workers it is, from 0


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def processes_for(pages: int) -> int:
    return min(available_cores(), pages)


def worth_it(pages: int) -> bool:
    if pages < MIN_PAGES or available_cores() < 2 or os.environ.get("JDLINT_NO_WORKERS"):
        return False
    import multiprocessing  # not on a short run's path: it takes longer to import than a page to check

    return "fork" in multiprocessing.get_all_start_methods()


def index_and_check(
    items: Sequence[Any],
    read: Callable[[Any], Any],
    build_index: Callable[[list[Any]], Any],
    check: Callable[[Any, Any], Any],
    hand_over: bool = False,
) -> tuple[Any, dict[int, Any]]:
    """`read(item)` in the workers, each taking every n-th item; `build_index(what read gave, in
    item order)` here; then `check(item, index)` (None when the item is not to be checked). The
    workers that read check too, each sent a copy of the index. With `hand_over`, they end once
    they have sent what they read (which leaves the pages in memory shared with the parent, see
    engine._PageKeeping), and the first share is checked here, against the index built here, and
    each other share by a worker sent a copy of it: forked before the reading, such a worker starts
    without what reading left in the readers' memory, and without the parent's entries and index,
    which forked later it would copy, page by page, as it goes. So one copy of the index fewer is
    held than there are shares.

    Returns the index and {position in items: what check returned}.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    count = processes_for(len(items))
    if hand_over:  # the checkers are forked first, from the parent as small as it will be
        with _Workers(context, range(1, count), count, items, None, then=check) as checkers:
            read_results: list[Any] = [None] * len(items)
            with _Workers(context, range(count), count, items, read) as readers:
                for position, result in readers.results():
                    read_results[position] = result
            index = build_index(read_results)
            del read_results  # build_index kept what it needs of it
            checkers.send(index)
            return index, _check_here_and_there(items, range(0, len(items), count), check, index, checkers)
    with _Workers(context, range(count), count, items, read, then=check) as workers:
        entries: list[Any] = [None] * len(items)
        for position, entry in workers.results():
            entries[position] = entry
        index = build_index(entries)
        workers.send(index)
        return index, dict(workers.results())


def _check_here_and_there(items, here: range, check, index, workers: _Workers) -> dict[int, Any]:
    """`check` the items at positions `here` in this process while `workers` check the others,
    taking their results as they come after each item, so that no worker waits on a full pipe."""
    results = {}
    for position in here:
        result = check(items[position], index)
        if result is not None:
            results[position] = result
        results.update(workers.results(wait=False))
    results.update(workers.results())
    return results


class _Workers:
    """A forked process for each of `numbers`, each doing `work(item)` (if any) for every
    `stride`-th item from its number and sending back what is not None, in batches; then, given
    `then`, receiving an object (the index) and doing `then(item, it)` likewise."""

    def __init__(self, context, numbers: range, stride: int, items: Sequence[Any], work, then=None):
        self.context, self.numbers, self.stride = context, numbers, stride
        self.items, self.work, self.then = items, work, then
        self.pipes: list = []
        self.processes: list = []
        self.unfinished: list = []  # the pipes of the workers still sending results of this step

    def __enter__(self) -> _Workers:
        gc.freeze()  # what the parent holds now is the workers' too: the collector must not copy its pages
        for number in self.numbers:
            ours, theirs = self.context.Pipe()
            arguments = (theirs, self.items, number, self.stride, self.work, self.then)
            process = self.context.Process(target=_work, args=arguments, daemon=True)
            process.start()
            theirs.close()
            self.pipes.append(ours)
            self.processes.append(process)
        self.unfinished = list(self.pipes)
        return self

    def results(self, wait: bool = True):
        """(position, result) as the workers send them, until each has sent all of one step's;
        with `wait` false, only those already sent."""
        from multiprocessing.connection import wait as ready

        while self.unfinished:
            pipes = ready(self.unfinished, timeout=None if wait else 0)
            if not pipes:
                return
            for pipe in pipes:
                batch = _receive(pipe)
                if batch is None:
                    self.unfinished.remove(pipe)
                else:
                    yield from batch

    def send(self, value: Any) -> None:
        import pickle

        shared = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)  # once for every worker
        for pipe in self.pipes:
            pipe.send_bytes(shared)
        if not self.unfinished:  # the step before is done: the workers' next step begins
            self.unfinished = list(self.pipes)

    def __exit__(self, *exception) -> None:
        gc.unfreeze()
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()


def _receive(pipe):
    message = pipe.recv()
    if isinstance(message, BaseException):
        raise message
    return message


def _work(pipe, items, number, count, work, then) -> None:
    import pickle  # the parent's, already imported: the worker is forked

    global worker_number
    worker_number = number
    try:
        mine = range(number, len(items), count)
        if work is not None:
            _send_results(pipe, items, mine, work)
        if then is not None:
            received = pickle.loads(pipe.recv_bytes())
            _send_results(pipe, items, mine, lambda item: then(item, received))
    except BaseException as error:  # the parent reports it; a worker never dies silently
        pipe.send(RuntimeError(f"worker {number}: {type(error).__name__}: {error}"))
    finally:
        pipe.close()


def _send_results(pipe, items, positions, work) -> None:
    batch = []
    for position in positions:
        result = work(items[position])
        if result is not None:
            batch.append((position, result))
        if len(batch) == BATCH:
            pipe.send(batch)
            batch = []
    pipe.send(batch)
    pipe.send(None)  # this step is done
