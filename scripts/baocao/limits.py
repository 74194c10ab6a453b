"""Document limits: how large a report and the files of its folder may be."""

from __future__ import annotations

CONFIG_BYTES = 5_000_000  # campaign.yml, a schema, reviews.yml, CODEOWNERS (real: 80 KB)
REPORT_BYTES = 1_000_000  # a report file (.md), or the text read from a Word file
# a Word file's XML parts, unpacked: about a second and 50 MB to parse each megabyte
WORD_XML_BYTES = 5 * 1024 * 1024
HEADING_CHARS = 1_000  # one heading's text; the outline's longest heading is 540 characters
BLOCK_DEPTH = 10  # lists and block quotes inside each other
BRACKET_DEPTH = 10  # square brackets inside each other in one paragraph
EMPHASIS_DEPTH = 10  # emphasis (*, _, ~~) inside each other in one paragraph
# links (`[`, `![`) of one paragraph: pandoc's time and memory grow with their square
PARAGRAPH_LINKS = 100
# runs of *, _ or ~~ in one paragraph: pandoc's time grows faster than their number
EMPHASIS_MARKS = 1_000
# "<!--" never closed, after text in a paragraph: pandoc seeks the end of each one
PARAGRAPH_COMMENTS = 100
TABLE_ROWS = 2_000  # rows of one table, its header row included
TABLE_CELLS = 20_000  # cells of one table (rows x columns)
# HTML elements inside each other: Material's search index takes time tags x depth
HTML_DEPTH = 20
# combining marks in a row on one letter: pandoc reorders them in time that grows with the
# square of the run; 30 is Unicode's Stream-Safe Text Format (UAX #15)
COMBINING_MARKS = 30
LISTS = 200  # lists of one report, nested ones included: pandoc's DOCX time grows with their square
IMAGE_REFERENCES = 200  # images shown by one report (`![...](...)`)
IMAGE_BYTES = 5_000_000  # one image file of the report's folder
IMAGE_PIXELS = 25_000_000  # one image's width x height (a 6000 x 4000 photo is 24 million)
FILE_BYTES = 10_000_000  # any other file of the report's folder (PDF, Word, Excel)
FOLDER_BYTES = 30_000_000  # all files of the report's folder together
