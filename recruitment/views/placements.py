"""The client's Placements page (/employers/placements/): the hires made through the agency for their
company, each with its fee and the invoice's status. Only the company's own placements (`CompanyMixin`:
anonymous -> login, other roles -> 403); another company's never appear."""

from __future__ import annotations

from django.utils import timezone
from django.views.generic import ListView

from recruitment.models.placements import Placement
from vacancies.views.employer import CompanyMixin

LIST_PAGE_SIZE = 25


class ClientPlacementListView(CompanyMixin, ListView):
    template_name = "recruitment/placements/client_list.html"
    context_object_name = "placements"
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        return (
            Placement.objects.for_company(self.company.pk)
            .select_related("application__candidate", "application__vacancy")
            .order_by("-hired_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("today", timezone.localdate())
        return super().get_context_data(**kwargs)
