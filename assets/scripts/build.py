#!/usr/bin/env python3
"""Builds the window's assets from their openly licensed sources (see assets/CREDITS.md).

Run from the repository's root:  python3 assets/scripts/build.py

What it needs (none of it at build or run time of the game, which reads only the committed output):
  - npm (the registry's tarballs of flag-icons and world-atlas, at the versions pinned below);
  - Debian's librsvg2-bin (rsvg-convert: the flags' SVGs into PNGs), fonts-noto-cjk (the CJK font) and
    fonts-dejavu-core (the glyphs of the move icons);
  - Python's Pillow and fontTools (pip install pillow fonttools).

What it writes, all under assets/:
  flags/<party>.png           the six flags, 4:3, 120x90
  map/northeast-asia.png      the region's land, borders and coasts on the sea (equirectangular, scaled
                              by cos 40 degrees), the window's map view
  map/<party>.png             each regional party's land as a white mask, cropped, tinted by the game
  map/northeast-asia.svg      the same land and borders as a small SVG (simplified), for the printed briefs
  map/northeast-asia.region.ron  the projection, the masks' places and the capitals (lon, lat and pixel)
  icons/<move>.png            one white 64x64 glyph per move kind, tinted by the game
  fonts/NotoSansCJKkr-subset.otf  Noto Sans CJK KR cut to the characters the window shows (Latin, the
                              translation files' characters and the parties' names in their own scripts)
"""

import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile

from fontTools import subset as ftsubset
from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ASSETS = os.path.join(ROOT, "assets")

FLAG_ICONS = "flag-icons@7.5.0"
WORLD_ATLAS = "world-atlas@2.0.2"
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_CJK_KR = 1  # the face's index in the collection: Noto Sans CJK KR
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# The parties: id in the scenarios, ISO 3166 alpha-2 (flag-icons) and numeric (Natural Earth) codes,
# capital and its place.
PARTIES = [
    ("dprk", "kp", "408", "Pyongyang", 125.75, 39.02),
    ("usa", "us", "840", "Washington", -77.04, 38.91),
    ("chn", "cn", "156", "Beijing", 116.40, 39.90),
    ("rok", "kr", "410", "Seoul", 126.98, 37.57),
    ("jpn", "jp", "392", "Tokyo", 139.69, 35.69),
    ("rus", "ru", "643", "Moscow", 37.62, 55.76),
]
# Each party's name and capital in its own script, as the map labels them.
NATIVE = {
    "dprk": "조선 · 평양",
    "usa": "United States · Washington",
    "chn": "中国 · 北京",
    "rok": "대한민국 · 서울",
    "jpn": "日本 · 東京",
    "rus": "Россия · Москва",
}
# Where a party's tests are drawn from: the DPRK's nuclear test site (Punggye-ri) and missile base
# (Musudan-ri), whatever the scenario's date.
SITES = {"dprk": (129.08, 41.28)}
# Which side of its marker a capital's name goes, where the default (below) would run into a neighbour.
LABELS = {"dprk": "left", "rok": "right"}

# The map: longitude and latitude bounds, and its width in pixels.
LON0, LON1, LAT0, LAT1 = 106.0, 152.0, 24.0, 50.0
WIDTH = 2048
KX = math.cos(math.radians(40.0))
SCALE = WIDTH / ((LON1 - LON0) * KX)
HEIGHT = round((LAT1 - LAT0) * SCALE)
SUPER = 2  # drawn at twice the size, then reduced: smooth coasts

SEA = (20, 34, 44)
LAND = (58, 66, 60)
BORDER = (110, 118, 108)
COAST = (92, 112, 120)
GRID = (30, 48, 60)

