//! The class debrief: one self-contained HTML page (inline SVG, no scripts, no network) for one or more
//! games of the same scenario: the timeline of phase and rung, each party's positions drifting, the
//! turning points with their reasons, what each human delegation did and how it scored, where the game
//! departed from the historical course, and how the games compare with a model-only batch.

use crate::sim::output::doc::{CSS, esc, short};
use crate::sim::output::palette::{self, BLUE, SKY, VERMILLION, party_colour};
use crate::sim::output::render::{describe_action, describe_cause};
use crate::sim::runs::batch::RunSummary;
use crate::sim::scenario::{CourseMilestone, Phase, Scenario};
use crate::sim::state::chronicle::{Entry, OutcomeKind, Why};
use crate::sim::step::{FixedMove, Simulation};
use std::fmt::Write;

/// How a delegation did against its own preferences (see [`crate::sim::state::score`]).
pub fn score(sim: &Simulation, p: u8) -> crate::sim::state::score::Score {
    crate::sim::state::score::score(&sim.scenario, &sim.state, p)
}

/// The state at the end of one day, for the charts.
#[derive(Clone, Debug)]
pub struct DaySnap {
    /// The day just played (-1 for the start, before day 0).
    pub day: i64,
    /// Phase after it.
    pub phase: Phase,
    /// Rung after it.
    pub rung: u8,
    /// Positions after it, `[party][issue]`.
    pub positions: Vec<Vec<f64>>,
}

/// One game replayed for the report.
#[derive(Debug)]
pub struct Played {
    /// Its label (the replay's file name, or "this game").
    pub label: String,
    /// The finished run, with its chronicle.
    pub sim: Simulation,
    /// The state after each day.
    pub days: Vec<DaySnap>,
    /// The delegations played by people (those with moves chosen by a player or by their advisers when
    /// time ran out).
    pub humans: Vec<u8>,
}

fn snap(sim: &Simulation, day: i64) -> DaySnap {
    DaySnap {
        day,
        phase: sim.state.phase,
        rung: sim.state.rung,
        positions: sim
            .state
            .parties
            .iter()
            .map(|p| p.positions.clone())
            .collect(),
    }
}

/// Plays a game again from its seed and its fixed moves (a replay), keeping the state of every day.
/// `sim` is the run set up from its start (see [`Simulation::restarted`]).
pub fn replay(label: &str, mut sim: Simulation) -> Played {
    let mut days = vec![snap(&sim, -1)];
    loop {
        let day = sim.state.day;
        let goes_on = sim.step();
        days.push(snap(&sim, day));
        if !goes_on {
            break;
        }
    }
    let mut humans: Vec<u8> = sim
        .fixed_moves()
        .iter()
        .filter(|m| matches!(m.why, Why::Player | Why::Advisers))
        .map(|m| m.party)
        .collect();
    humans.sort_unstable();
    humans.dedup();
    Played {
        label: label.to_string(),
        sim,
        days,
        humans,
    }
}

