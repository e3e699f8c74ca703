"""The governance groups: what each group is, its members, and how the grouping was made."""

from __future__ import annotations

from dash import html

from dashboard.model.classify import CATEGORY_COLORS
from dashboard.model.data import AppData
from dashboard.model.i18n import t
from dashboard.model.numbers import fmt_number
from geodata.groups import group_profiles
from geodata.provenance import method


def groups_section(data: AppData, lang: str) -> html.Section:
    """One block per group with its profile and member list, plus the method."""
    units = data.units.reset_index()
    blocks = []
    for group, p in group_profiles(units).iterrows():
        members = units[units["group"] == group].sort_values("full_name")["full_name"]
        profile = t("group_profile", lang).format(
            n=p["n"],
            wards=p["n_wards"],
            communes=p["n"] - p["n_wards"],
            pop=fmt_number(p["pop_median"], 0, lang),
            area=fmt_number(p["area_median"], 1, lang),
            density=fmt_number(p["density_median"], 0, lang),
        )
        blocks.append(
            html.Div(
                [
                    html.H4(
                        [
                            html.Span(
                                className="swatch",
                                style={"background": CATEGORY_COLORS[int(group) - 1]},
                            ),
                            f"{int(group)}. {p['name_en'] if lang == 'en' else p['name_vi']}",
                        ]
                    ),
                    html.P(profile),
                    html.Details(
                        [
                            html.Summary(f"{t('members', lang)} ({p['n']})"),
                            html.P(", ".join(members)),
                        ]
                    ),
                ],
                className="group",
            )
        )
    return html.Section(
        [
            html.H3(t("groups_title", lang)),
            html.P(
                [
                    method("group").text(lang),
                    " ",
                    html.A(
                        t("groups_show", lang),
                        href=f"?lang={lang}&indicator=group&scheme=quantiles",
                    ),
                ]
            ),
            html.Div(blocks, className="groups"),
        ],
        className="groups-section",
    )