# The move kinds' icons: a DejaVu Sans glyph each.
ICONS = {
    "wait": "\u231b",  # hourglass
    "conciliatory_statement": "\u2618",  # shamrock: a softer word
    "hardline_statement": "\u26a0",  # warning sign
    "envoy_visit": "\u2708",  # aeroplane
    "bilateral_meeting": "\u260e",  # telephone
    "call_for_talks": "\u2709",  # envelope
    "attend": "\u2714",  # heavy check mark
    "boycott": "\u2718",  # heavy ballot x
    "propose_package": "\u2709",
    "concede": "\u2193",  # downwards arrow
    "hold_firm": "\u25a0",  # black square
    "walk_out": "\u21b7",  # clockwise arrow: out of the room
    "impose_sanctions": "\u2696",  # scales
    "ease_sanctions": "\u2697",  # alembic: loosening
    "offer_aid": "\u2615",  # hot beverage
    "missile_test": "\u2604",  # comet
    "nuclear_test": "\u2622",  # radioactive sign
    "military_drill": "\u2694",  # crossed swords
    "mediate": "\u262f",  # yin yang
    "sign": "\u270d",  # writing hand
    "refuse": "\u2716",  # heavy multiplication x
    "leave_talks": "\u21e5",  # rightwards arrow to bar
    "expel_inspectors": "\u2620",  # skull and crossbones
    "restart_facility": "\u2699",  # gear
}

# The parties' names in their own scripts: the map and the Korean interface show them.
OWN_NAMES = "조선민주주의인민공화국 美國 中国 대한민국 日本 Россия 北朝鮮 북한 미국 중국 한국 일본 러시아 " + " ".join(NATIVE.values())


def run(cmd, **kw):
    print("  $", " ".join(cmd))
    subprocess.run(cmd, check=True, **kw)


def npm_package(spec, into):
    """The registry's tarball of `spec`, unpacked into `into`; returns the package's folder."""
    run(["npm", "pack", "--silent", spec], cwd=into, stdout=subprocess.DEVNULL)
    name = spec.split("@")[0] + "-" + spec.split("@")[1] + ".tgz"
    out = os.path.join(into, spec.split("@")[0])
    with tarfile.open(os.path.join(into, name)) as tar:
        tar.extractall(out, filter="data")
    return os.path.join(out, "package")


def flags(pkg):
    os.makedirs(os.path.join(ASSETS, "flags"), exist_ok=True)
    for pid, a2, _, _, _, _ in PARTIES:
        svg = os.path.join(pkg, "flags", "4x3", a2 + ".svg")
        png = os.path.join(ASSETS, "flags", pid + ".png")
        run(["rsvg-convert", "-w", "120", "-h", "90", "-o", png, svg])


def project(lon, lat):
    """Pixel of a place on the map (origin top left)."""
    return ((lon - LON0) * KX * SCALE, (LAT1 - lat) * SCALE)


def topo_polygons(topo, geom):
    """The rings (lists of (lon, lat)) of a TopoJSON geometry, grouped by polygon."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]

    def arc(i):
        pts, x, y = [], 0, 0
        for dx, dy in topo["arcs"][i if i >= 0 else ~i]:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        return pts if i >= 0 else pts[::-1]

    def ring(indices):
        out = []
        for i in indices:
            pts = arc(i)
            out.extend(pts if not out else pts[1:])
        return out

    if geom["type"] == "Polygon":
        return [[ring(r) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[ring(r) for r in poly] for poly in geom["arcs"]]
    return []


def draw_polygon(draw, poly, fill, outline=None, width=1):
    """A polygon with holes, drawn on a canvas SUPER times the map's size."""
    for k, r in enumerate(poly):
        pts = [(x * SUPER, y * SUPER) for x, y in (project(lon, lat) for lon, lat in r)]
        if len(pts) < 3:
            continue
        draw.polygon(pts, fill=fill if k == 0 else SEA)
    if outline:
        for r in poly:
            pts = [(x * SUPER, y * SUPER) for x, y in (project(lon, lat) for lon, lat in r)]
            draw.line(pts + pts[:1], fill=outline, width=width * SUPER)


def in_view(poly):
    lons = [p[0] for p in poly[0]]
    lats = [p[1] for p in poly[0]]
    return max(lons) > LON0 - 5 and min(lons) < LON1 + 5 and max(lats) > LAT0 - 5 and min(lats) < LAT1 + 5