/// Phase bands and the escalation rung over the days of one game.
fn timeline_svg(scn: &Scenario, g: &Played) -> String {
    let horizon = g.sim.horizon().max(1) as f64;
    let (w, h, left, right, top) = (860.0, 250.0, 250.0, 30.0, 12.0);
    let band_y = top;
    let band_h = 26.0;
    let chart_top = band_y + band_h + 16.0;
    let chart_h = h - chart_top - 56.0;
    let x = |d: f64| left + (d.max(0.0) / horizon) * (w - left - right);
    let rungs = scn.rungs.len().max(2) as f64;
    let y = |r: f64| chart_top + chart_h - r / (rungs - 1.0) * chart_h;
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Phase and escalation over the game\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">"
    );
    let _ = write!(
        o,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">talks phase</text>",
        left - 6.0,
        band_y + 17.0
    );
    // Phase bands: one rectangle per run of equal phase.
    let days: Vec<&DaySnap> = g.days.iter().skip(1).collect();
    let mut k = 0;
    while k < days.len() {
        let p = days[k].phase;
        let mut e = k;
        while e + 1 < days.len() && days[e + 1].phase == p {
            e += 1;
        }
        let (x0, x1) = (x(days[k].day as f64), x(days[e].day as f64 + 1.0));
        let _ = write!(
            o,
            "<rect x=\"{x0:.1}\" y=\"{band_y}\" width=\"{:.1}\" height=\"{band_h}\" fill=\"{}\"><title>{} from day {} to day {}</title></rect>",
            (x1 - x0).max(0.5),
            palette::phase(p),
            p.banner(),
            days[k].day,
            days[e].day
        );
        k = e + 1;
    }
    // Rung grid and labels.
    for (r, rung) in scn.rungs.iter().enumerate() {
        let yy = y(r as f64);
        let _ = write!(
            o,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            w - right,
            left - 6.0,
            yy + 4.0,
            esc(&short(&rung.name, 40))
        );
    }
    let mut path = String::new();
    for (k, d) in g.days.iter().enumerate() {
        let (xx, yy) = (x(d.day as f64 + 1.0), y(d.rung as f64));
        if k == 0 {
            let _ = write!(path, "M{:.1},{yy:.1}", x(0.0));
        } else {
            let _ = write!(path, "H{xx:.1}V{yy:.1}");
        }
    }
    let _ = write!(
        o,
        "<path d=\"{path}\" fill=\"none\" stroke=\"{VERMILLION}\" stroke-width=\"2.5\"/>"
    );
    axis(&mut o, scn, horizon, &x, h - 44.0);
    // Legend of phases.
    let mut lx = 10.0;
    for p in Phase::ALL {
        let _ = write!(
            o,
            "<rect x=\"{lx}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            h - 12.0,
            palette::phase(p),
            lx + 13.0,
            h - 3.0,
            p.banner().to_lowercase()
        );
        lx += 13.0 + 7.5 * p.banner().len() as f64 + 14.0;
    }
    let _ = write!(
        o,
        "<text x=\"{}\" y=\"{}\" fill=\"{VERMILLION}\">— escalation rung</text>",
        lx,
        h - 3.0
    );
    o.push_str("</svg>");
    o
}

/// Day ticks with dates along the bottom.
fn axis(o: &mut String, scn: &Scenario, horizon: f64, x: &dyn Fn(f64) -> f64, y: f64) {
    let step = if horizon > 90.0 {
        30
    } else if horizon > 40.0 {
        10
    } else {
        5
    };
    let mut d = 0;
    while d as f64 <= horizon {
        let xx = x(d as f64);
        // The first label starts at its tick and the last ends at it, so that neither is cut off.
        let anchor = if d == 0 {
            "start"
        } else if d as f64 + step as f64 > horizon && horizon - (d as f64) < step as f64 / 2.0 {
            "end"
        } else {
            "middle"
        };
        let _ = write!(
            o,
            "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{}\" y2=\"{}\" stroke=\"#888\"/><text x=\"{xx:.1}\" y=\"{}\" text-anchor=\"{anchor}\">day {d}</text><text x=\"{xx:.1}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#555\">{}</text>",
            y - 4.0,
            y,
            y + 11.0,
            y + 23.0,
            scn.date_of(d)
        );
        d += step;
    }
}

