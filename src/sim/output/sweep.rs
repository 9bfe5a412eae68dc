//! A sweep's results for people: the ranked table in words, JSON and CSV, and the tornado chart in SVG (or
//! an HTML page with the chart and the table).

use crate::sim::output::doc::esc;
use crate::sim::output::palette::{BLUE, GREY, VERMILLION};
use crate::sim::runs::sweep::{Analysis, Design, MEASURES, Method, Tally};
use crate::sim::scenario::Scenario;
use serde::Serialize;
use std::fmt::Write;

/// A sweep played (or merged from its shards), ready to be written.
pub struct Swept<'a> {
    /// The scenario swept (with its `--set` what-ifs).
    pub scenario: &'a Scenario,
    /// The design.
    pub design: &'a Design,
    /// Runs per point.
    pub runs: usize,
    /// Every point's tally, in design order.
    pub tallies: &'a [Tally],
    /// The measure the factors are ranked by (an index into [`MEASURES`]).
    pub rank: usize,
}

impl Swept<'_> {
    fn measures(&self) -> Vec<Vec<f64>> {
        self.tallies.iter().map(|t| t.measures().to_vec()).collect()
    }

    /// The analysis and the ranking of the factors by the rank measure.
    pub fn analysis(&self) -> (Analysis, Vec<usize>) {
        let a = crate::sim::runs::sweep::analyse(self.design, &self.measures());
        let order = a.ranking(self.design.factors.len(), self.rank);
        (a, order)
    }

    fn method_line(&self) -> String {
        let k = self.design.factors.len();
        let n = self.design.point_count();
        match self.design.method {
            Method::Morris {
                trajectories,
                levels,
            } => format!(
                "Morris elementary effects of {k} setting{}: {trajectories} trajectories of {} points on a {levels}-level grid = {n} points",
                plural(k),
                k + 1
            ),
            Method::Sobol { samples } => format!(
                "Sobol indices of {k} setting{}: {samples} base samples of {} points = {n} points",
                plural(k),
                k + 2
            ),
        }
    }

    fn runs_line(&self) -> String {
        let n = self.design.point_count();
        format!(
            "{} runs a point with seeds {} to {} (the same runs at every point): {} runs",
            self.runs,
            self.design.seed,
            self.design.seed.wrapping_add(self.runs as u64 - 1),
            n * self.runs
        )
    }

    /// The ranked table and the effects on every measure, in words.
    pub fn text(&self) -> String {
        let (a, order) = self.analysis();
        let (name, unit, meaning) = MEASURES[self.rank];
        let mut o = String::new();
        let _ = writeln!(
            o,
            "sixparty sweep: {} ({})",
            self.scenario.file.meta.title, self.scenario.file.meta.id
        );
        let _ = writeln!(o, "{}", self.method_line());
        let _ = writeln!(o, "{}", self.runs_line());
        let y = self.measures();
        let mean = y.iter().map(|m| m[self.rank]).sum::<f64>() / y.len().max(1) as f64;
        let _ = writeln!(
            o,
            "{name}: {meaning}; {} across the points on average\n",
            fmt_unit(mean, unit)
        );
        let w = self
            .design
            .factors
            .iter()
            .map(|f| f.path.len())
            .max()
            .unwrap_or(7)
            .max(7);
        match &a {
            Analysis::Morris(m) => {
                let _ = writeln!(
                    o,
                    "Ranked by the effect on {name} ({unit}) of moving a setting from the low end of its range to the high end:\n  mu* the mean size of the effect (importance); mu the mean effect, with its sign; +- the standard error of mu;\n  sigma the spread of the effects (the setting interacts with others, or acts unevenly over its range)\n"
                );
                let _ = writeln!(
                    o,
                    "rank  {:<w$}  {:>21}  {:>8}  {:>8}  {:>7}  {:>7}",
                    "setting", "low .. high", "mu*", "mu", "+-", "sigma"
                );
                for (r, &i) in order.iter().enumerate() {
                    let f = &self.design.factors[i];
                    let e = m[i][self.rank];
                    let _ = writeln!(
                        o,
                        "{:>4}  {:<w$}  {:>21}  {:>8.2}  {:>+8.2}  {:>7.2}  {:>7.2}",
                        r + 1,
                        f.path,
                        format!("{} .. {}", num(f.low), num(f.high)),
                        e.mu_star,
                        e.mu,
                        e.se,
                        e.sigma
                    );
                }
                self.every_measure(&mut o, &order, w, "The mean effect (mu)", |i, q| {
                    format!("{:+.2}", m[i][q].mu)
                });
            }
            Analysis::Sobol(s, var) => {
                let _ = writeln!(
                    o,
                    "Ranked by the share of the variance of {name} (sd {:.2} {unit} across the samples) each setting explains:\n  ST with its interactions (total index); S alone (first-order index); ST - S its interactions\n",
                    var[self.rank].sqrt()
                );
                let _ = writeln!(
                    o,
                    "rank  {:<w$}  {:>21}  {:>6}  {:>6}",
                    "setting", "low .. high", "ST", "S"
                );
                for (r, &i) in order.iter().enumerate() {
                    let f = &self.design.factors[i];
                    let e = s[i][self.rank];
                    let _ = writeln!(
                        o,
                        "{:>4}  {:<w$}  {:>21}  {:>6.3}  {:>6.3}",
                        r + 1,
                        f.path,
                        format!("{} .. {}", num(f.low), num(f.high)),
                        e.total,
                        e.first
                    );
                }
                self.every_measure(&mut o, &order, w, "The total index (ST)", |i, q| {
                    format!("{:.3}", s[i][q].total)
                });
            }
        }
        o
    }

    /// The table of one statistic of each setting (in `order`) for every measure.
    fn every_measure(
        &self,
        o: &mut String,
        order: &[usize],
        w: usize,
        what: &str,
        cell: impl Fn(usize, usize) -> String,
    ) {
        let _ = writeln!(
            o,
            "\n{what} of each setting on every measure, in the order above:\n"
        );
        let _ = write!(o, "{:<w$}", "setting");
        for (n, _, _) in MEASURES {
            let _ = write!(o, "  {:>n$}", n, n = n.len().max(8));
        }
        o.push('\n');
        for &i in order {
            let _ = write!(o, "{:<w$}", self.design.factors[i].path);
            for (q, (n, _, _)) in MEASURES.iter().enumerate() {
                let _ = write!(o, "  {:>n$}", cell(i, q), n = n.len().max(8));
            }
            o.push('\n');
        }
    }

    /// Everything as JSON: the design, the ranking, each factor's statistics for every measure and every
    /// point's values and measures.
    pub fn json(&self) -> String {
        let (a, order) = self.analysis();
        let y = self.measures();
        let points = self.design.points();
        let doc = JsonSweep {
            scenario: &self.scenario.file.meta.id,
            title: &self.scenario.file.meta.title,
            method: self.design.method,
            seed: self.design.seed,
            runs_per_point: self.runs,
            points: self.design.point_count(),
            total_runs: self.design.point_count() * self.runs,
            rank_by: MEASURES[self.rank].0,
            measures: MEASURES
                .iter()
                .map(|(name, unit, meaning)| JsonMeasure {
                    name,
                    unit,
                    meaning,
                })
                .collect(),
            factors: order
                .iter()
                .enumerate()
                .map(|(r, &i)| {
                    let f = &self.design.factors[i];
                    JsonFactor {
                        rank: r + 1,
                        path: &f.path,
                        low: f.low,
                        high: f.high,
                        effects: match &a {
                            Analysis::Morris(m) => MEASURES
                                .iter()
                                .enumerate()
                                .map(|(q, (name, _, _))| JsonEffect {
                                    measure: name,
                                    morris: Some(m[i][q]),
                                    sobol: None,
                                })
                                .collect(),
                            Analysis::Sobol(s, _) => MEASURES
                                .iter()
                                .enumerate()
                                .map(|(q, (name, _, _))| JsonEffect {
                                    measure: name,
                                    morris: None,
                                    sobol: Some(s[i][q]),
                                })
                                .collect(),
                        },
                    }
                })
                .collect(),
            design: points
                .iter()
                .zip(&y)
                .map(|(p, m)| JsonPoint {
                    values: self
                        .design
                        .factors
                        .iter()
                        .zip(p)
                        .map(|(f, &u)| f.value(u))
                        .collect(),
                    measures: m.clone(),
                })
                .collect(),
        };
        crate::sim::output::json::pretty(&doc)
    }

    /// One row per setting and measure.
    pub fn csv(&self) -> String {
        let (a, order) = self.analysis();
        let mut w = csv::Writer::from_writer(Vec::new());
        let head: &[&str] = match a {
            Analysis::Morris(_) => &[
                "rank", "path", "low", "high", "measure", "mu_star", "mu", "sigma", "se",
            ],
            Analysis::Sobol(..) => &["rank", "path", "low", "high", "measure", "total", "first"],
        };
        let _ = w.write_record(head);
        for (r, &i) in order.iter().enumerate() {
            let f = &self.design.factors[i];
            for (q, (name, _, _)) in MEASURES.iter().enumerate() {
                let mut row = vec![
                    (r + 1).to_string(),
                    f.path.clone(),
                    f.low.to_string(),
                    f.high.to_string(),
                    name.to_string(),
                ];
                match &a {
                    Analysis::Morris(m) => {
                        let e = m[i][q];
                        row.extend([e.mu_star, e.mu, e.sigma, e.se].map(|v| format!("{v:.6}")));
                    }
                    Analysis::Sobol(s, _) => {
                        let e = s[i][q];
                        row.extend([e.total, e.first].map(|v| format!("{v:.6}")));
                    }
                }
                let _ = w.write_record(&row);
            }
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// The tornado chart: the settings, most important first, with their effects on the rank measure.
    pub fn svg(&self) -> String {
        const SHOWN: usize = 30;
        let (a, order) = self.analysis();
        let (name, unit, _) = MEASURES[self.rank];
        let rows = order.len().min(SHOWN);
        let label_w = self
            .design
            .factors
            .iter()
            .map(|f| f.path.chars().count())
            .max()
            .unwrap_or(10) as f64
            * 7.2
            + 30.0;
        let (x0, plot_w, row_h, top) = (label_w, 560.0, 24.0, 142.0);
        let w = (x0 + plot_w + 40.0).max(960.0);
        let h = top + rows as f64 * row_h + 70.0;
        let mut o = String::new();
        let _ = writeln!(
            o,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">"##
        );
        let _ = writeln!(
            o,
            r##"<rect width="{w:.0}" height="{h:.0}" fill="#ffffff"/>"##
        );
        let title = match self.design.method {
            Method::Morris { .. } => {
                format!("Which settings move {name}: Morris elementary effects")
            }
            Method::Sobol { .. } => format!("Which settings move {name}: Sobol indices"),
        };
        let _ = writeln!(
            o,
            r##"<text x="20" y="30" font-size="18" font-weight="bold">{}</text>"##,
            esc(&title)
        );
        let _ = writeln!(
            o,
            r##"<text x="20" y="52" fill="#444">{} ({})</text>"##,
            esc(&self.scenario.file.meta.title),
            esc(&self.scenario.file.meta.id),
        );
        let _ = writeln!(
            o,
            r##"<text x="20" y="70" fill="#444">{}</text>"##,
            esc(&self.method_line())
        );
        let _ = writeln!(
            o,
            r##"<text x="20" y="88" fill="#444">{}</text>"##,
            esc(&self.runs_line())
        );
        let legend = match a {
            Analysis::Morris(_) => format!(
                "Bar: mean effect (mu, {unit}) of moving the setting from low to high, blue up, vermillion down; whisker: +- its standard error; diamond: mu* (mean size)"
            ),
            Analysis::Sobol(..) => "Pale bar: total index ST (share of the variance, with interactions); dark bar: first-order index S (alone)".to_string(),
        };
        let _ = writeln!(
            o,
            r##"<text x="20" y="112" fill="#444" font-size="12">{}</text>"##,
            esc(&legend)
        );
        match &a {
            Analysis::Morris(m) => {
                let span = order
                    .iter()
                    .take(rows)
                    .map(|&i| {
                        let e = m[i][self.rank];
                        e.mu_star.max(e.mu.abs() + e.se)
                    })
                    .fold(0.0f64, f64::max)
                    .max(1e-9);
                let mid = x0 + plot_w / 2.0;
                let scale = (plot_w / 2.0 - 10.0) / span;
                axis(&mut o, mid, top, rows, row_h, span, scale, unit);
                for (r, &i) in order.iter().take(rows).enumerate() {
                    let e = m[i][self.rank];
                    let y = top + r as f64 * row_h;
                    label(&mut o, x0, y, row_h, &self.design.factors[i].path);
                    let (x, len) = if e.mu >= 0.0 {
                        (mid, e.mu * scale)
                    } else {
                        (mid + e.mu * scale, -e.mu * scale)
                    };
                    let c = if e.mu >= 0.0 { BLUE } else { VERMILLION };
                    let _ = writeln!(
                        o,
                        r##"<rect x="{x:.1}" y="{:.1}" width="{len:.1}" height="{:.1}" fill="{c}"/>"##,
                        y + 4.0,
                        row_h - 8.0
                    );
                    let (a1, a2) = (mid + (e.mu - e.se) * scale, mid + (e.mu + e.se) * scale);
                    let yc = y + row_h / 2.0;
                    let _ = writeln!(
                        o,
                        r##"<line x1="{a1:.1}" y1="{yc:.1}" x2="{a2:.1}" y2="{yc:.1}" stroke="#000" stroke-width="1.5"/>"##
                    );
                    let xs = mid + e.mu_star * scale * if e.mu >= 0.0 { 1.0 } else { -1.0 };
                    let _ = writeln!(
                        o,
                        r##"<path d="M{:.1},{yc:.1} l5,-5 l5,5 l-5,5 z" fill="none" stroke="#000"/>"##,
                        xs - 5.0
                    );
                }
            }
            Analysis::Sobol(s, _) => {
                let scale = plot_w - 20.0;
                axis(&mut o, x0, top, rows, row_h, 1.0, scale, "share");
                for (r, &i) in order.iter().take(rows).enumerate() {
                    let e = s[i][self.rank];
                    let y = top + r as f64 * row_h;
                    label(&mut o, x0, y, row_h, &self.design.factors[i].path);
                    let _ = writeln!(
                        o,
                        r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{SKY}"/>"##,
                        y + 3.0,
                        e.total.clamp(0.0, 1.0) * scale,
                        row_h - 6.0,
                        SKY = crate::sim::output::palette::SKY
                    );
                    let _ = writeln!(
                        o,
                        r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{BLUE}"/>"##,
                        y + 8.0,
                        e.first.clamp(0.0, 1.0) * scale,
                        row_h - 16.0
                    );
                }
            }
        }
        if order.len() > rows {
            let _ = writeln!(
                o,
                r##"<text x="20" y="{:.1}" fill="#444">and {} settings more (the table has them all)</text>"##,
                top + rows as f64 * row_h + 40.0,
                order.len() - rows
            );
        }
        o.push_str("</svg>\n");
        o
    }

    /// An HTML page: the chart and the table in words.
    pub fn html(&self) -> String {
        let t = format!("sixparty sweep: {}", self.scenario.file.meta.id);
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<style>body{{font-family:DejaVu Sans,Arial,sans-serif;margin:2em;color:#111}}pre{{background:#f6f6f6;padding:1em;font-size:13px}}</style>\n</head>\n<body>\n<h1>{t}</h1>\n{svg}<h2>Figures</h2>\n<pre>{fig}</pre>\n</body>\n</html>\n",
            t = esc(&t),
            svg = self.svg(),
            fig = esc(&self.text())
        )
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "one axis drawn for two charts: its place, size, range and unit"
)]
fn axis(
    o: &mut String,
    at: f64,
    top: f64,
    rows: usize,
    row_h: f64,
    span: f64,
    scale: f64,
    unit: &str,
) {
    let bottom = top + rows as f64 * row_h;
    let _ = writeln!(
        o,
        r##"<line x1="{at:.1}" y1="{:.1}" x2="{at:.1}" y2="{bottom:.1}" stroke="{GREY}"/>"##,
        top - 4.0
    );
    for t in [-1.0, -0.5, 0.5, 1.0] {
        let x = at + t * span * scale;
        if unit == "share" && t < 0.0 {
            continue;
        }
        let _ = writeln!(
            o,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="#dddddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#444" font-size="11">{:+.1}</text>"##,
            top - 4.0,
            bottom + 14.0,
            t * span
        );
    }
    let _ = writeln!(
        o,
        r##"<text x="{at:.1}" y="{:.1}" text-anchor="middle" fill="#444" font-size="11">{unit}</text>"##,
        bottom + 28.0
    );
}

fn label(o: &mut String, x0: f64, y: f64, row_h: f64, text: &str) {
    let _ = writeln!(
        o,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="end" dominant-baseline="middle">{}</text>"##,
        x0 - 10.0,
        y + row_h / 2.0,
        esc(text)
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A range's end as typed: whole numbers without a fraction.
fn num(v: f64) -> String {
    format!("{v}")
}

fn fmt_unit(v: f64, unit: &str) -> String {
    match unit {
        "pp" => format!("{v:.1}%"),
        _ => format!("{v:.1} {unit}"),
    }
}

#[derive(Serialize)]
struct JsonSweep<'a> {
    scenario: &'a str,
    title: &'a str,
    method: Method,
    seed: u64,
    runs_per_point: usize,
    points: usize,
    total_runs: usize,
    rank_by: &'a str,
    measures: Vec<JsonMeasure<'a>>,
    factors: Vec<JsonFactor<'a>>,
    design: Vec<JsonPoint>,
}

#[derive(Serialize)]
struct JsonMeasure<'a> {
    name: &'a str,
    unit: &'a str,
    meaning: &'a str,
}

#[derive(Serialize)]
struct JsonFactor<'a> {
    rank: usize,
    path: &'a str,
    low: f64,
    high: f64,
    effects: Vec<JsonEffect<'a>>,
}

#[derive(Serialize)]
struct JsonEffect<'a> {
    measure: &'a str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    morris: Option<crate::sim::runs::sweep::Elementary>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    sobol: Option<crate::sim::runs::sweep::Sobol>,
}

#[derive(Serialize)]
struct JsonPoint {
    values: Vec<f64>,
    measures: Vec<f64>,
}
