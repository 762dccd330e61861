"""The peers benchmark's tables: the measures per engine and the ratios yulu/peer."""

from __future__ import annotations

from typing import Any

MEASURES = {
    "p50_ms": lambda e: e["p50_ms"],
    "p95_ms": lambda e: e["p95_ms"],
    "build_s": lambda e: e["build"]["seconds"],
    "index_mb": lambda e: e["build"]["index_mb"],
    "build_tree_rss_mb": lambda e: e["build"]["tree_rss_mb"],
    "search_rss_mb": lambda e: e["search"]["hwm_mb"],
    "cli_s": lambda e: e.get("cli_s"),
}


def ratios(
    engines: dict[str, dict[str, Any]], parse_s: float = 0.0
) -> dict[str, dict[str, float | None]]:
    """yulu's measure divided by each peer's (above 1: yulu takes more); beside the build
    times, yulu's build (which parses) against the peer's plus the parsing."""
    if "yulu" not in engines:
        return {}
    yulu = engines["yulu"]
    out: dict[str, dict[str, float | None]] = {}
    for name, e in engines.items():
        if name in ("yulu", "scan"):
            continue
        out[name] = {}
        for measure, get in MEASURES.items():
            a, b = get(yulu), get(e)
            out[name][measure] = a / b if a is not None and b else None
        out[name]["build_with_parsing_s"] = yulu["build"]["seconds"] / (
            e["build"]["seconds"] + parse_s
        )
    return out


LABELS = {
    "yulu": "yulu",
    "tantivy-chars": "tantivy, normalised single characters",
    "fts5-trigram": "SQLite FTS5 trigram, normalised text",
    "scan": "scan (`needle in text`)",
    "tantivy-jieba": "tantivy, jieba words (the usual setup)",
}


def table(row: dict[str, Any]) -> str:
    def num(value: float | None, fmt: str = "{:.1f}") -> str:
        return "—" if value is None else fmt.format(value)

    lines = [
        "| engine | exact | p50 / p95 ms | build s | index MB | build RSS MB (tree) "
        "| search RSS MB | CLI s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, e in row["engines"].items():
        b = e["build"]
        lines.append(
            f"| {LABELS[name]} | {e.get('exact', '?')}/{row['queries']} "
            f"| {e['p50_ms']:.1f} / {e['p95_ms']:.1f} | {b['seconds']:.1f} "
            f"| {b['index_mb']:.0f} | {b['rss_mb']:.0f} ({b['tree_rss_mb']:.0f}) "
            f"| {e['search']['hwm_mb']:.0f} | {num(e.get('cli_s'), '{:.2f}')} |"
        )
    if row["ratios"]:
        columns = list(next(iter(row["ratios"].values())))
        lines += ["", "| yulu ÷ | " + " | ".join(columns) + " |"]
        lines.append("|---|" + "---|" * len(columns))
        for name, r in row["ratios"].items():
            cells = " | ".join(num(v, "{:.2f}") for v in r.values())
            lines.append(f"| {LABELS[name]} | {cells} |")
    return "\n".join(lines)
