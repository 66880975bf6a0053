"""SVG and PDF: the same map state drawn as true vectors with geopandas and matplotlib.

Text stays text (SVG fonttype 'none', PDF TrueType embedding) in the bundled Japanese font, so
names stay selectable and editable in slide software.
"""

import math
from pathlib import Path

from pyproj import Geod

from desktop.export.spec import ExportSpec, default_title, source_caption
from desktop.fonts import FONT_FAMILY, japanese_font_path
from desktop.page_data import UNWRAP_WEST_OF, great_circle
from geodata import Dataset, bureau_summaries, run_query

DPI = 100
GEOD = Geod(ellps="WGS84")
NICE_LENGTHS_KM = (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)


def _matplotlib():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    font_manager.fontManager.addfont(str(japanese_font_path()))
    matplotlib.rcParams.update({
        "font.family": FONT_FAMILY, "svg.fonttype": "none", "pdf.fonttype": 42,
        "axes.unicode_minus": False,
    })
    return pyplot


def frame_bounds(ds: Dataset, spec: ExportSpec) -> tuple[float, float, float, float]:
    """(west, south, east, north) the export shows: window bounds, bureau, Japan, or partners."""
    if spec.bounds:
        (south, west), (north, east) = spec.bounds
        return west, south, east, north
    if spec.filter.bureau_id and not spec.show_tieups:
        west, south, east, north = ds.bureaus.set_index("bureau_id").loc[
            [spec.filter.bureau_id]].total_bounds
    else:
        west, south, east, north = ds.prefectures.total_bounds
    if spec.show_tieups:
        tieups = run_query(ds, spec.filter.scope).tieups
        for point in tieups.geometry:
            lon = point.x + 360 if point.x < UNWRAP_WEST_OF else point.x
            west, east = min(west, lon), max(east, lon)
            south, north = min(south, point.y), max(north, point.y)
    pad_x, pad_y = (east - west) * 0.05, (north - south) * 0.05
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def _fit_aspect(bounds, width: int, height: int):
    """Grow the bounds so the map keeps its shape (cos-latitude scaling) in width × height."""
    west, south, east, north = bounds
    mid = math.radians((south + north) / 2)
    map_w, map_h = (east - west) * math.cos(mid), north - south
    target = width / height
    if map_w / map_h < target:
        grow = (map_h * target / math.cos(mid) - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = ((east - west) * math.cos(mid) / target - map_h) / 2
        south, north = south - grow, north + grow
    return west, south, east, north, 1 / math.cos(mid)


def _scale_bar(ax, west, south, east, north) -> None:
    lat = south + (north - south) * 0.08
    width_km = GEOD.inv(west, lat, east, lat)[2] / 1000
    length = max((n for n in NICE_LENGTHS_KM if n <= width_km / 5), default=NICE_LENGTHS_KM[0])
    lon_end, _lat, _az = GEOD.fwd(west + (east - west) * 0.03, lat, 90, length * 1000)
    x0 = west + (east - west) * 0.03
    ax.plot([x0, lon_end], [lat, lat], color="#222222", linewidth=3, solid_capstyle="butt",
            zorder=20)
    ax.text((x0 + lon_end) / 2, lat + (north - south) * 0.012, f"{length:,} km",
            ha="center", va="bottom", fontsize=11, color="#222222", zorder=20)


def draw_figure(ds: Dataset, spec: ExportSpec):
    """A matplotlib figure of the spec's map state, ready to save."""
    pyplot = _matplotlib()
    from matplotlib.lines import Line2D

    width, height = spec.size
    fig = pyplot.figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    ax = fig.add_axes([0, 0, 1, 1])
    west, south, east, north, aspect = _fit_aspect(frame_bounds(ds, spec), width, height)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(aspect)
    ax.set_axis_off()
    flt = spec.filter
    if spec.show_tieups:
        ds.countries.plot(ax=ax, color="#e4e4e0", edgecolor="white", linewidth=0.4, zorder=1)
    counts = bureau_summaries(ds, flt).set_index("bureau_id")["projects"]
    for row in ds.bureaus.itertuples():
        selected = row.bureau_id == flt.bureau_id
        alpha = 0.85 if selected else (0.22 if counts.get(row.bureau_id, 0) == 0 else 0.6)
        ds.bureaus[ds.bureaus["bureau_id"] == row.bureau_id].plot(
            ax=ax, color=row.color or "#dddddd", alpha=alpha, zorder=2)
        ds.bureaus[ds.bureaus["bureau_id"] == row.bureau_id].boundary.plot(
            ax=ax, color="#1d2b3a" if selected else "#7d8a99",
            linewidth=2.4 if selected else 0.6, zorder=4 if selected else 3)
    ds.prefectures.boundary.plot(ax=ax, color="#8d949c", linewidth=0.35, zorder=3)
    scope = run_query(ds, flt.scope)
    if spec.show_tieups:
        origin = {row.project_id: (row.geometry.x, row.geometry.y)
                  for row in ds.projects.itertuples()}
        for row in scope.tieups.itertuples():
            start = origin.get(row.project_id)
            if start:
                arc = great_circle(*start, row.geometry.x, row.geometry.y)
                ax.plot([p[1] for p in arc], [p[0] for p in arc], linewidth=1.2,
                        color=ds.field_colors.get(row.field, "#555555"), alpha=0.8, zorder=5)
                ax.scatter([arc[-1][1]], [arc[-1][0]], s=14, zorder=6,
                           color=ds.field_colors.get(row.field, "#555555"))
    for row in ds.bureaus.itertuples():
        point = max(getattr(row.geometry, "geoms", [row.geometry]),
                    key=lambda part: part.area).representative_point()
        if west <= point.x <= east and south <= point.y <= north:
            ax.text(point.x, point.y, f"{row.name_en}\n{row.name_ja}", ha="center", va="center",
                    fontsize=10, color="#2b3845", zorder=7)
    projects = scope.projects
    shown = [next((f for f in fields if f in flt.fields), fields[0])
             for fields in projects["fields"]]
    colors = [ds.field_colors.get(field_id, "#555555") for field_id in shown]
    ax.scatter(projects.geometry.x, projects.geometry.y, s=60, c=colors, edgecolors="white",
               linewidths=1.2, zorder=8)
    if flt.project_id in set(projects["project_id"]):
        chosen = projects[projects["project_id"] == flt.project_id]
        ax.scatter(chosen.geometry.x, chosen.geometry.y, s=160, facecolors="none",
                   edgecolors="#111111", linewidths=2.5, zorder=9)
    shown_fields = set(shown)
    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=row.color,
                      markeredgecolor="white", label=f"{row.name_en}  {row.name_ja}")
               for row in ds.fields.itertuples() if row.field_id in shown_fields]
    if handles:
        ax.legend(handles=handles, title="Fields", loc="upper right", fontsize=11,
                  title_fontsize=12, framealpha=0.92)
    _scale_bar(ax, west, south, east, north)
    fig.text(0.02, 0.96, spec.title or default_title(ds, flt), fontsize=26,
             color="#1d2b3a", va="top", ha="left")
    fig.text(0.02, 0.015, source_caption(ds, flt, spec.show_tieups), fontsize=9,
             color="#444444", va="bottom", ha="left", wrap=True)
    return fig


def write_vector(ds: Dataset, spec: ExportSpec, path: Path) -> None:
    """Save the figure as SVG or PDF (by spec.format) to ``path``."""
    fig = draw_figure(ds, spec)
    try:
        fig.savefig(path, format=spec.format.lstrip("."), dpi=DPI, facecolor="white")
    finally:
        import matplotlib.pyplot

        matplotlib.pyplot.close(fig)
