"""Whoosh's compound-segment files read in place (``indexer.index.viewfile``) read as the
``BytesIO`` copy they replace; and the freshness check's cheaper path resolution gives
what resolving each path whole gives, symbolic links included."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.index.viewfile import ViewFile

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.integers(-1, 40)),
        st.tuples(st.just("readline"), st.integers(-1, 40)),
        st.tuples(st.just("seek"), st.integers(0, 60), st.integers(0, 2)),
        st.tuples(st.just("tell")),
        st.tuples(st.just("readinto"), st.integers(0, 30)),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=80).map(lambda b: b.replace(b"x", b"\n")), OPS, st.booleans())
def test_a_view_file_reads_as_bytesio(data, ops, as_view):
    view = ViewFile(memoryview(data) if as_view else data)
    copy = io.BytesIO(data)
    for op, *args in ops:
        if op == "seek":
            offset, whence = args
            offset = offset if whence == 0 else offset - 30
            try:
                expected = copy.seek(offset, whence)
            except ValueError:  # before the start: both refuse, neither moves
                with pytest.raises(ValueError):
                    view.seek(offset, whence)
                continue
            assert view.seek(offset, whence) == expected
        elif op == "readinto":
            a, b = bytearray(args[0]), bytearray(args[0])
            assert view.readinto(a) == copy.readinto(b) and a == b
        else:
            assert getattr(view, op)(*args) == getattr(copy, op)(*args), (op, args)
    assert list(view) == list(copy)