/// Every party's position on one issue over the game, with the status quo.
fn positions_svg(scn: &Scenario, g: &Played, k: usize) -> String {
    let horizon = g.sim.horizon().max(1) as f64;
    let (w, h, left, right, top, bottom) = (420.0, 212.0, 34.0, 10.0, 22.0, 40.0);
    let x = |d: f64| left + (d.max(0.0) / horizon) * (w - left - right);
    let y = |v: f64| top + (1.0 - v / 100.0) * (h - top - bottom);
    let issue = &scn.file.issues[k];
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Positions on {}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"10\">",
        esc(&issue.name)
    );
    let _ = write!(
        o,
        "<text x=\"{left}\" y=\"13\" font-size=\"12\" font-weight=\"bold\">{}</text>",
        esc(&short(&issue.name, 60))
    );
    for v in [0.0, 50.0, 100.0] {
        let yy = y(v);
        let _ = write!(
            o,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#e3e3e3\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v:.0}</text>",
            w - right,
            left - 4.0,
            yy + 3.0
        );
    }
    let sq = y(issue.status_quo);
    let _ = write!(
        o,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{sq:.1}\" y2=\"{sq:.1}\" stroke=\"#555\" stroke-dasharray=\"4 3\"><title>status quo {:.0}</title></line>",
        w - right,
        issue.status_quo
    );
    for p in 0..scn.parties.len() {
        let mut path = String::new();
        for (i, d) in g.days.iter().enumerate() {
            let _ = write!(
                path,
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { "L" },
                x(d.day as f64 + 1.0),
                y(d.positions[p][k])
            );
        }
        let human = g.humans.contains(&(p as u8));
        let _ = write!(
            o,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"><title>{}</title></path>",
            party_colour(scn, p),
            if human { 3.0 } else { 1.6 },
            esc(&scn.parties[p].id)
        );
    }
    let _ = write!(
        o,
        "<text x=\"{left}\" y=\"{}\" fill=\"#555\">0 = {}<title>0 = {}</title></text><text x=\"{left}\" y=\"{}\" fill=\"#555\">100 = {}<title>100 = {}</title></text>",
        h - 16.0,
        esc(&short(&issue.low, 70)),
        esc(&issue.low),
        h - 4.0,
        esc(&short(&issue.high, 68)),
        esc(&issue.high)
    );
    o.push_str("</svg>");
    o
}

/// The model-only batch's share of runs that reached agreement (and a session) by each day, with each
/// game marked on it.
fn compare_svg(scn: &Scenario, games: &[Played], batch: &[RunSummary], horizon: i64) -> String {
    let hz = horizon.max(1) as f64;
    let (w, h, left, right, top, bottom) = (860.0, 320.0, 48.0, 30.0, 16.0, 80.0);
    let x = |d: f64| left + (d.max(0.0) / hz) * (w - left - right);
    let y = |v: f64| top + (1.0 - v) * (h - top - bottom);
    let n = batch.len().max(1) as f64;
    let curve = |f: &dyn Fn(&RunSummary) -> Option<i64>| -> String {
        let mut counts = vec![0usize; horizon as usize + 2];
        for r in batch {
            if let Some(d) = f(r)
                && (0..=horizon).contains(&d)
            {
                counts[d as usize] += 1;
            }
        }
        let mut acc = 0;
        let mut path = format!("M{:.1},{:.1}", x(0.0), y(0.0));
        for (d, c) in counts.iter().enumerate().take(horizon as usize + 1) {
            acc += c;
            let _ = write!(path, "H{:.1}V{:.1}", x(d as f64), y(acc as f64 / n));
        }
        path
    };
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"The games against the model alone\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">"
    );
    for v in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let yy = y(v);
        let _ = write!(
            o,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#e3e3e3\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{:.0}%</text>",
            w - right,
            left - 4.0,
            yy + 4.0,
            100.0 * v
        );
    }
    let _ = write!(
        o,
        "<path d=\"{}\" fill=\"none\" stroke=\"{SKY}\" stroke-width=\"2\"/><path d=\"{}\" fill=\"none\" stroke=\"{BLUE}\" stroke-width=\"2.5\"/>",
        curve(&|r| r.first_session),
        curve(&|r| r.agreement)
    );
    for (i, g) in games.iter().enumerate() {
        let m = g.sim.milestones();
        let label = format!("{}", i + 1);
        for (d, colour, what, lift) in [
            (m.first_session, SKY, "first session", 0.0),
            (m.agreement, BLUE, "agreement", 22.0),
        ] {
            if let Some(d) = d {
                let xx = x(d as f64);
                let _ = write!(
                    o,
                    "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{top}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-dasharray=\"3 3\"/><circle cx=\"{xx:.1}\" cy=\"{:.1}\" r=\"9\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"2\"><title>{}: {what} on day {d}</title></circle><text x=\"{xx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"bold\">{label}</text>",
                    h - bottom,
                    top + 10.0 + lift + 44.0 * (i % 5) as f64,
                    esc(&g.label),
                    top + 14.0 + lift + 44.0 * (i % 5) as f64
                );
            }
        }
    }
    axis(&mut o, scn, hz, &x, h - bottom + 16.0);
    let _ = write!(
        o,
        "<text x=\"{left}\" y=\"{}\"><tspan fill=\"{SKY}\">— share of model-only runs in which the talks have reconvened by each day</tspan><tspan dx=\"14\" fill=\"{BLUE}\">— … in which an agreement is signed</tspan></text><text x=\"{left}\" y=\"{}\">Circled numbers: the games (first session in light blue, agreement in dark blue).</text>",
        h - 22.0,
        h - 6.0
    );
    o.push_str("</svg>");
    o
}

