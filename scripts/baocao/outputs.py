"""Where the outputs go: the output folder and the names of the files written into it."""

OUT_DIR = "build"  # where the outputs go unless told
SITE_DIR = "site"
DOCX_NAME = "bao-cao-tong-hop.docx"
REMINDER_NAME = "cong-van-don-doc.docx"
WORKBOOK_NAME = "so-lieu-dot-bao-cao.xlsx"
