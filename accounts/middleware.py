"""Staff work in the language they chose in their profile."""

from django.urls import reverse
from django.utils import translation


class StaffLanguageMiddleware:
    """In the admin and the profile, speak the signed-in staff member's ``language``.

    The public site keeps its own switch (``LocaleMiddleware``): a member of staff who
    reads it in English still works in Dutch if that is what their profile says.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._is_workplace(request.path):
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)

    @staticmethod
    def _is_workplace(path: str) -> bool:
        return path.startswith((reverse("admin:index"), reverse("accounts:profile")))
