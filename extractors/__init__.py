"""Pure extraction logic: text (and its spaCy analysis) in, findings with offsets out.

No file or network I/O here beyond reading the bundled lexicons once, no Prefect, no clock.
"""
