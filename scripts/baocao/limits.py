"""Document limits: how large a report and the files of its folder may be."""

from __future__ import annotations

# campaign.yml, a schema, reviews.yml, CODEOWNERS: in CI a pull request's are read as data
# (`owners --check`); the real campaign.yml of 149 agencies is 80 KB, CODEOWNERS 40 KB
CONFIG_BYTES = 5_000_000
REPORT_BYTES = 1_000_000  # a report file (.md), or the text read from a Word file
# the parts of a Word file that are XML (its text, styles, notes), unpacked, before they are
# parsed: about a second and 50 MB each megabyte; the largest of real reports is 0.6 MB
WORD_XML_BYTES = 5 * 1024 * 1024
HEADING_CHARS = 1_000  # one heading's text; the outline's longest heading is 540 characters
BLOCK_DEPTH = 10  # lists and block quotes inside each other
BRACKET_DEPTH = 10  # square brackets inside each other in one paragraph
EMPHASIS_DEPTH = 10  # emphasis (*, _, ~~) inside each other in one paragraph
# links (`[`, `![`) of one paragraph: pandoc's reader takes time and memory that grow with
# their square (2,000 links in one paragraph: 14 s and 1 GB, 8,000: 21 GB); a real
# paragraph has a few
PARAGRAPH_LINKS = 100
# runs of *, _ or ~~ in one paragraph: pandoc's reading time grows faster than their number
# (25,000 in one paragraph: 25 s); a real paragraph has a few dozen
EMPHASIS_MARKS = 1_000
# "<!--" never closed, after text in one paragraph: pandoc looks for the end of each one to the
# end of the paragraph (1,000: 1.3 s, 4,000: over 30 s); a real paragraph has none
PARAGRAPH_COMMENTS = 100
TABLE_ROWS = 2_000  # rows of one table, its header row included
TABLE_CELLS = 20_000  # cells of one table (rows x columns)
# HTML elements written inside each other (`<div>`, `<span>`): Material's search index walks
# every open element at each tag, so a build's time grows with tags x depth (60,000 unclosed
# `<span>` in 370 KB: over 10 minutes); a pasted table nests a handful
HTML_DEPTH = 20
# combining marks in a row on one letter (canonical combining class > 0): pandoc reorders
# them in time that grows with the square of the run (8,000 on one letter: 15 s; a 900 KB
# report of such runs: hours). 30 is Unicode's Stream-Safe Text Format (UAX #15); a
# Vietnamese letter written decomposed carries 2
COMBINING_MARKS = 30
LISTS = 200  # lists of one report, nested ones included: pandoc's DOCX time grows with their square
IMAGE_REFERENCES = 200  # images shown by one report (`![...](...)`)
IMAGE_BYTES = 5_000_000  # one image file of the report's folder
IMAGE_PIXELS = 25_000_000  # one image's width x height (a 6000 x 4000 photo is 24 million)
FILE_BYTES = 10_000_000  # any other file of the report's folder (PDF, Word, Excel)
FOLDER_BYTES = 30_000_000  # all files of the report's folder together
