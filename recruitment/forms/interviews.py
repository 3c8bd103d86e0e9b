"""Interview forms: propose slots, reschedule, pick, ask for other times, cancel, feedback.

Times are typed as local date-times in the zone of the person typing (their account's; the site's when they
chose none), which the form names, and stored in UTC. A local time that does not exist (the hour skipped
when clocks go forward) is refused; an ambiguous one (the hour repeated when clocks go back) is read as the
first of the two."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms

from accounts.time_zones import local_time, zone_description, zone_named
from recruitment.models.interviews import Interview
from recruitment.services.interviews import MAX_SLOTS, NOTE_MAX


def aware(local: datetime, zone: ZoneInfo) -> datetime:
    """`local` (naive) in `zone`, or a ValidationError when that wall-clock time does not exist there."""
    candidate = local.replace(tzinfo=zone, fold=0)
    round_trip = candidate.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
    if round_trip != local:
        raise forms.ValidationError(
            f"{local:%-d %b %Y %H:%M} does not exist in {zone_description(zone)}: the clocks go forward then."
        )
    return candidate


class _ZoneMixin(forms.Form):
    """The times are in `user`'s zone; `zone_note` says which, for the form to show."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._zone = zone_named(getattr(user, "time_zone", ""))
        self.zone_note = f"Times in your zone: {zone_description(self._zone)}."

    def zone(self) -> ZoneInfo:
        return self._zone


def _slot_field(label: str, required: bool) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class SlotsForm(_ZoneMixin):
    slot_1 = _slot_field("First time", True)
    slot_2 = _slot_field("Second time (optional)", False)
    slot_3 = _slot_field("Third time (optional)", False)

    def clean(self):
        data = super().clean()
        zone = self.zone()
        slots = []
        for index in range(1, MAX_SLOTS + 1):
            value = data.get(f"slot_{index}")
            if value is None:
                continue
            try:
                slots.append(aware(value.replace(tzinfo=None), zone))
            except forms.ValidationError as exc:
                self.add_error(f"slot_{index}", exc)
        data["slots"] = slots
        return data


class ProposeForm(SlotsForm):
    round = forms.ChoiceField(label="Round", choices=Interview.Round.choices)
    duration_minutes = forms.IntegerField(label="Duration (minutes)", min_value=15, max_value=480, initial=60)
    video_url = forms.URLField(label="Video link", required=False, max_length=500, assume_scheme="https")
    address = forms.CharField(label="Or an address", required=False, max_length=300)
    interviewers = forms.CharField(label="Interviewers' names", required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if not (data.get("video_url") or data.get("address")):
            self.add_error("video_url", "Give a video link or an address.")
        return data


class RescheduleForm(_ZoneMixin):
    starts_at = _slot_field("New time", True)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") is not None:
            try:
                data["starts_at"] = aware(data["starts_at"].replace(tzinfo=None), self.zone())
            except forms.ValidationError as exc:
                self.add_error("starts_at", exc)
        return data


class PickForm(forms.Form):
    slot = forms.TypedChoiceField(label="The time that suits you", coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, slots=(), zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.pk, local_time(slot.starts_at, zone)) for slot in slots]


class NoteForm(forms.Form):
    note = forms.CharField(
        label="A note (optional)", required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeedbackForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Interview.Outcome.choices, widget=forms.RadioSelect)
    feedback = forms.CharField(
        label="Feedback for the agency", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
