//! Self-contained SVG and HTML reports of batches: the outcome shares with their 95% intervals and the
//! share of runs in which talks have resumed (and agreement been reached) by each day, for one batch or a
//! baseline and a variant together.

use crate::sim::output::doc::esc;
use crate::sim::output::palette::SERIES as COLOURS;
use crate::sim::output::summary::Summary;
use crate::sim::runs::batch::RunSummary;
use crate::sim::scenario::Scenario;
use crate::sim::state::chronicle::OutcomeKind;
use std::fmt::Write;

/// One batch to draw.
pub struct Series<'a> {
    /// Legend label.
    pub label: &'a str,
    /// Its summary.
    pub summary: &'a Summary,
    /// Its runs.
    pub runs: &'a [RunSummary],
}

/// Share of runs with `day_of(run) <= d`, for d = 0..=horizon.
fn curve(
    runs: &[RunSummary],
    horizon: i64,
    day_of: impl Fn(&RunSummary) -> Option<i64>,
) -> Vec<f64> {
    let n = runs.len().max(1) as f64;
    let mut counts = vec![0usize; horizon as usize + 2];
    for r in runs {
        if let Some(d) = day_of(r)
            && d >= 0
            && d <= horizon
        {
            counts[d as usize] += 1;
        }
    }
    let mut acc = 0;
    (0..=horizon as usize)
        .map(|d| {
            acc += counts[d];
            acc as f64 / n
        })
        .collect()
}

