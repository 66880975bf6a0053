"""The deck a PowerPoint export starts from, and the layout its slides take.

Either the user's own template (a .pptx or .potx carrying, say, the ministry's master) or
python-pptx's default deck made 16:9. The default deck's master and layouts are drawn for 4:3
(10 in × 7.5 in); setting a 13.333 in slide width alone leaves every placeholder where a 4:3
slide has it, so a slide a user adds in PowerPoint would sit in the left three quarters. Its
placeholders are widened with the slide, and its title placeholder placed where the export
puts the title.

The slides take the "title only" layout, chosen by its placeholders (a title and nothing to
fill besides date, footer and slide number), not by its index, which differs per template.
The title goes in that title placeholder, so outline view, the accessibility checker and a
screen reader see it as the slide's title.

A template is a file from anywhere, so it is untrusted: read only if it is a regular file of
bounded size, refused before python-pptx inflates it when its parts would inflate past a bound
(a 3 MB template once inflated to 3 GB), refused when it links to pictures or objects outside
itself (PowerPoint would fetch them from a server or share each time a deck opens), and tried
once with a slide of its title layout. Whatever is wrong with it is an ExportError of one line:
``check_template`` says it when the template is chosen, ``new_deck`` again at every export.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PythonPptxError
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.util import Inches

from desktop.export.plain_text import printable
from desktop.export.safe_write import ExportError
from geodata.sources.gpkg import open_regular_file

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.3)
TITLE_HEIGHT = Inches(0.75)
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
# Placeholders a slide does not copy from its layout: they do not make a layout "more than a
# title".
FURNITURE_TYPES = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
# What python-pptx opens, and what a template (.potx) declares its main part as instead.
PRESENTATION_TYPE = (b"application/vnd.openxmlformats-officedocument.presentationml."
                     b"presentation.main+xml")
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
MAX_TEMPLATE_BYTES = 200 * 1024 * 1024  # a template with many pictures, not a disk image
MAX_INFLATED_BYTES = 256 * 1024 * 1024  # pictures barely compress: a real template inflates
# to about its own size (XML parts ten times, but they are small)
MAX_TEMPLATE_PARTS = 10_000
INFLATE_BLOCK = 1024 * 1024
# What python-pptx and the libraries under it raise on a damaged package: a missing part
# (KeyError: no relationship with key 'rId1'), cut-short or malformed XML (lxml's
# XMLSyntaxError is a SyntaxError), a broken ZIP or deflate stream, XML of the wrong shape.
DAMAGED_TEMPLATE = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError,
                    TypeError, AttributeError, SyntaxError, etree.LxmlError, PythonPptxError)
# Links a slide may hold to the outside that PowerPoint only follows when clicked.
CLICKED_LINKS = frozenset({RELATIONSHIP_TYPE.HYPERLINK})


def new_deck(template: Path | None = None):
    """An empty Presentation: the template's (its own slides removed), else the default one
    made 16:9. A template that cannot be used raises ExportError (see the module)."""
    if template is None:
        deck = Presentation()
        _widen_default_deck(deck)
        return deck
    path = Path(template)
    package = _unpacked_package(path, _read_template(path))
    try:
        deck = Presentation(io.BytesIO(package))
        _refuse_outside_links(deck, path)
        _remove_slides(deck)
        title_layout(deck, path)  # a template the slides cannot use fails before drawing
        _try_a_slide(deck)
    except DAMAGED_TEMPLATE as error:
        raise ExportError(f"the template {_shown(path)} is damaged and cannot be used "
                          f"({printable(error, 200)})") from error
    return deck


def check_template(template: Path) -> None:
    """Raise ExportError (one line) when ``template`` cannot give the slides their layout:
    what an export from it would say, said when it is chosen."""
    new_deck(template)


def title_layout(deck, template: Path | None = None):
    """The layout with a title placeholder and nothing else to fill; failing one, the layout
    with a title and the fewest other placeholders (their empty copies are removed from each
    slide). Raises ExportError when no layout has a title placeholder."""
    candidates = []
    for layout in deck.slide_layouts:
        kinds = [shape.placeholder_format.type for shape in layout.placeholders]
        if any(kind in TITLE_TYPES for kind in kinds):
            others = [kind for kind in kinds
                      if kind not in TITLE_TYPES and kind not in FURNITURE_TYPES]
            candidates.append((len(others), layout))
    if not candidates:
        name = printable(Path(template).name, 200) if template is not None else "the deck"
        raise ExportError(f"the template {name} has no slide layout with a title placeholder; "
                          "add a “Title Only” layout to its master in PowerPoint")
    return min(candidates, key=lambda candidate: candidate[0])[1]


def titled_slide(deck, title: str):
    """A new slide of the title layout holding ``title`` in its title placeholder (the first
    placeholder of the slide), any other empty placeholder removed; returns (slide, title
    shape)."""
    slide = deck.slides.add_slide(title_layout(deck))
    title_shape = next(shape for shape in slide.placeholders
                       if shape.placeholder_format.type in TITLE_TYPES)
    for shape in list(slide.placeholders):
        if shape.shape_id != title_shape.shape_id:
            shape._element.getparent().remove(shape._element)
    title_shape.text_frame.text = title
    return slide, title_shape


def content_top(deck, title_shape) -> int:
    """Where a slide's content may start: below its title placeholder."""
    return int(title_shape.top + title_shape.height) if title_shape.height else int(MARGIN)


