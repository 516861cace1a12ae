from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """Pages in a fixed order (every list orders by a unique key last), so that walking the
    pages gives each row once while nothing changes."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000
