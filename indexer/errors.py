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

    def __init__(self, why: str, where: str, fix: str = "yulu index --rebuild") -> None:
        super().__init__(f"the index at {where} {why}; fix it with: {fix}")


class QuerySyntaxError(YuluError):
    """A search query or filter cannot be understood."""


class UnknownQuote(YuluError):
    """No quote has the requested id."""

    def __init__(self, quote_id: str) -> None:
        super().__init__(f"no quote with id {quote_id!r}; ids are listed by: yulu search --json")
