"""Search hits as a pandas ``DataFrame`` (pandas is optional: ``pip install 'yulu[pandas]'``).

The columns are those of ``--format csv`` (:data:`HIT_COLUMNS`), with
typed cells instead of text: numbers as numbers, ``date``/``date_end`` as datetimes (NaT
when undated), and the counterparts' ``names``, ``titles`` and ``countries`` as lists, so
that ``frame.explode("names")`` gives a row per counterpart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from ..errors import YuluError
from ..records.quotes import Quote

if TYPE_CHECKING:
    from .request import Hit

#: Counterpart members and the columns that hold them.
COUNTERPART_COLUMNS = {"names": "name", "titles": "title", "countries": "country"}


def _hit_columns() -> list[str]:
    columns = ["id", "score"]
    for spec in fields(Quote):
        if spec.name == "counterparts":
            columns += list(COUNTERPART_COLUMNS)
        elif spec.name != "id":
            columns.append(spec.name)
    return columns


#: The columns of a search hit as a row: id, score, then the record's fields in their
#: order (the counterparts as three parallel columns).
HIT_COLUMNS = _hit_columns()


def hit_record(hit: Hit) -> dict[str, Any]:
    """One hit as a row of typed cells (lists kept as lists)."""
    data = hit.to_dict()
    row = {name: data.get(name) for name in HIT_COLUMNS if name not in COUNTERPART_COLUMNS}
    for column, member in COUNTERPART_COLUMNS.items():
        row[column] = [c[member] for c in data["counterparts"]]
    return {name: row[name] for name in HIT_COLUMNS}


def hits_frame(hits: Iterable[Hit]) -> Any:
    """The hits as a ``DataFrame`` with the columns of :data:`HIT_COLUMNS`."""
    try:
        import pandas as pd
    except ImportError:
        raise YuluError("to_pandas needs pandas: pip install 'yulu[pandas]'") from None
    frame = pd.DataFrame([hit_record(hit) for hit in hits], columns=HIT_COLUMNS)
    for column in ("date", "date_end"):
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    return frame
