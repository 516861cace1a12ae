from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


def _whole_number(request, name: str, largest: int | None = None) -> int | None:
    text = request.query_params.get(name)
    if text is None:
        return None
    if not text.isdigit() or int(text) < 1 or (largest is not None and int(text) > largest):
        message = (
            _("Give a whole number from 1 to %(largest)d.") % {"largest": largest}
            if largest
            else _("Give a whole number from 1.")
        )
        raise ValidationError({name: [message]})
    return int(text)


class Pages(PageNumberPagination):
    """Pages in a fixed order (every list orders by a unique key last), so that walking the
    pages gives each row once while nothing changes. A page or page size that is not a
    whole number in range is refused (400), not quietly replaced."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request):
        return _whole_number(request, self.page_size_query_param, self.max_page_size) or (
            self.page_size
        )

    def paginate_queryset(self, queryset, request, view=None):
        _whole_number(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)