/// The report as an SVG document.
pub fn svg(scn: &Scenario, title: &str, series: &[Series], horizon: i64) -> String {
    // A session played to its close may sign after the horizon: the axis reaches the last agreement.
    let horizon = series
        .iter()
        .flat_map(|s| s.runs.iter().filter_map(|r| r.agreement))
        .max()
        .unwrap_or(0)
        .max(horizon);
    let (w, h) = (960.0, 560.0);
    let mut o = String::new();
    let _ = writeln!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">"##
    );
    let _ = writeln!(o, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    let _ = writeln!(
        o,
        r##"<text x="20" y="30" font-size="18" font-weight="bold">{}</text>"##,
        esc(title)
    );
    let runs = series.first().map_or(0, |s| s.summary.runs);
    let _ = writeln!(
        o,
        r##"<text x="20" y="50" fill="#444">{} ({}), {} runs per series, seeds from {}</text>"##,
        esc(&scn.file.meta.title),
        esc(&scn.file.meta.id),
        runs,
        series.first().map_or(0, |s| s.summary.base_seed)
    );

    // Left: outcome shares with 95% intervals.
    let (x0, x1, y0) = (130.0, 440.0, 90.0);
    let _ = writeln!(
        o,
        r##"<text x="20" y="80" font-weight="bold">Outcomes (share of runs, 95% interval)</text>"##
    );
    let band = 78.0;
    let bar = (band - 18.0) / series.len().max(1) as f64;
    for (k, kind) in OutcomeKind::ALL.iter().enumerate() {
        let yb = y0 + k as f64 * band;
        let _ = writeln!(
            o,
            r##"<text x="20" y="{:.1}" dominant-baseline="middle">{}</text>"##,
            yb + band / 2.0 - 9.0,
            kind.key()
        );
        for (si, s) in series.iter().enumerate() {
            let sh = s
                .summary
                .outcomes
                .iter()
                .find(|x| x.0 == *kind)
                .map(|x| x.1)
                .unwrap_or(crate::sim::output::summary::share(0, 0));
            let y = yb + si as f64 * bar;
            let len = (x1 - x0) * sh.share;
            let c = COLOURS[si % COLOURS.len()];
            let _ = writeln!(
                o,
                r##"<rect x="{x0}" y="{y:.1}" width="{len:.1}" height="{:.1}" fill="{c}"/>"##,
                bar - 4.0
            );
            let (lx, hx) = (x0 + (x1 - x0) * sh.low, x0 + (x1 - x0) * sh.high);
            let ym = y + (bar - 4.0) / 2.0;
            let _ = writeln!(
                o,
                r##"<line x1="{lx:.1}" y1="{ym:.1}" x2="{hx:.1}" y2="{ym:.1}" stroke="#222" stroke-width="1.5"/>"##
            );
            for x in [lx, hx] {
                let _ = writeln!(
                    o,
                    r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#222" stroke-width="1.5"/>"##,
                    ym - 4.0,
                    ym + 4.0
                );
            }
            let _ = writeln!(
                o,
                r##"<text x="{:.1}" y="{ym:.1}" dominant-baseline="middle" fill="#222">{:.1}%</text>"##,
                hx.max(x0 + len) + 6.0,
                100.0 * sh.share
            );
        }
    }
    let _ = writeln!(
        o,
        r##"<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{:.1}" stroke="#888"/>"##,
        y0 + 5.0 * band - 18.0
    );

    // Right: share of runs with talks resumed / agreement by day d.
    let (px0, px1, py0, py1) = (540.0, 930.0, 100.0, 470.0);
    let _ = writeln!(
        o,
        r##"<text x="{}" y="80" font-weight="bold">Share of runs by day d</text>"##,
        px0 - 40.0
    );
    for t in 0..=5 {
        let y = py1 - (py1 - py0) * t as f64 / 5.0;
        let _ = writeln!(
            o,
            r##"<line x1="{px0}" y1="{y:.1}" x2="{px1}" y2="{y:.1}" stroke="#e5e5e5"/>"##
        );
        let _ = writeln!(
            o,
            r##"<text x="{:.1}" y="{y:.1}" text-anchor="end" dominant-baseline="middle" fill="#444">{}%</text>"##,
            px0 - 6.0,
            t * 20
        );
    }
    let step = if horizon > 200 { 50 } else { 20 };
    let mut d = 0;
    while d <= horizon {
        let x = px0 + (px1 - px0) * d as f64 / horizon.max(1) as f64;
        let _ = writeln!(
            o,
            r##"<line x1="{x:.1}" y1="{py1}" x2="{x:.1}" y2="{:.1}" stroke="#888"/>"##,
            py1 + 4.0
        );
        let _ = writeln!(
            o,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#444">{d}</text>"##,
            py1 + 18.0
        );
        d += step;
    }
    let _ = writeln!(
        o,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#444">day d (0 = {})</text>"##,
        (px0 + px1) / 2.0,
        py1 + 36.0,
        scn.start
    );
    let _ = writeln!(
        o,
        r##"<rect x="{px0}" y="{py0}" width="{:.1}" height="{:.1}" fill="none" stroke="#888"/>"##,
        px1 - px0,
        py1 - py0
    );
    for (si, s) in series.iter().enumerate() {
        let c = COLOURS[si % COLOURS.len()];
        for (dash, f) in [("", 0), ("6 4", 1)] {
            let ys = if f == 0 {
                curve(s.runs, horizon, |r| r.first_session)
            } else {
                curve(s.runs, horizon, |r| r.agreement)
            };
            let pts: Vec<String> = ys
                .iter()
                .enumerate()
                .map(|(d, v)| {
                    format!(
                        "{:.1},{:.1}",
                        px0 + (px1 - px0) * d as f64 / horizon.max(1) as f64,
                        py1 - (py1 - py0) * v
                    )
                })
                .collect();
            let _ = writeln!(
                o,
                r##"<polyline points="{}" fill="none" stroke="{c}" stroke-width="2.5" stroke-dasharray="{dash}"/>"##,
                pts.join(" ")
            );
        }
    }
    // Legend.
    let mut ly = 500.0;
    for (si, s) in series.iter().enumerate() {
        let c = COLOURS[si % COLOURS.len()];
        let _ = writeln!(
            o,
            r##"<rect x="20" y="{:.1}" width="14" height="14" fill="{c}"/><text x="40" y="{:.1}">{}</text>"##,
            ly - 11.0,
            ly,
            esc(s.label)
        );
        ly += 20.0;
    }
    let _ = writeln!(
        o,
        r##"<line x1="{px0}" y1="528" x2="{:.1}" y2="528" stroke="#222" stroke-width="2.5"/><text x="{:.1}" y="532">talks resumed (first session) by day d</text>"##,
        px0 + 30.0,
        px0 + 38.0
    );
    let _ = writeln!(
        o,
        r##"<line x1="{px0}" y1="548" x2="{:.1}" y2="548" stroke="#222" stroke-width="2.5" stroke-dasharray="6 4"/><text x="{:.1}" y="552">agreement by day d</text>"##,
        px0 + 30.0,
        px0 + 38.0
    );
    o.push_str("</svg>\n");
    o
}

/// The report as a self-contained HTML page: the SVG inline and the figures as preformatted text.
pub fn html(scn: &Scenario, title: &str, series: &[Series], horizon: i64, figures: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<style>body{{font-family:DejaVu Sans,Arial,sans-serif;margin:2em;color:#111}}pre{{background:#f6f6f6;padding:1em;font-size:14px}}</style>\n</head>\n<body>\n<h1>{t}</h1>\n{svg}<h2>Figures</h2>\n<pre>{fig}</pre>\n</body>\n</html>\n",
        t = esc(title),
        svg = svg(scn, title, series, horizon),
        fig = esc(figures)
    )
}
