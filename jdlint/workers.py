"""Reading and checking pages on every core, when a run has many pages to parse.

Each worker takes every n-th page, reads and parses it: it sends back the pages' index entries,
receives the whole handbook's index, then checks the pages of its share that are being linted,
sending the results in batches as it goes. A page is parsed once while its process can keep it
(within a budget: see engine._PageKeeping), and only small things cross between processes: entries,
the index, diagnostics. Workers are forked, so they start with the documents' list and the configuration
already in memory.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from typing import Any

MIN_PAGES = 100  # below this, starting processes costs more than it saves
BATCH = 50  # results sent at a time: a worker holds no more, and the parent reads them as they come


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
) -> tuple[Any, dict[int, Any]]:
    """`read(item)` -> index entry in the workers; `build_index(entries)` here; then
    `check(item, index)` in the worker that read the item (None when it is not to be checked).

    Returns the index and {position in items: what check returned}.
    """
    import multiprocessing
    import pickle
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    gc.freeze()  # what the parent holds now is the workers' too: the collector must not copy its pages
    count = processes_for(len(items))
    pipes, processes = [], []
    for number in range(count):
        ours, theirs = context.Pipe()
        process = context.Process(target=_work, args=(theirs, items, number, count, read, check), daemon=True)
        process.start()
        theirs.close()
        pipes.append(ours)
        processes.append(process)
    try:
        entries: list[Any] = [None] * len(items)
        for pipe in pipes:
            for position, entry in _receive(pipe):
                entries[position] = entry
        index = build_index(entries)
        shared = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)  # once for every worker
        for pipe in pipes:
            pipe.send_bytes(shared)
        del shared  # as large as the index, for as long as the workers check
        checked: dict[int, Any] = {}
        unfinished = list(pipes)
        while unfinished:
            for pipe in wait(unfinished):
                results = _receive(pipe)
                if results is None:
                    unfinished.remove(pipe)
                else:
                    checked.update(results)
        return index, checked
    finally:
        gc.unfreeze()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()


def _receive(pipe):
    message = pipe.recv()
    if isinstance(message, BaseException):
        raise message
    return message


def _work(pipe, items, number, count, read, check) -> None:
    import pickle  # the parent's, already imported: the worker is forked

    try:
        mine = range(number, len(items), count)
        pipe.send([(position, read(items[position])) for position in mine])
        index = pickle.loads(pipe.recv_bytes())
        batch = []
        for position in mine:
            result = check(items[position], index)
            if result is not None:
                batch.append((position, result))
            if len(batch) == BATCH:
                pipe.send(batch)
                batch = []
        pipe.send(batch)
        pipe.send(None)
    except BaseException as error:  # the parent reports it; a worker never dies silently
        pipe.send(RuntimeError(f"worker {number}: {type(error).__name__}: {error}"))
    finally:
        pipe.close()
