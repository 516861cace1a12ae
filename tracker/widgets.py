"""Form widgets for the public filters that render fast at any number of choices.

Django renders each ``<option>`` of a select through a template of its own: a filter with a
few hundred sources and actors cost more than the rest of the list page together. This
select writes the same markup in Python.
"""

from django import forms
from django.utils.html import format_html, format_html_join


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in selected else "", label)
                for option_value, label in self._choices_as_strings()
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, forms.utils.flatatt(attrs), options
        )

    def _choices_as_strings(self):
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # A group: flattened, the filters have none.
                yield from ((v, lbl) for v, lbl in label)
            else:
                yield ("" if option_value is None else str(option_value), label)
