"""The workspace's date-times in the one format, their zone named (accounts.time_zones.local_time): the list
columns and the read-only fields that Django's admin would print as "8 Dec 2026, 09:00", in no zone anyone
could tell. The site (recruitment.admin.site) gives every ModelAdmin registered on it this mixin, so a new
admin needs nothing to show its times right; inlines are covered through the page that holds them.

A date-time field `starts_at` is shown through the admin's attribute `starts_at_in_zone`: same label, same
ordering, the time in the recruiter's zone ("Tue 8 Dec 2026, 10:00 CET (Amsterdam)"). Editable fields keep
their widgets."""

from __future__ import annotations

from django.db import models

from accounts.time_zones import local_time

SUFFIX = "_in_zone"


def _time_fields(model) -> dict[str, models.DateTimeField]:
    return {field.name: field for field in model._meta.get_fields() if isinstance(field, models.DateTimeField)}


def _shown(field: models.DateTimeField):
    def shown(obj):
        return local_time(getattr(obj, field.name, None), style="short") or None

    shown.short_description = field.verbose_name
    shown.admin_order_field = field.name
    return shown


def _give_times(model_admin) -> dict[str, models.DateTimeField]:
    """The model's date-time fields, each with its `<name>_in_zone` display on `model_admin`."""
    fields = _time_fields(model_admin.model)
    for name, field in fields.items():
        if not hasattr(model_admin, name + SUFFIX):
            setattr(model_admin, name + SUFFIX, _shown(field))
    return fields


def _mapped(names, mapping: dict[str, str]):
    return [
        tuple(_mapped(name, mapping)) if isinstance(name, list | tuple) else mapping.get(name, name) for name in names
    ]


def zone_read_only_times(form, model_admin) -> None:
    """Point the read-only date-times of an AdminForm (or an InlineAdminFormSet) at their displays."""
    if form is None:
        return
    times = _give_times(model_admin)
    mapping = {name: name + SUFFIX for name in form.readonly_fields if name in times}
    if not mapping:
        return
    form.readonly_fields = _mapped(form.readonly_fields, mapping)
    form.fieldsets = [
        (title, {**options, "fields": _mapped(options["fields"], mapping)}) for title, options in form.fieldsets
    ]


class ZonedTimesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.zoned_times = _give_times(self)

    def get_list_display(self, request):
        return [
            name + SUFFIX if isinstance(name, str) and name in self.zoned_times else name
            for name in super().get_list_display(request)
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        zone_read_only_times(context.get("adminform"), self)
        for inline in context.get("inline_admin_formsets", ()):
            zone_read_only_times(inline, inline.opts)
        return super().render_change_form(request, context, add, change, form_url, obj)


def with_zoned_times(admin_class):
    """`admin_class` with the mixin (itself when it has it already)."""
    if issubclass(admin_class, ZonedTimesMixin):
        return admin_class
    return type(admin_class.__name__, (ZonedTimesMixin, admin_class), {"__module__": admin_class.__module__})
