from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (at most 100); responses carry ``count``."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
