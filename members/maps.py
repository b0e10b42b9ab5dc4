"""The oblast map, drawn on the server as inline SVG from the shipped OpenStreetMap boundaries.

No tiles, no script: the boundaries in members/data/kharkiv-boundaries.geojson (© OpenStreetMap
contributors, ODbL) are projected once per process and per size, and each page only joins them
with the councils' membership.
"""

import csv
import functools
import json
import math
from dataclasses import dataclass
from types import MappingProxyType

from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import cache
from members.katottg import DATA_DIR, ENGLISH_NAMES_FILE
from members.overview import oblast_overview

BOUNDARIES_FILE = DATA_DIR / "kharkiv-boundaries.geojson"
# A degree of longitude is shorter than one of latitude at Kharkiv's latitude: without this
# the oblast looks stretched sideways.
LONGITUDE_SCALE = math.cos(math.radians(49.5))
FULL_WIDTH = 1000
SMALL_WIDTH = 300


@dataclass(frozen=True)
class Shape:
    code: str
    name_uk: str
    name_en: str
    path: str
    raion_code: str = ""
    label_x: int = 0
    label_y: int = 0

    @property
    def name(self):
        return self.name_en if get_language() == "en" and self.name_en else self.name_uk


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    raions: tuple
    hromadas: tuple

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def _path(rings, project):
    """Rings as an SVG path with whole-number relative steps (a few characters a point)."""
    parts = []
    for ring in rings:
        points = []
        for lon, lat in ring:
            point = project(lon, lat)
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 4:  # too small to see at this size
            continue
        (x, y), steps = points[0], []
        for px, py in points[1:]:
            steps.append(f"{px - x} {py - y}")
            x, y = px, py
        parts.append(f"M{points[0][0]} {points[0][1]}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


@functools.cache
def geometry(width=FULL_WIDTH):
    with open(BOUNDARIES_FILE, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    with open(ENGLISH_NAMES_FILE, encoding="utf-8", newline="") as handle:
        points = {r["katottg"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(handle)}
    coordinates = [c for feature in features for ring in _rings(feature["geometry"]) for c in ring]
    west = min(lon for lon, _lat in coordinates)
    east = max(lon for lon, _lat in coordinates)
    south = min(lat for _lon, lat in coordinates)
    north = max(lat for _lon, lat in coordinates)
    scale = (width - 2) / ((east - west) * LONGITUDE_SCALE)
    height = math.ceil((north - south) * scale) + 2

    def project(lon, lat):
        return (
            round((lon - west) * LONGITUDE_SCALE * scale) + 1,
            round((north - lat) * scale) + 1,
        )

    raions, hromadas = [], []
    for feature in features:
        properties = feature["properties"]
        code = properties["katottg"]
        label_x, label_y = project(*points[code]) if code in points else (0, 0)
        shape = Shape(
            code=code,
            name_uk=properties["name_uk"],
            name_en=properties.get("name_en", ""),
            # Only digits, spaces and path letters: nothing for the template to escape.
            path=mark_safe(_path(_rings(feature["geometry"]), project)),
            raion_code=properties.get("raion_katottg", ""),
            label_x=label_x,
            label_y=label_y,
        )
        (raions if properties["level"] == "raion" else hromadas).append(shape)
    return Geometry(width, height, tuple(raions), tuple(hromadas))


def _area(shape, state, name, url=""):
    """A hromada as the map draws it: a read-only mapping (templates read a mapping fastest).

    state: "member", "not-member", "unknown" or "highlighted"; url: its council's page, when
    it has a council (the area is then a link)."""
    return MappingProxyType({"path": shape.path, "state": state, "name": name, "url": url})


@dataclass(frozen=True)
class OblastMap:
    geometry: Geometry
    areas: tuple
    raion_labels: tuple  # (x, y, name)
    linked: bool = False  # its areas link to their councils


def registry_map():
    """The full map: every hromada coloured by its council's membership.

    Made once per content version, language, script prefix (its links are of both) and process
    (core.cache.per_version), from the oblast overview (the same per version); shared between
    requests: nobody may change it."""
    key = ("members.registry_map", get_language(), get_script_prefix())
    return cache.per_version(key, lambda: _registry_map(oblast_overview()))


def _registry_map(overview):
    shapes = geometry(FULL_WIDTH)
    areas = []
    for shape in shapes.hromadas:
        unit = overview.units.get(shape.code)
        council = getattr(unit, "council", None) if unit is not None else None
        if council is not None:
            state = "member" if council.is_member else "not-member"
            areas.append(_area(shape, state, council.name, council.get_absolute_url()))
        else:
            areas.append(_area(shape, "unknown", unit.name if unit is not None else shape.name))
    labels = []
    for shape in shapes.raions:
        if shape.label_x:
            unit = overview.units.get(shape.code)
            labels.append((shape.label_x, shape.label_y, unit.name if unit else shape.name))
    linked = any(area["url"] for area in areas)
    return OblastMap(shapes, tuple(areas), tuple(labels), linked)


def locator_map(unit_code):
    """A small map that shows where one unit is (a hromada, or a raion's hromadas)."""
    return _locator_map(unit_code, get_language())


@functools.lru_cache(maxsize=512)
def _locator_map(unit_code, language):
    # Of the shipped boundaries only, with their names: one per unit and language, per process.
    shapes = geometry(SMALL_WIDTH)
    areas = tuple(
        _area(
            shape,
            "highlighted" if unit_code in (shape.code, shape.raion_code) else "unknown",
            shape.name,
        )
        for shape in shapes.hromadas
    )
    return OblastMap(shapes, areas, ())
