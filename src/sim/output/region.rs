//! The region's map as data, shared by the window's map view and the printed briefs: the projection of
//! `assets/map/northeast-asia.png`, the places of the regional parties' land masks and of the six capitals
//! (the file `assets/map/northeast-asia.region.ron`, written by `assets/scripts/build.py`), and the same
//! land as a small SVG (`assets/map/northeast-asia.svg`). The briefs read the copies compiled into the
//! program; the window reads the files through Bevy's asset server.

use crate::sim::io::locate::SourceMap;
use crate::sim::scenario::Scenario;
use serde::Deserialize;
use std::fmt::Write;

/// The region file, as compiled into the program.
pub const REGION_RON: &str = include_str!("../../../assets/map/northeast-asia.region.ron");

/// The region's land and borders as SVG paths in the map's pixels (one `<g id="land">`; the parties'
/// countries have ids `land-dprk`, …).
pub const LAND_SVG: &str = include_str!("../../../assets/map/northeast-asia.svg");

/// The region's description: the map's projection, the masks' places and the capitals.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// The map's image, relative to the assets folder.
    pub image: String,
    /// Its size in pixels.
    pub width: f32,
    /// Its height in pixels.
    pub height: f32,
    /// Longitudes of its left and right edges.
    pub lon: (f32, f32),
    /// Latitudes of its bottom and top edges.
    pub lat: (f32, f32),
    /// Each regional party's land.
    pub masks: Vec<Mask>,
    /// The capitals.
    pub capitals: Vec<Capital>,
}

/// A party's land as a white mask on the map.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Mask {
    /// The party's id (lower case).
    pub party: String,
    /// The mask's image.
    pub image: String,
    /// Its top-left pixel on the map.
    pub x: f32,
    /// Its top-left pixel on the map.
    pub y: f32,
}

/// A party's capital.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct Capital {
    /// The party's id (lower case).
    pub party: String,
    /// The city.
    pub city: String,
    /// The party and its capital in their own script.
    pub native: String,
    /// Longitude.
    pub lon: f32,
    /// Latitude.
    pub lat: f32,
    /// Its pixel on the map (outside it for an inset).
    pub x: f32,
    /// Its pixel on the map.
    pub y: f32,
    /// Outside the map: drawn as an inset at the map's edge.
    pub inset: bool,
    /// Which side of the marker the name goes.
    #[serde(default)]
    pub label: Side,
    /// The pixel its tests are drawn from, if not the capital.
    #[serde(default)]
    pub site: Option<(f32, f32)>,
}

/// Where a capital's name goes beside its marker.
#[derive(Deserialize, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Side {
    /// Under it.
    #[default]
    Below,
    /// To its left.
    Left,
    /// To its right.
    Right,
}

impl Region {
    /// The capital of a party (by the scenario's id, any case).
    pub fn capital(&self, id: &str) -> Option<&Capital> {
        self.capitals
            .iter()
            .find(|c| c.party.eq_ignore_ascii_case(id))
    }

    /// The map pixel of a place.
    pub fn project(&self, lon: f32, lat: f32) -> (f32, f32) {
        let kx = libm::cosf(40f32.to_radians());
        let scale = self.width / ((self.lon.1 - self.lon.0) * kx);
        ((lon - self.lon.0) * kx * scale, (self.lat.1 - lat) * scale)
    }

    /// The region compiled into the program (none if that copy were broken: the tests read it).
    pub fn compiled() -> Option<Region> {
        Region::parse("assets/map/northeast-asia.region.ron", REGION_RON).ok()
    }

