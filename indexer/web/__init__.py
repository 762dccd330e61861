"""The web door: ``yulu serve``'s app (Flask, served by waitress), the search page, the
quote page, the JSON API and the exports, over the same search service as the CLI."""
