"""Turn an article body into HTML: paragraphs, and footnote markers linked to the references.

The body is escaped first (editors write plain text), so the only markup in the result is what
this module adds.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MARKER_RE = re.compile(r"\[([0-9]{1,3}|[ivxlcdm]{1,8})\]")


@dataclass(frozen=True)
class RenderedBody:
    html: SafeString
    cited_markers: tuple[str, ...]  # markers in order of first citation


def anchor_id(marker: str) -> str:
    return re.sub(r"[^0-9a-z]", "", marker.lower())


def render_body(body: str, markers: set[str]) -> RenderedBody:
    """Paragraphs from blank-line-separated text; each known `[marker]` becomes a link to `#fn-…`.

    The first citation of a marker gets `id="ref-<marker>"` so the reference can link back to it.
    Unknown markers are left as text: a typo in the body must not produce a dead link.
    """
    cited: list[str] = []

    def link(match: re.Match) -> str:
        marker = match.group(1)
        if marker not in markers:
            return match.group(0)
        slug = anchor_id(marker)
        first = marker not in cited
        if first:
            cited.append(marker)
        ref_id = f' id="ref-{slug}"' if first else ""
        return (
            f'<sup class="footnote-ref"><a href="#fn-{slug}"{ref_id} '
            f'aria-describedby="references-heading">[{marker}]</a></sup>'
        )

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if p.strip()]
    html = "\n".join(
        "<p>" + MARKER_RE.sub(link, escape(p)).replace("\n", "<br>") + "</p>" for p in paragraphs
    )
    return RenderedBody(html=mark_safe(html), cited_markers=tuple(cited))  # noqa: S308 (escaped above)


def plain_text(body: str) -> str:
    """The body without footnote markers, for the spam filter's relevance check."""
    return MARKER_RE.sub("", body)