def region_map(pkg):
    os.makedirs(os.path.join(ASSETS, "map"), exist_ok=True)
    with open(os.path.join(pkg, "countries-50m.json")) as f:
        topo = json.load(f)
    big = Image.new("RGB", (WIDTH * SUPER, HEIGHT * SUPER), SEA)
    draw = ImageDraw.Draw(big)
    # The graticule, every 5 degrees.
    for lon in range(110, 152, 5):
        x, _ = project(lon, LAT0)
        draw.line([(x * SUPER, 0), (x * SUPER, HEIGHT * SUPER)], fill=GRID, width=SUPER)
    for lat in range(25, 50, 5):
        _, y = project(LON0, lat)
        draw.line([(0, y * SUPER), (WIDTH * SUPER, y * SUPER)], fill=GRID, width=SUPER)
    countries = topo["objects"]["countries"]["geometries"]
    shapes = {}
    for g in countries:
        polys = [p for p in topo_polygons(topo, g) if in_view(p)]
        if polys:
            shapes[g.get("id")] = polys
    for polys in shapes.values():
        for p in polys:
            draw_polygon(draw, p, LAND)
    for polys in shapes.values():
        for p in polys:
            draw_polygon(draw, p, None, outline=BORDER, width=1)
    write_svg(shapes)
    img = big.resize((WIDTH, HEIGHT), Image.LANCZOS)
    img.save(os.path.join(ASSETS, "map", "northeast-asia.png"), optimize=True)

    masks = []
    for pid, _, num, _, _, _ in PARTIES:
        if num not in shapes:
            continue
        m = Image.new("L", (WIDTH * SUPER, HEIGHT * SUPER), 0)
        md = ImageDraw.Draw(m)
        for p in shapes[num]:
            for k, r in enumerate(p):
                pts = [(x * SUPER, y * SUPER) for x, y in (project(lon, lat) for lon, lat in r)]
                if len(pts) >= 3:
                    md.polygon(pts, fill=255 if k == 0 else 0)
        m = m.resize((WIDTH, HEIGHT), Image.LANCZOS)
        box = m.getbbox()
        if not box:
            continue
        m = m.crop(box)
        rgba = Image.new("RGBA", m.size, (255, 255, 255, 0))
        rgba.putalpha(m)
        rgba.save(os.path.join(ASSETS, "map", pid + ".png"), optimize=True)
        masks.append((pid, box))

    lines = [
        "// Written by assets/scripts/build.py: do not edit by hand.",
        "// The map's projection: equirectangular, x scaled by cos 40 degrees; pixels from the top left.",
        "(",
        "    image: \"map/northeast-asia.png\",",
        f"    width: {WIDTH},",
        f"    height: {HEIGHT},",
        f"    lon: ({LON0:.1f}, {LON1:.1f}),",
        f"    lat: ({LAT0:.1f}, {LAT1:.1f}),",
        "    // Each regional party's land: its mask and the mask's top-left pixel on the map.",
        "    masks: [",
    ]
    for pid, box in masks:
        lines.append(f"        (party: \"{pid}\", image: \"map/{pid}.png\", x: {box[0]}, y: {box[1]}),")
    lines += ["    ],", "    // The capitals: on the map, or (outside it) drawn as an inset at its edge.", "    capitals: ["]
    for pid, _, _, city, lon, lat in PARTIES:
        x, y = project(lon, lat)
        inside = 0 <= x <= WIDTH and 0 <= y <= HEIGHT
        site = ""
        if pid in SITES:
            sx, sy = project(*SITES[pid])
            site = f", site: ({sx:.1f}, {sy:.1f})"
        lines.append(
            f"        (party: \"{pid}\", city: \"{city}\", native: \"{NATIVE[pid]}\", lon: {lon:.2f}, "
            f"lat: {lat:.2f}, x: {x:.1f}, y: {y:.1f}, inset: {'false' if inside else 'true'}, "
            f"label: {LABELS.get(pid, 'below').capitalize()}{site}),"
        )
    lines += ["    ],", ")", ""]
    with open(os.path.join(ASSETS, "map", "northeast-asia.region.ron"), "w") as f:
        f.write("\n".join(lines))


def simplify(points, tolerance):
    """Douglas-Peucker on a list of (x, y)."""
    if len(points) < 3:
        return points
    (x0, y0), (x1, y1) = points[0], points[-1]
    dx, dy = x1 - x0, y1 - y0
    norm = math.hypot(dx, dy) or 1e-9
    far, at = -1.0, 0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        d = abs(dy * (px - x0) - dx * (py - y0)) / norm if norm > 1e-9 else math.hypot(px - x0, py - y0)
        if d > far:
            far, at = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: at + 1], tolerance)[:-1] + simplify(points[at:], tolerance)