fn day_text(scn: &Scenario, d: Option<i64>) -> String {
    d.map_or("never".into(), |d| format!("day {d} ({})", scn.date_of(d)))
}

/// Share of model runs with the milestone on or before `day`, and at all.
fn model_share(
    batch: &[RunSummary],
    f: impl Fn(&RunSummary) -> Option<i64>,
    day: i64,
) -> (f64, f64) {
    let n = batch.len().max(1) as f64;
    let by = batch
        .iter()
        .filter(|r| f(r).is_some_and(|d| d <= day))
        .count() as f64;
    let all = batch.iter().filter(|r| f(r).is_some()).count() as f64;
    (by / n, all / n)
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    v.sort_unstable();
    crate::sim::output::summary::percentile(&v, 50.0)
}

/// The whole report as an HTML page. `batch` is a model-only batch of the same scenario (seeds
/// `batch_seed`, `batch_seed + 1`, …).
pub fn html(
    scn: &Scenario,
    games: &[Played],
    batch: &[RunSummary],
    batch_seed: u64,
    written_by: &str,
) -> String {
    let title = format!("Debrief: {}", scn.file.meta.title);
    let mut o = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{CSS} main{{max-width:60rem}} .grid{{display:grid;grid-template-columns:repeat(auto-fill,minmax(24rem,1fr));gap:.4rem 1rem}} .legend span{{display:inline-block;margin-right:1rem}} .sw{{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;margin-right:.3rem;border-radius:2px}}</style></head><body><main>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    // A session played to its close may end a run after its horizon: the charts reach the last day.
    let horizon = games
        .iter()
        .map(|g| g.sim.horizon().max(g.sim.state.day - 1))
        .chain(batch.iter().filter_map(|r| r.agreement))
        .max()
        .unwrap_or(scn.horizon_days as i64);
    let _ = writeln!(
        o,
        "<p class=\"muted\">Scenario <b>{}</b> from {}, up to {} days. {} game{} compared with {} runs of the model alone (seeds {}–{}). Written by {}.</p>",
        esc(&scn.file.meta.id),
        scn.start.long(),
        scn.horizon_days,
        games.len(),
        if games.len() == 1 { "" } else { "s" },
        batch.len(),
        batch_seed,
        batch_seed + batch.len().saturating_sub(1) as u64,
        esc(written_by)
    );

    // Side by side.
    o.push_str("<h2>The games side by side</h2>\n<table><thead><tr><th>#</th><th>Game</th><th>Played by people</th><th>Outcome</th><th>Talks reconvened</th><th>Agreement</th><th>Highest rung reached</th><th>Scores (0–100)</th></tr></thead><tbody>");
    for (i, g) in games.iter().enumerate() {
        let m = g.sim.milestones();
        let humans: Vec<&str> = g
            .humans
            .iter()
            .map(|&p| scn.parties[p as usize].id.as_str())
            .collect();
        let scores: Vec<String> = g
            .humans
            .iter()
            .map(|&p| {
                format!(
                    "{} {:.0}",
                    scn.parties[p as usize].id,
                    score(&g.sim, p).total
                )
            })
            .collect();
        let outcome = g.sim.outcome.as_ref();
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            esc(&g.label),
            esc(&if humans.is_empty() {
                "none".into()
            } else {
                humans.join(", ")
            }),
            outcome.map_or("—".into(), |o| format!(
                "{} (day {})",
                o.kind.key(),
                o.day
            )),
            day_text(scn, m.first_session),
            day_text(scn, m.agreement),
            esc(&scn.rungs[m.peak_rung as usize].name),
            esc(&scores.join(", "))
        );
    }
    // The model alone.
    let share = |k: OutcomeKind| {
        batch.iter().filter(|r| r.outcome == k).count() as f64 / batch.len().max(1) as f64
    };
    let outcomes: Vec<String> = OutcomeKind::ALL
        .iter()
        .map(|&k| format!("{} {:.0}%", k.key(), 100.0 * share(k)))
        .collect();
    let _ = writeln!(
        o,
        "<tr><td></td><td><i>the model alone, {} runs</i></td><td>none</td><td>{}</td><td>median {}</td><td>median {}</td><td></td><td></td></tr></tbody></table>",
        batch.len(),
        esc(&outcomes.join(", ")),
        day_text(
            scn,
            median(batch.iter().filter_map(|r| r.first_session).collect())
        ),
        day_text(
            scn,
            median(batch.iter().filter_map(|r| r.agreement).collect())
        )
    );
    o.push_str("<ul>");
    for g in games {
        let m = g.sim.milestones();
        let line = match (m.agreement, g.sim.outcome.as_ref()) {
            (Some(d), _) => {
                let (by, all) = model_share(batch, |r| r.agreement, d);
                format!(
                    "{} reached agreement on day {d} ({}); the model alone does so by that day in {:.0}% of runs (and within the {} days in {:.0}%).",
                    g.label,
                    scn.date_of(d),
                    100.0 * by,
                    horizon,
                    100.0 * all
                )
            }
            (None, Some(out)) => format!(
                "{} ended {} on day {}: {}; the model alone ends that way in {:.0}% of runs and reaches agreement in {:.0}%.",
                g.label,
                out.kind.key(),
                out.day,
                out.reason,
                100.0 * share(out.kind),
                100.0 * share(OutcomeKind::Agreement)
            ),
            (None, None) => format!("{} did not finish.", g.label),
        };
        let _ = write!(o, "<li>{}</li>", esc(&line));
    }
    o.push_str("</ul>\n<figure>");
    o.push_str(&compare_svg(scn, games, batch, horizon));
    o.push_str("<figcaption>How soon the model alone reconvenes the talks and reaches agreement across its runs; each game is marked where it did.</figcaption></figure>\n");

    for (i, g) in games.iter().enumerate() {
        game_section(&mut o, scn, g, i + 1, batch);
    }
    o.push_str("</main></body></html>\n");
    o
}

