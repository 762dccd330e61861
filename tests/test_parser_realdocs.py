"""Real compilations no one here wrote, each checked against the expectations written by
reading it: the seven of ``shared/devset`` (beside the checkout, when there) and the
collection under ``tests/realdocs`` (see its README), in every format they came in."""

from __future__ import annotations

from pathlib import Path

import pytest
from realdocs_check import check, documents

HERE = Path(__file__).resolve().parent
DEVSET = HERE.parents[1] / "shared" / "devset"
COLLECTION = HERE / "realdocs" / "collection"
HELDOUT = HERE / "realdocs" / "heldout"
DOCUMENTS = documents(DEVSET, COLLECTION, HELDOUT)


@pytest.mark.parametrize("src", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_real_compilation_gives_the_records_it_holds(src, tmp_path):
    right, n, problems = check(src, tmp_path)
    assert problems == [] and right == n


def test_the_collection_is_there():
    """The collection ships with the tests (the devset may not be beside a checkout)."""
    assert len(documents(COLLECTION, HELDOUT)) >= 20