def write_svg(shapes):
    """The region's land as an SVG in the map's pixels: one path per country (the parties' with their
    ids, for the briefs to colour), simplified to a tolerance of 2 pixels."""
    ids = {num: pid for pid, _, num, _, _, _ in PARTIES}
    out = [
        "<!-- Written by assets/scripts/build.py from Natural Earth (public domain): do not edit by hand. -->",
        f'<g id="land" fill="#{LAND[0]:02x}{LAND[1]:02x}{LAND[2]:02x}" stroke="#{BORDER[0]:02x}{BORDER[1]:02x}{BORDER[2]:02x}" stroke-width="2">',
    ]
    for num, polys in sorted(shapes.items(), key=lambda kv: (kv[0] in ids, str(kv[0]))):
        d = []
        for poly in polys:
            for r in poly:
                pts = [project(lon, lat) for lon, lat in r]
                pts = [(min(max(x, -20), WIDTH + 20), min(max(y, -20), HEIGHT + 20)) for x, y in pts]
                pts = simplify(pts, 2.0)
                area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1])) / 2
                if len(pts) < 3 or abs(area) < 6:
                    continue
                d.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in pts) + "Z")
        if d:
            attr = f' id="land-{ids[num]}"' if num in ids else ""
            out.append(f'<path{attr} d="{"".join(d)}"/>')
    out.append("</g>")
    with open(os.path.join(ASSETS, "map", "northeast-asia.svg"), "w") as f:
        f.write("\n".join(out) + "\n")


def icons():
    os.makedirs(os.path.join(ASSETS, "icons"), exist_ok=True)
    font = ImageFont.truetype(DEJAVU, 52)
    for name, glyph in ICONS.items():
        img = Image.new("L", (64, 64), 0)
        d = ImageDraw.Draw(img)
        l, t, r, b = d.textbbox((0, 0), glyph, font=font)
        d.text(((64 - (r - l)) / 2 - l, (64 - (b - t)) / 2 - t), glyph, font=font, fill=255)
        rgba = Image.new("RGBA", (64, 64), (255, 255, 255, 0))
        rgba.putalpha(img)
        rgba.save(os.path.join(ASSETS, "icons", name + ".png"), optimize=True)


def font():
    os.makedirs(os.path.join(ASSETS, "fonts"), exist_ok=True)
    text = set(chr(c) for c in range(0x20, 0x7F))
    text |= set(chr(c) for c in range(0xA0, 0x180))
    text |= set("–—‘’“”•…·→←↑↓×−±≤≥°€")
    text |= set(OWN_NAMES)
    i18n = os.path.join(ASSETS, "i18n")
    if os.path.isdir(i18n):
        for name in sorted(os.listdir(i18n)):
            with open(os.path.join(i18n, name), encoding="utf-8") as f:
                text |= set(f.read())
    text = "".join(sorted(c for c in text if c.isprintable()))
    out = os.path.join(ASSETS, "fonts", "NotoSansCJKkr-subset.otf")
    opts = ftsubset.Options()
    opts.font_number = NOTO_CJK_KR
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    f = ftsubset.load_font(NOTO_CJK, opts)
    sub = ftsubset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(f)
    ftsubset.save_font(f, out, opts)
    print(f"  font: {len(text)} characters, {os.path.getsize(out)} bytes")


def main():
    steps = sys.argv[1:] or ["flags", "map", "icons", "font"]
    with tempfile.TemporaryDirectory() as tmp:
        if "flags" in steps:
            print("flags from", FLAG_ICONS)
            flags(npm_package(FLAG_ICONS, tmp))
        if "map" in steps:
            print("map from", WORLD_ATLAS)
            region_map(npm_package(WORLD_ATLAS, tmp))
    if "icons" in steps:
        print("icons from DejaVu Sans")
        icons()
    if "font" in steps:
        print("font from Noto Sans CJK KR")
        font()


if __name__ == "__main__":
    main()
