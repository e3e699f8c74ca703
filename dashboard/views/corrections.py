"""The "report a correction" page: what to include, and where each source takes corrections."""

from __future__ import annotations

import os

from dash import html

from dashboard.model.i18n import t
from geodata.provenance import SOURCES

CONTACT_ENV = "HANOI_CORRECTIONS_URL"


def source_issue_trackers() -> dict[str, str]:
    """Issue-tracker address of each GitHub source repository."""
    out = {}
    for s in SOURCES.values():
        repo = s.origin.split()[0]
        if repo.startswith("github.com/"):
            out[repo] = f"https://{repo}/issues"
    return out


def corrections_page(lang: str, stamp: str) -> html.Div:
    """Instructions for reporting a correction, with the deployment's contact when configured."""
    contact = os.environ.get(CONTACT_ENV, "")
    return html.Div(
        [
            html.H1(t("corrections_title", lang)),
            html.P(
                [f"{t('corrections_contact', lang)}: ", html.A(contact, href=contact)]
                if contact
                else t("corrections_unset", lang)
            ),
            html.P(t("corrections_help", lang)),
            html.Ul(
                [
                    html.Li(html.A(repo, href=url, rel="noopener"))
                    for repo, url in source_issue_trackers().items()
                ]
            ),
            html.P(f"{t('data_version', lang)} {stamp}."),
            html.P(html.A("← Hà Nội 126", href=f"/?lang={lang}")),
        ],
        className="page corrections",
    )