def _shown(path: Path) -> str:
    return printable(path.name, 200)


def _read_template(path: Path) -> bytes:
    """The template's bytes; a pipe or device is refused before a byte is read (reading a
    FIFO would wait for ever), a file past MAX_TEMPLATE_BYTES before it is read."""
    try:
        with open_regular_file(path) as stream:
            size = stream.seek(0, io.SEEK_END)
            if size > MAX_TEMPLATE_BYTES:
                raise ExportError(f"the template {_shown(path)} is larger than "
                                  f"{MAX_TEMPLATE_BYTES // 1024 // 1024} MB")
            stream.seek(0)
            return stream.read(size + 1)  # a buffer of its size, not of the bound
    except OSError as error:
        reason = error.strerror or ("it is not a file" if error.errno is None else error)
        raise ExportError(f"cannot read the template {_shown(path)}: {reason}") from error


def _unpacked_package(path: Path, data: bytes) -> bytes:
    """The template's package inflated part by part within the bounds and written again
    uncompressed, so python-pptx inflates nothing itself; a .potx's main part is declared a
    presentation (python-pptx refuses a template's content type).

    Refused before anything inflates when the parts' declared sizes pass the bound; the parts
    are then inflated a block at a time, counting, so a part that inflates past what it
    declared (zipfile would inflate up to 1 GB at once before cutting it) is caught at the
    bound too.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            _check_declared_sizes(path, parts)
            unpacked = io.BytesIO()
            inflated = 0
            with zipfile.ZipFile(unpacked, "w", zipfile.ZIP_STORED) as copy:
                for part in parts:
                    blocks = []
                    with package.open(part) as member:
                        while block := member.read(INFLATE_BLOCK):
                            inflated += len(block)
                            if inflated > MAX_INFLATED_BYTES:
                                raise _too_large(path)
                            blocks.append(block)
                    content = b"".join(blocks)
                    if part.filename == "[Content_Types].xml":
                        content = content.replace(TEMPLATE_TYPE, PRESENTATION_TYPE)
                    copy.writestr(part.filename, content)
    except ExportError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
            RuntimeError) as error:  # RuntimeError: an encrypted part
        raise ExportError(f"the template {_shown(path)} is not a PowerPoint .pptx or .potx "
                          f"file, or is damaged ({printable(error, 200)})") from error
    return unpacked.getvalue()


def _check_declared_sizes(path: Path, parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_TEMPLATE_PARTS:
        raise ExportError(f"the template {_shown(path)} has {len(parts):,} parts; a template "
                          f"has at most {MAX_TEMPLATE_PARTS:,}")
    declared = sum(part.file_size for part in parts)
    if declared > MAX_INFLATED_BYTES:
        raise _too_large(path, declared)


def _too_large(path: Path, declared: int | None = None) -> ExportError:
    """The refusal of a template that inflates past the bound (``declared``: to how much its
    parts say; None: counted while inflating, so only "more than")."""
    size = (f"{declared / 1024 / 1024:,.0f} MB" if declared is not None
            else f"more than {MAX_INFLATED_BYTES // 1024 // 1024} MB")
    return ExportError(f"the template {_shown(path)} would inflate to {size}; a template may "
                       f"hold at most {MAX_INFLATED_BYTES // 1024 // 1024} MB")


def _refuse_outside_links(deck, path: Path) -> None:
    """Refuse a template that links a picture, video or object from outside itself: every
    deck made from it would fetch it from wherever it points (a server, a share)."""
    for relationship in deck.part.package.iter_rels():
        if relationship.is_external and relationship.reltype not in CLICKED_LINKS:
            raise ExportError(
                f"the template {_shown(path)} links to "
                f"{printable(relationship.target_ref, 200)} outside itself; embed the "
                "picture or object in the template in PowerPoint instead")


def _try_a_slide(deck) -> None:
    """Make (and drop) one titled slide, so a layout that breaks the slides fails here."""
    titled_slide(deck, "")
    _remove_slides(deck)


def _remove_slides(deck) -> None:
    """Drop a template's own slides: the export holds only its maps."""
    slide_ids = deck.slides._sldIdLst
    for slide_id in list(slide_ids):
        deck.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def _widen_default_deck(deck) -> None:
    """Make python-pptx's 4:3 default deck 16:9: every placeholder of the master and of the
    layouts that place their own widened with the slide; the master's title (which the title
    only layout inherits) where the export puts it."""
    factor = SLIDE_WIDTH / deck.slide_width
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    masters = list(deck.slide_masters)
    layouts = [layout for master in masters for layout in master.slide_layouts]
    for owner in [*masters, *layouts]:
        for shape in owner.placeholders:
            if shape._element.xfrm is None:
                continue  # inherits its place from the master, widened already
            shape.left, shape.width = int(shape.left * factor), int(shape.width * factor)
    for master in masters:
        for shape in master.placeholders:
            if shape.placeholder_format.type in TITLE_TYPES:
                shape.left, shape.top = MARGIN, MARGIN
                shape.width, shape.height = SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT
