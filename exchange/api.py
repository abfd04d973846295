"""/api/v1/networks/{id}/export.xlsx, .csv.zip and .json: the export page's files.

The same rule as the page (exchange.permissions): outsiders 404, members who may not
export 403. The file is in the language of ``Accept-Language``. Whatever ``Accept``
says, the answer is the file (or a problem document), so these views do not
negotiate: a client asking for ``application/json`` of a workbook gets the workbook."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpResponseBase
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from exchange.export import CSV, JSON, XLSX, Format, export_response
from exchange.permissions import get_exportable_network


class FileOrProblem(BaseContentNegotiation):
    """The file is the answer; an error is a problem document (JSON)."""

    def select_renderer(self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None) -> Any:
        return renderers[0], renderers[0].media_type

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None


LANGUAGE = OpenApiParameter(
    "Accept-Language",
    str,
    OpenApiParameter.HEADER,
    description="kk, ru or en: the language of the column headings and of the labels of roles, kinds and statuses",
)


class ExportView(APIView):
    content_negotiation_class = FileOrProblem
    fmt: ClassVar[Format]

    def get(self, request: Request, network_pk: int) -> HttpResponseBase:
        access = get_exportable_network(request.user, int(network_pk))
        return export_response(access.network, request.user, self.fmt)


def described(fmt: Format, summary: str, schema: Any) -> Any:
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"networks_export_{fmt.key}",
            summary=summary,
            description="The network's schools, members with their roles and certifications, groups and their "
            "members, events and their attendance, the library's list and the awards. Leaders and methodologists "
            "(members with that role, or of the district) only.",
            parameters=[LANGUAGE],
            request=None,
            responses={(200, fmt.media_type): OpenApiResponse(schema, description=summary)},
            tags=["networks"],
        )
    )


@described(XLSX, "The network's records as an Excel workbook", OpenApiTypes.BINARY)
class XlsxExport(ExportView):
    fmt = XLSX


@described(CSV, "The network's records as CSV files (UTF-8 with a BOM) in a ZIP archive", OpenApiTypes.BINARY)
class CsvExport(ExportView):
    fmt = CSV


@described(JSON, "The network's records as JSON", OpenApiTypes.OBJECT)
class JsonExport(ExportView):
    fmt = JSON


urlpatterns = [
    path("networks/<int:network_pk>/export.xlsx", XlsxExport.as_view(), name="network-export-xlsx"),
    path("networks/<int:network_pk>/export.csv.zip", CsvExport.as_view(), name="network-export-csv"),
    path("networks/<int:network_pk>/export.json", JsonExport.as_view(), name="network-export-json"),
]
