"""Page sizes of the API: ``?page=`` from 1 and ``?page_size=`` up to ``MAX_PAGE_SIZE``."""

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
