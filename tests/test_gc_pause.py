"""The cycle collector is paused only where samlint builds large graphs, and comes back."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

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
