//! The map view's pieces that need no window: the shipped assets are all there and of the sizes the region
//! file says, every party of every shipped scenario is placed inside the view, a malformed region file is a
//! located message, and the headlines tell the public record and never the back channel.

use crate::common;
use sixparty::app::map::assets::{KNOWN, Region};
use sixparty::app::map::headline::{ending, headline};
use sixparty::app::map::layout::{Layout, MapFit, inset_size, layout};
use sixparty::sim::Simulation;
use sixparty::sim::action::{Action, ActionKind};
use sixparty::sim::state::chronicle::Entry;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn assets() -> PathBuf {
    common::root().join("assets")
}

fn region() -> Region {
    let file = assets().join("map/northeast-asia.region.ron");
    Region::parse(
        "northeast-asia.region.ron",
        &std::fs::read_to_string(file).unwrap(),
    )
    .unwrap()
}

/// A PNG's width and height.
fn png_size(path: &Path) -> (u32, u32) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let info = decoder.read_info().unwrap();
    (info.info().width, info.info().height)
}

#[test]
fn every_asset_the_window_asks_for_is_there_at_the_size_the_region_says() {
    let r = region();
    assert_eq!(
        png_size(&assets().join(&r.image)),
        (r.width as u32, r.height as u32)
    );
    for id in KNOWN {
        assert_eq!(
            png_size(&assets().join(format!("flags/{id}.png"))),
            (120, 90),
            "{id}"
        );
    }
    for m in &r.masks {
        let (w, h) = png_size(&assets().join(&m.image));
        assert!(
            m.x + w as f32 <= r.width && m.y + h as f32 <= r.height,
            "{} off the map",
            m.party
        );
    }
    for k in ActionKind::ALL {
        assert_eq!(
            png_size(&assets().join(format!("icons/{}.png", k.key()))),
            (64, 64)
        );
    }
    let font = std::fs::read(assets().join("fonts/NotoSansCJKkr-subset.otf")).unwrap();
    assert_eq!(&font[..4], b"OTTO", "an OpenType font with CFF outlines");
    let credits = std::fs::read_to_string(assets().join("CREDITS.md")).unwrap();
    for source in [
        "flag-icons",
        "world-atlas",
        "Natural Earth",
        "Noto Sans CJK",
        "DejaVu",
    ] {
        assert!(credits.contains(source), "CREDITS.md names {source}");
    }
}

/// The map's fit for a window of `w`×`h` pixels at text scale `zoom`, as the map view works it out: the
/// focus fitted into the centre left by the side panel (360 points), the top bar (about 75) and the
/// bottom panel (a quarter of the height, 120 to 250 points).
fn fit_for(lay: &Layout, w: f32, h: f32, zoom: f32) -> MapFit {
    let (pw, ph) = (w / zoom, h / zoom);
    let centre = (pw - 360.0, ph - 75.0 - (ph * 0.25).clamp(120.0, 250.0));
    let scale_pts = (centre.0 / lay.focus.width()).min(centre.1 / lay.focus.height());
    MapFit {
        shown: true,
        scale: scale_pts * zoom,
        origin: bevy::math::Vec2::ZERO,
        zoom,
        visible: bevy::math::Rect::default(),
    }
}

