"""The web door: ``yulu serve``'s app (Flask, served by waitress), the search page, the
quote page, the research pages (concordance, trends, formulations, keywords), the JSON
API and the downloads, over the same search service and tools as the CLI."""
