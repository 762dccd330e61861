"""``yulu serve``: the search page, the quote pages, the JSON API and the exports."""

from __future__ import annotations

from typing import Any

import click

from .app import main, note
from .options import IndexDir, index_dir_option


class Host(click.ParamType):
    """An IP address or a host name to listen on."""

    name = "ADDRESS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        from ..web.server import check_host

        try:
            return check_host(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@main.command()
@index_dir_option
@click.option("--host", type=Host(), default="127.0.0.1", show_default=True,
              help="Address to listen on (the loopback address: this machine only).")  # fmt: skip
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")  # fmt: skip
@click.option("--open", "open_browser", is_flag=True, help="Open the search page in a browser.")
def serve(index_dir: IndexDir, host: str, port: int, open_browser: bool) -> None:
    """Serve the search page at http://HOST:PORT/ (with the JSON API under /api/ and
    downloads at /export.csv and /export.jsonl) until Ctrl-C. The index is built first
    if there is none, as yulu search builds it; nothing a request does changes it, and
    a rebuild (yulu index) is picked up by the next request."""
    from ..web.server import serve as run

    run(
        index_dir.path,
        host,
        port,
        open_browser=open_browser,
        say=click.echo,
        notify=note,
        trust=index_dir.trust,
    )
