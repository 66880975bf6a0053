"""Dataset and command-line text made safe to draw and to store in an export file.

Names, titles and source titles come from user files and the command line. A control
character makes an SVG not well-formed XML (U+000B is not allowed even escaped) and shows as
``_x000B_`` in PowerPoint; a bureau name of a megabyte made the painter build outlines of
gigabytes. Every text an export draws or stores goes through ``printable``, which replaces
controls with spaces and cuts the text to a bound far above what a slide shows, so that
measuring and eliding it afterwards is cheap. Bidirectional embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069) are removed: a right-to-left override in a name reversed
it, and the text after it, in the drawn map and the deck. No Qt here.
"""

import re

# C0 controls (tab and line breaks too: each export text is drawn as one paragraph), DEL and C1
# controls, Unicode's line and paragraph separators, lone surrogates (undecodable command-line
# bytes) and the non-characters XML forbids.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
MAX_CHARS = 1000  # four times the longest source caption of the bundled dataset
ELLIPSIS = "…"


def printable(text: object, max_chars: int = MAX_CHARS) -> str:
    """``text`` without control characters, at most ``max_chars`` long (cut with '…')."""
    text = str(text)[:max_chars + 1]  # cut first, so the cost of a huge text ends here
    text = UNPRINTABLE.sub(" ", BIDI_CONTROLS.sub("", text))
    if len(text) > max_chars:
        text = text[:max_chars - 1].rstrip() + ELLIPSIS
    return text