#[test]
fn no_inset_covers_a_capital_or_another_inset_from_1280x800_to_4k_and_up_to_scale_1_6() {
    use bevy::math::{Rect, Vec2};
    let r = region();
    for (path, scn) in common::shipped() {
        let sim = Simulation::new(Arc::clone(&scn), 1, false);
        let lay = layout(&r, &sim);
        for (w, h) in [(1280.0, 800.0), (1920.0, 1080.0), (3840.0, 2160.0)] {
            for zoom in [1.0, 1.2, 1.4, 1.6] {
                let fit = fit_for(&lay, w, h, zoom);
                let pts = fit.scale / fit.zoom;
                let p = |px: Vec2| Vec2::new(px.x, -px.y) * pts;
                let offsets = lay.inset_offsets(&fit);
                let size = inset_size(&fit);
                let boxes: Vec<(usize, Rect)> = (0..lay.at.len())
                    .filter(|&k| lay.inset[k])
                    .map(|k| {
                        let c = p(lay.at[k]) + offsets[k] - Vec2::Y * 2.0;
                        (k, Rect::from_center_size(c, size))
                    })
                    .collect();
                let at = format!("{} at {w}x{h}, scale {zoom}", path.display());
                for (k, b) in &boxes {
                    for j in (0..lay.at.len()).filter(|&j| !lay.inset[j]) {
                        // The capital's flag and marker.
                        let flag = Rect::from_center_size(
                            p(lay.at[j]) + Vec2::Y * 26.0,
                            Vec2::new(36.0, 27.0),
                        );
                        let dot = Rect::from_center_size(p(lay.at[j]), Vec2::splat(12.0));
                        assert!(
                            b.intersect(flag).is_empty() && b.intersect(dot).is_empty(),
                            "{at}: {}'s inset covers {} (box {b:?}, flag {flag:?}, view {:?}, points per pixel {pts})",
                            scn.parties[*k].id,
                            scn.parties[j].id,
                            Rect::from_corners(p(lay.focus.min), p(lay.focus.max)),
                        );
                    }
                    for (k2, b2) in &boxes {
                        assert!(
                            k == k2 || b.intersect(*b2).is_empty(),
                            "{at}: the insets of {} and {} overlap",
                            scn.parties[*k].id,
                            scn.parties[*k2].id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn every_party_of_every_shipped_scenario_is_placed_inside_the_view() {
    let r = region();
    let size = bevy::math::Vec2::new(r.width, r.height);
    for (path, scn) in common::shipped() {
        let sim = Simulation::new(Arc::clone(&scn), 1, false);
        let lay = layout(&r, &sim);
        assert!(
            lay.focus.min.x >= 0.0 && lay.focus.min.y >= 0.0,
            "{}",
            path.display()
        );
        assert!(
            lay.focus.max.x <= size.x && lay.focus.max.y <= size.y,
            "{}",
            path.display()
        );
        assert!(lay.focus.width() > 400.0 && lay.focus.height() > 300.0);
        for (k, p) in scn.parties.iter().enumerate() {
            assert!(
                lay.focus.contains(lay.at[k]),
                "{}: {} at {:?}",
                path.display(),
                p.id,
                lay.at[k]
            );
            assert!(
                lay.focus.contains(lay.site[k]),
                "{}: {}'s site",
                path.display(),
                p.id
            );
        }
        // Washington and Moscow are insets; the four in the region are at their capitals.
        let inset: Vec<&str> = scn
            .parties
            .iter()
            .enumerate()
            .filter(|(k, _)| lay.inset[*k])
            .map(|(_, p)| p.id.as_str())
            .collect();
        assert_eq!(inset, ["USA", "RUS"], "{}", path.display());
        // No two markers on top of each other.
        for a in 0..lay.at.len() {
            for b in a + 1..lay.at.len() {
                assert!(lay.at[a].distance(lay.at[b]) > 40.0, "{a} and {b} overlap");
            }
        }
        assert_eq!(
            lay.venue,
            bevy::math::Vec2::new(r.capital("chn").unwrap().x, r.capital("chn").unwrap().y)
        );
    }
}

#[test]
fn a_malformed_region_file_is_a_located_message() {
    let text = std::fs::read_to_string(assets().join("map/northeast-asia.region.ron")).unwrap();
    let bad = text.replace("width: 2048", "width: wide");
    let err = Region::parse("assets/map/northeast-asia.region.ron", &bad).unwrap_err();
    assert!(
        err.starts_with("assets/map/northeast-asia.region.ron:"),
        "{err}"
    );
    let line = text
        .lines()
        .position(|l| l.contains("width: 2048"))
        .unwrap()
        + 1;
    assert!(err.contains(&format!(":{line}:")), "line {line}: {err}");
    assert!(err.contains("width"), "{err}");
    let bad = text.replace("lon: (106.0, 152.0)", "lon: (152.0, 106.0)");
    let err = Region::parse("r.region.ron", &bad).unwrap_err();
    assert!(err.contains("low to high"), "{err}");
    let bad = text.replacen("inset: false", "inset: false, altitude: 3", 1);
    assert!(
        Region::parse("r.region.ron", &bad)
            .unwrap_err()
            .contains("altitude")
    );
}

#[test]
fn headlines_tell_the_public_record_and_never_the_back_channel() {
    let r = region();
    let scn = common::scenario("nov2006.ron");
    let mut tests = 0;
    let mut envoys = 0;
    for seed in 1..=40 {
        let mut sim = Simulation::new(Arc::clone(&scn), seed, true);
        while !sim.is_finished() {
            sim.step();
        }
        let lay = layout(&r, &sim);
        for e in sim.log.as_deref().unwrap_or(&[]) {
            let h = headline(&sim, &lay.city, e);
            match e {
                Entry::Move {
                    action: Action::MissileTest | Action::NuclearTest,
                    ..
                } => {
                    let h = h.expect("a test makes a headline");
                    assert!(h.moment, "{}", h.text);
                    assert!(h.text.starts_with("Pyongyang"), "{}", h.text);
                    tests += 1;
                }
                Entry::Move {
                    party,
                    action: Action::EnvoyVisit { to },
                    ..
                } => {
                    let h = h.expect("an envoy makes a headline");
                    assert_eq!(
                        h.text,
                        format!(
                            "{} sends its envoy to {}",
                            lay.city[*party as usize], lay.city[*to as usize]
                        )
                    );
                    envoys += 1;
                }
                Entry::Move {
                    action: Action::Wait,
                    ..
                }
                | Entry::Verdicts { .. } => assert!(h.is_none()),
                _ => {}
            }
        }
        let end = ending(&sim).expect("a finished run has an ending");
        assert!(end.moment && !end.text.is_empty());
    }
    assert!(tests > 0 && envoys > 0, "tests {tests}, envoys {envoys}");
    // The back channel is private: no note or offer is ever a headline.
    let sim = Simulation::new(Arc::clone(&scn), 1, true);
    let note = Entry::Note {
        day: 3,
        from: 1,
        to: 0,
        text: "secret".into(),
        offer: None,
    };
    assert!(headline(&sim, &layout(&r, &sim).city, &note).is_none());
}
