"""The errors yulu raises; each message says what to do next."""

from __future__ import annotations


class YuluError(Exception):
    """Base class for errors a user can act on."""


class CorpusFormatError(YuluError):
    """A corpus file or its metadata cannot be read."""


class IndexNotFound(YuluError):
    """There is no index where one was expected."""

    def __init__(self, where: str) -> None:
        super().__init__(f"no index at {where}; build one with: yulu index")


class IndexOutdated(YuluError):
    """The index is stale, from another version of yulu, or damaged."""

    def __init__(self, why: str, where: str) -> None:
        super().__init__(f"the index at {where} {why}; rebuild it with: yulu index --rebuild")


class QuerySyntaxError(YuluError):
    """A search query cannot be understood."""

    def __init__(self, message: str) -> None:
        super().__init__(
            f'{message} (phrases go in "…" or “…”; fields are written field:value, '
            "e.g. counterpart:普京 date:>=2020-03-20)"
        )


class UnknownQuote(YuluError):
    """No quote has the requested id."""

    def __init__(self, quote_id: str) -> None:
        super().__init__(f"no quote with id {quote_id!r}; ids are listed by: yulu search --json")
