"""The words of a slide in the house style: how much a title and a caption hold, and the
fonts and look of the text (the map slides, slides.py, and the chart slides, charts_pptx.py,
share them)."""

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Pt

# What the text boxes hold before they spill over the map: two lines of the 28 pt title, four
# of the 10 pt caption, across the slide.
TITLE_CHARS = 150
CAPTION_CHARS = 700
TITLE_COLOR = RGBColor(0x1D, 0x2B, 0x3A)
# The slide text names a font Office has, not the bundled IPAex Gothic (which a colleague's
# PowerPoint lacks and replaces with whatever it likes): Meiryo ships with Windows since Vista
# and with Office for Mac, and draws both Latin and Japanese. The East Asian typeface also says
# what kind of font it is (Meiryo's panose, a variable-pitch sans-serif, the Shift-JIS
# charset), which is what PowerPoint substitutes by where Meiryo is missing: a Japanese
# sans-serif font, not boxes. A user's template keeps its own theme fonts.
SLIDE_FONT_LATIN = "Meiryo"
SLIDE_FONT_EAST_ASIAN = "Meiryo"
EAST_ASIAN_FONT_ATTRIBUTES = {"panose": "020B0604030504040204", "pitchFamily": "34",
                              "charset": "-128"}


def style_title(title_shape, house_style: bool) -> None:
    """The title placeholder's text: shrunk to fit in any deck; in the default deck also the
    export's look (28 pt bold, left, a font Office has) instead of its centred 44 pt. A
    template's master decides the rest."""
    frame = title_shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    if not house_style:
        return
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(28)
            run.font.bold = True
            run.font.color.rgb = TITLE_COLOR
            name_fonts(run)


def name_fonts(run) -> None:
    """Latin and East Asian typefaces: ``font.name`` sets only ``a:latin``, and PowerPoint
    draws Japanese with the ``a:ea`` typeface (the theme's when absent)."""
    run.font.name = SLIDE_FONT_LATIN
    properties = run._r.get_or_add_rPr()
    for old in properties.findall(qn("a:ea")):
        properties.remove(old)
    east_asian = OxmlElement("a:ea")
    east_asian.set("typeface", SLIDE_FONT_EAST_ASIAN)
    for name, value in EAST_ASIAN_FONT_ATTRIBUTES.items():
        east_asian.set(name, value)
    properties.find(qn("a:latin")).addnext(east_asian)  # the schema's order: latin, ea, cs
