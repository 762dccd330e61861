"""Research tools over the search service: each takes the same :class:`SearchRequest`
as a search and computes over every quote it matches (trends over time, and the
others as they arrive)."""
