"""The project's exceptions: one base, one class per kind of failure."""


class InnovpubError(Exception):
    """Base of every error innovpub raises on purpose."""


class UnreadableDocument(InnovpubError):
    """A source file that cannot be turned into text: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class InvalidLexicon(InnovpubError):
    """A lexicon file that is missing or malformed."""


class DatasetNotFound(InnovpubError):
    """No published dataset where one was expected."""


class QueryRefused(InnovpubError):
    """A query that would change the dataset."""


class CorpusBusy(InnovpubError):
    """Another run holds the output folder."""