/// The back channel of a networked class game: every note with its offer, and how each offer was settled.
fn back_channel(o: &mut String, scn: &Scenario, sim: &Simulation) {
    let id = |p: &u8| scn.parties[*p as usize].id.as_str();
    let rows: Vec<(i64, String, String, String)> = sim
        .log
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| match e {
            Entry::Note {
                day,
                from,
                to,
                text,
                offer,
            } => Some((
                *day,
                format!("{} → {}", id(from), id(to)),
                text.clone(),
                offer
                    .as_ref()
                    .map(|o| crate::sim::output::render::describe_offer(scn, o))
                    .unwrap_or_default(),
            )),
            Entry::Offer {
                day, from, to, how, ..
            } => Some((
                *day,
                format!("{} → {}", id(from), id(to)),
                String::new(),
                format!("the offer is {}", how.key()),
            )),
            _ => None,
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    o.push_str("<h3>The back channel</h3><table><thead><tr><th>Day</th><th>Date</th><th>Between</th><th>Message</th><th>Offer</th></tr></thead><tbody>");
    for (day, between, text, offer) in rows {
        let _ = write!(
            o,
            "<tr><td>{day}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            scn.date_of(day),
            esc(&between),
            esc(&text),
            esc(&offer)
        );
    }
    o.push_str("</tbody></table>\n");
}

fn game_section(o: &mut String, scn: &Scenario, g: &Played, number: usize, batch: &[RunSummary]) {
    let sim = &g.sim;
    let _ = write!(
        o,
        "<div class=\"break\"></div>\n<h2 id=\"game-{number}\">Game {number}: {}</h2>\n",
        esc(&g.label)
    );
    if let Some(out) = &sim.outcome {
        let _ = writeln!(
            o,
            "<p class=\"note\"><b>{}</b> on day {} ({}): {}. Seed {}.</p>",
            out.kind.key().to_uppercase(),
            out.day,
            scn.date_of(out.day).long(),
            esc(&out.reason),
            sim.seed
        );
    }
    o.push_str("<h3>Timeline: phase and escalation</h3><figure>");
    o.push_str(&timeline_svg(scn, g));
    o.push_str("</figure>\n<h3>Positions drifting</h3><p class=\"legend\">");
    for (p, party) in scn.parties.iter().enumerate() {
        let _ = write!(
            o,
            "<span><i class=\"sw\" style=\"background:{}\"></i>{}{}</span>",
            party_colour(scn, p),
            esc(&party.id),
            if g.humans.contains(&(p as u8)) {
                " (people; thick line)"
            } else {
                ""
            }
        );
    }
    o.push_str("<span>- - - status quo</span></p><div class=\"grid\">");
    for k in 0..scn.issue_count() {
        let _ = write!(o, "<figure>{}</figure>", positions_svg(scn, g, k));
    }
    o.push_str("</div>\n<h3>Turning points</h3><table><thead><tr><th>Day</th><th>Date</th><th>What changed</th><th>Why</th></tr></thead><tbody>");
    for e in sim.log.as_deref().unwrap_or(&[]) {
        let row = match e {
            Entry::Phase {
                day,
                from,
                to,
                cause,
            } => Some((
                *day,
                format!("talks {} → {}", from.banner(), to.banner()),
                describe_cause(scn, cause),
            )),
            Entry::Rung {
                day,
                from,
                to,
                cause,
            } => Some((
                *day,
                format!(
                    "ladder {} → {}",
                    scn.rungs[*from as usize].name, scn.rungs[*to as usize].name
                ),
                describe_cause(scn, cause),
            )),
            Entry::Inject { day, text, .. } => {
                Some((*day, "the facilitator's inject".to_string(), text.clone()))
            }
            Entry::Verdicts { day, verdicts } => {
                let signs: Vec<&str> = verdicts
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.accepts)
                    .map(|(i, _)| scn.parties[i].id.as_str())
                    .collect();
                let refuses: Vec<String> = verdicts
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !v.accepts)
                    .map(|(i, v)| match v.crossed {
                        Some(k) => format!(
                            "{} (red line on {})",
                            scn.parties[i].id, scn.file.issues[k as usize].name
                        ),
                        None => format!(
                            "{} (gain {:.1} × credibility {:.2} + no-deal cost {:.1} = {:.1}, needed {:.1})",
                            scn.parties[i].id,
                            v.gain,
                            v.credibility,
                            v.relief,
                            v.value(),
                            v.needed
                        ),
                    })
                    .collect();
                let signs: Vec<String> = signs.iter().map(|id| id.to_string()).collect();
                Some((
                    *day,
                    "the package is weighed".to_string(),
                    format!(
                        "sign: {}; refuse: {}",
                        if signs.is_empty() {
                            "none".into()
                        } else {
                            signs.join(", ")
                        },
                        if refuses.is_empty() {
                            "none".into()
                        } else {
                            refuses.join(", ")
                        }
                    ),
                ))
            }
            _ => None,
        };
        if let Some((day, what, why)) = row {
            let _ = write!(
                o,
                "<tr><td>{day}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                scn.date_of(day),
                esc(&what),
                esc(&why)
            );
        }
    }
    o.push_str("</tbody></table>\n");
    crate::sim::output::commitments::debrief_section(o, scn, sim, batch);
    back_channel(o, scn, sim);

    // What the people did.
    o.push_str("<h3>What the human delegations did</h3>");
    if g.humans.is_empty() {
        o.push_str("<p>No delegation was played by people in this game.</p>");
    } else {
        o.push_str("<table><thead><tr><th>Delegation</th><th>Moves chosen</th><th>Time ran out</th><th>Most frequent</th><th>Outcome over status quo</th><th>Escalation</th><th>Moves' cost</th><th>Score</th></tr></thead><tbody>");
        for &p in &g.humans {
            let mine: Vec<&FixedMove> = sim
                .fixed_moves()
                .iter()
                .filter(|m| m.party == p && matches!(m.why, Why::Player | Why::Advisers))
                .collect();
            let timed = mine.iter().filter(|m| m.why == Why::Advisers).count();
            let mut kinds: Vec<(String, usize)> = Vec::new();
            for m in &mine {
                let d = m.action.kind().key().replace('_', " ");
                match kinds.iter_mut().find(|(k, _)| *k == d) {
                    Some(e) => e.1 += 1,
                    None => kinds.push((d, 1)),
                }
            }
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let top: Vec<String> = kinds
                .iter()
                .take(3)
                .map(|(k, c)| format!("{k} ×{c}"))
                .collect();
            let sc = score(sim, p);
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:+.1}</td><td>−{:.1}</td><td>−{:.1}</td><td><b>{:.0}</b>/100</td></tr>",
                esc(&scn.parties[p as usize].name),
                mine.len() - timed,
                timed,
                esc(&top.join(", ")),
                sc.outcome - sc.status_quo,
                sc.escalation,
                sc.cost,
                sc.total
            );
        }
        let sm = &scn.model.score;
        let _ = write!(
            o,
            "</tbody></table><p class=\"muted\">Score = 50 + {:.1} × what the outcome is worth to the delegation over the status quo, by its own preferences (the signed package; without a deal, the status quo less what no deal has come to cost it: pressure, sanctions, escalation) − up to {:.0} for the escalation lived through (by the average rung, less for the risk-tolerant) − {:.1} per 100 capital its moves spent, within 0–100.</p>",
            sm.deal, sm.escalation, sm.cost
        );
        // Notable moves: what moved the phase or the ladder.
        let notable: Vec<String> = sim
            .log
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .filter_map(|e| match e {
                Entry::Move {
                    day,
                    party,
                    action,
                    why: Why::Player | Why::Advisers,
                } if action.kind().is_military()
                    || matches!(
                        action.kind(),
                        crate::sim::action::ActionKind::WalkOut
                            | crate::sim::action::ActionKind::Boycott
                            | crate::sim::action::ActionKind::EaseSanctions
                            | crate::sim::action::ActionKind::ImposeSanctions
                            | crate::sim::action::ActionKind::CallForTalks
                            | crate::sim::action::ActionKind::ProposePackage
                    ) =>
                {
                    Some(format!(
                        "Day {day}: {} {}",
                        scn.parties[*party as usize].id,
                        describe_action(scn, action)
                    ))
                }
                _ => None,
            })
            .take(24)
            .collect();
        if !notable.is_empty() {
            o.push_str("<p>Notable moves by the people:</p><ul>");
            for n in notable {
                let _ = write!(o, "<li>{}</li>", esc(&n));
            }
            o.push_str("</ul>");
        }
    }

    // History.
    o.push_str("<h3>Against the historical course</h3>");
    if scn.course.is_empty() {
        o.push_str("<p>This scenario lists no historical course to compare with.</p>");
    } else {
        o.push_str("<table><thead><tr><th>Milestone</th><th>In history</th><th>In this game</th><th>The model alone</th></tr></thead><tbody>");
        let m = sim.milestones();
        for (hday, what, text) in &scn.course {
            let (game, model): (Option<i64>, Vec<i64>) = match what {
                CourseMilestone::DateSet => (m.first_date_set, Vec::new()),
                CourseMilestone::FirstSession => (
                    m.first_session,
                    batch.iter().filter_map(|r| r.first_session).collect(),
                ),
                CourseMilestone::Agreement => (
                    m.agreement,
                    batch.iter().filter_map(|r| r.agreement).collect(),
                ),
            };
            let diff = match game {
                Some(d) if d == *hday => "on the historical day".to_string(),
                Some(d) if d < *hday => format!("{} days earlier than history", hday - d),
                Some(d) => format!("{} days later than history", d - hday),
                None => "did not happen".to_string(),
            };
            let reached = model.len() as f64 / batch.len().max(1) as f64;
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{} — {}</td><td>{} — {}</td><td>{}</td></tr>",
                esc(what.name()),
                esc(&day_text(scn, Some(*hday))),
                esc(text),
                esc(&day_text(scn, game)),
                esc(&diff),
                // Batches do not keep the day a date was set.
                if *what == CourseMilestone::DateSet || batch.is_empty() {
                    "—".to_string()
                } else {
                    format!(
                        "{:.0}% of runs; median {}",
                        100.0 * reached,
                        day_text(scn, median(model))
                    )
                }
            );
        }
        o.push_str("</tbody></table>");
    }
}
