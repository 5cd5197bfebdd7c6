"""The cycle collector is paused only where samlint builds large graphs, and comes back."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from samlint import gc_pause
from samlint.gc_pause import paused_collector


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with paused_collector():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on() -> None:
    with pytest.raises(ValueError), paused_collector():
        raise ValueError("feil")
    assert gc.isenabled()


def test_nested_pauses_and_a_collector_that_was_off_stay_as_they_were() -> None:
    with paused_collector():
        with paused_collector():
            pass
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collector():
            pass
        assert not gc.isenabled()  # it was off before, so it stays off
    finally:
        gc.enable()


def test_reading_a_document_leaves_the_collector_on(tmp_path: Path) -> None:
    from samlint.documents import read_document

    path = tmp_path / "avtale.txt"
    path.write_text("1. Ansvar\n\nKommunen har ansvar for oppfølgingen.\n", encoding="utf-8")
    assert read_document(path, path.name).blocks
    assert gc.isenabled()


class _Graph:
    """Something a weak reference can follow, standing in for the prepared agreement."""


@pytest.fixture
def keeping() -> Iterator[None]:
    """This test process keeps what it lets go of, and forgets it all afterwards."""
    gc_pause.keep_until_exit()
    try:
        yield
    finally:
        gc_pause._KEEPING_IN = None
        gc_pause._KEPT.clear()
        gc.unfreeze()


def _freed_when_let_go() -> bool:
    """Make a graph, let go of it, and tell whether it is gone."""
    graph = _Graph()
    alive = weakref.ref(graph)
    gc_pause.let_go(graph)
    del graph
    return alive() is None


def test_let_go_frees_at_once_in_an_ordinary_process() -> None:
    assert _freed_when_let_go()


def test_a_process_that_ends_after_its_check_keeps_and_freezes_instead(keeping: None) -> None:
    assert not _freed_when_let_go()
    assert gc.get_freeze_count() > 0  # hidden from the collector


def test_a_forked_child_does_not_keep(keeping: None) -> None:
    from samlint.sandbox import ChildCall, can_fork

    if not can_fork():
        pytest.skip("no fork on this platform")
    assert ChildCall(_freed_when_let_go).result(30) is True