    /// The part of the map that matters for a scenario: the capitals on the map and their test sites,
    /// with a margin, within the map (left, top, right, bottom, in pixels).
    pub fn focus(&self, scn: &Scenario) -> (f32, f32, f32, f32) {
        let mut pts: Vec<(f32, f32)> = Vec::new();
        for p in &scn.parties {
            if let Some(c) = self.capital(&p.id).filter(|c| !c.inset) {
                pts.push((c.x, c.y));
                pts.extend(c.site);
            }
        }
        if pts.is_empty() {
            return (
                self.width * 0.25,
                self.height * 0.25,
                self.width * 0.75,
                self.height * 0.75,
            );
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for (x, y) in pts {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        (
            (x0 - 220.0).max(0.0),
            (y0 - 170.0).max(0.0),
            (x1 + 260.0).min(self.width),
            (y1 + 150.0).min(self.height),
        )
    }

    /// Reads a region file's text: a located message (file, line, column, field) if it is malformed.
    pub fn parse(file: &str, text: &str) -> Result<Region, String> {
        let region: Region =
            crate::sim::io::ron::parse_ron(file, text, &SourceMap::scan(text), "region")
                .map_err(|d| d.to_string())?;
        region.check(file)?;
        Ok(region)
    }

    fn check(&self, file: &str) -> Result<(), String> {
        if !(self.width >= 16.0 && self.height >= 16.0) {
            return Err(format!(
                "{file}: width and height must be at least 16 pixels"
            ));
        }
        if self.lon.0 >= self.lon.1 || self.lat.0 >= self.lat.1 {
            return Err(format!("{file}: lon and lat must each go from low to high"));
        }
        for c in &self.capitals {
            if !c.x.is_finite() || !c.y.is_finite() {
                return Err(format!(
                    "{file}: capitals: {}: x and y must be numbers",
                    c.city
                ));
            }
        }
        Ok(())
    }
}

/// A printable map of the region for a delegation's brief: light land on a pale sea, the delegation's own
/// country in its colour, every capital on the map marked and named, and the capitals off it (Washington,
/// Moscow) named at the edge that faces them. `None` if the compiled region cannot be read.
pub fn brief_map(scn: &Scenario, p: u8) -> Option<String> {
    let r = Region::compiled()?;
    let (x0, y0, x1, y1) = r.focus(scn);
    let (w, h) = (x1 - x0, y1 - y0);
    let own = &scn.parties[p as usize];
    let hex = |c: [u8; 3]| format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{x0:.0} {y0:.0} {w:.0} {h:.0}\" \
         role=\"img\" aria-label=\"Map of the region\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\
         <style>#land{{fill:#f1eee6;stroke:#9a958a}}#land-{}{{fill:{};fill-opacity:.55}}</style>\
         <rect x=\"{x0:.0}\" y=\"{y0:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" fill=\"#dce8f0\"/>",
        own.id.to_lowercase(),
        hex(own.colour)
    );
    for line in LAND_SVG.lines().filter(|l| !l.starts_with("<!--")) {
        o.push_str(line);
    }
    for q in &scn.parties {
        let Some(c) = r.capital(&q.id) else { continue };
        let label = format!("{} · {}", q.id, c.city);
        if c.inset {
            let lon = if c.lon < 0.0 { c.lon + 360.0 } else { c.lon };
            let east = lon > (r.lon.0 + r.lon.1) / 2.0;
            let (x, anchor, arrow) = if east {
                (x1 - 12.0, "end", format!("{label} →"))
            } else {
                (x0 + 12.0, "start", format!("← {label}"))
            };
            let y = if c.lat > r.lat.1 {
                y0 + 40.0
            } else {
                c.y.clamp(y0 + 40.0, y1 - 20.0)
            };
            let _ = write!(
                o,
                "<text x=\"{x:.0}\" y=\"{y:.0}\" font-size=\"30\" text-anchor=\"{anchor}\" fill=\"{}\" \
                 font-weight=\"bold\">{}</text>",
                hex(q.colour),
                super::doc::esc(&arrow)
            );
        } else {
            let (tx, ty, anchor) = match c.label {
                Side::Below => (c.x, c.y + 44.0, "middle"),
                Side::Left => (c.x - 20.0, c.y + 10.0, "end"),
                Side::Right => (c.x + 20.0, c.y + 10.0, "start"),
            };
            let _ = write!(
                o,
                "<circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"11\" fill=\"{}\" stroke=\"#1b1b1b\" stroke-width=\"3\"/>\
                 <text x=\"{tx:.0}\" y=\"{ty:.0}\" font-size=\"30\" text-anchor=\"{anchor}\" fill=\"#1b1b1b\">{}</text>",
                c.x,
                c.y,
                hex(q.colour),
                super::doc::esc(&label)
            );
        }
    }
    o.push_str("</svg>");
    Some(o)
}
