//! Commitments against actions, for people: each step of a signed deal traced through the chronicle (owed,
//! begun, disputed, done, broken), drawn as planned against actual lines for the debrief and the class
//! report, and listed for the briefs (the steps in force, or those a package would carry).

use crate::sim::output::doc::{Doc, esc, short};
use crate::sim::output::palette::{GREEN, GREY, ORANGE, SKY, VERMILLION, party_colour};
use crate::sim::output::render::describe_step;
use crate::sim::runs::batch::RunSummary;
use crate::sim::scenario::Scenario;
use crate::sim::state::chronicle::Entry;
use crate::sim::state::deal::{DealStatus, StepChange, StepStatus};
use crate::sim::step::Simulation;
use std::fmt::Write;

/// One step of the deal at the end of a run, with the days its chronicle records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Track {
    /// The step's kind (index into the scenario's commitments).
    pub kind: u16,
    /// Its due day.
    pub due: i64,
    /// The day it became owed.
    pub owed: Option<i64>,
    /// The day its owner began the work.
    pub begun: Option<i64>,
    /// The day the others disputed its verification.
    pub disputed: Option<i64>,
    /// The day it was done (verified).
    pub done: Option<i64>,
    /// The day its owner reneged on it.
    pub broken: Option<i64>,
    /// Days its owner refused verification.
    pub refusals: usize,
    /// Its due day passed before it was done.
    pub late: bool,
    /// What happened to it, day by day, in words.
    pub history: Vec<(i64, String)>,
}

/// The deal a run ended with (or the one in force when it stopped), step by step; none without one. Only
/// the chronicle from the deal's signature counts (a deal signed again after one unravelled replaces it).
pub fn tracks(sim: &Simulation) -> Option<(i64, Vec<Track>)> {
    let scn = &sim.scenario;
    let deal = sim.state.deal.as_ref()?;
    let mut out: Vec<Track> = deal
        .steps
        .iter()
        .map(|s| Track {
            kind: s.kind,
            due: s.due,
            late: s.late,
            done: s.status.done_day(),
            broken: match s.status {
                StepStatus::Broken(d) => Some(d),
                _ => None,
            },
            ..Track::default()
        })
        .collect();
    for e in sim.log.as_deref().unwrap_or(&[]) {
        let Entry::Step { day, step, change } = e else {
            continue;
        };
        if *day < deal.signed {
            continue;
        }
        let Some(t) = out.iter_mut().find(|t| t.kind == *step) else {
            continue;
        };
        match change {
            StepChange::Owed => t.owed = Some(*day),
            StepChange::Begun(..) => t.begun = Some(*day),
            StepChange::Disputed => t.disputed = Some(*day),
            StepChange::Refused(..) => t.refusals += 1,
            _ => {}
        }
        t.history.push((*day, describe_step(scn, *step, change).0));
    }
    Some((deal.signed, out))
}

/// Planned against actual: a row per step, the planned line from the signature to its due day, the actual
/// line from the day it was owed to the day it was done (or broken, or the end of the run), with the
/// dispute, the work and the due day marked.
pub fn planned_vs_actual_svg(scn: &Scenario, sim: &Simulation) -> Option<String> {
    let (signed, tracks) = tracks(sim)?;
    if tracks.is_empty() {
        return None;
    }
    // A deal that unravelled binds no more: its undone steps stop there.
    let unravelled = sim
        .state
        .deal
        .as_ref()
        .and_then(|d| d.unravelled.as_ref())
        .map(|u| u.day);
    let end = unravelled.unwrap_or(sim.state.day).max(1);
    let last = tracks
        .iter()
        .map(|t| t.due.max(t.done.unwrap_or(0)).max(t.broken.unwrap_or(0)))
        .max()
        .unwrap_or(end)
        .max(end);
    let from = signed.min(0);
    let span = (last - from).max(1) as f64;
    let row = 30.0;
    let (w, left, right, top) = (860.0, 300.0, 20.0, 18.0);
    let h = top + row * tracks.len() as f64 + 64.0;
    let x = |d: i64| left + (d - from) as f64 / span * (w - left - right);
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h:.0}\" role=\"img\" aria-label=\"The deal's steps, planned against actual\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">"
    );
    // The signature and the end of the run.
    let closing = if unravelled.is_some() {
        "unravelled"
    } else {
        "run ends"
    };
    for (d, label, anchor) in [(signed, "signed", "start"), (end, closing, "end")] {
        let xx = x(d);
        let _ = write!(
            o,
            "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{}\" y2=\"{:.1}\" stroke=\"#999\" stroke-dasharray=\"3 3\"/><text x=\"{xx:.1}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#555\">{label}</text>",
            top - 4.0,
            top + row * tracks.len() as f64,
            top - 6.0
        );
    }
    for (i, t) in tracks.iter().enumerate() {
        let kind = &scn.commitments.steps[t.kind as usize];
        let y = top + row * i as f64 + row / 2.0;
        let party = party_colour(scn, kind.party as usize);
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\"><tspan font-weight=\"bold\" fill=\"{party}\">{}</tspan> {}<title>{}</title></text>",
            left - 8.0,
            y + 4.0,
            esc(&scn.parties[kind.party as usize].id),
            esc(&short(&kind.name, 38)),
            esc(&kind.name)
        );
        // Planned: from the signature to the due day.
        let _ = write!(
            o,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{GREY}\" stroke-width=\"6\" stroke-linecap=\"butt\" opacity=\"0.45\"><title>planned: due day {} ({})</title></line><line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\" stroke-width=\"2\"/>",
            x(signed),
            x(t.due),
            y - 6.0,
            y - 6.0,
            t.due,
            scn.date_of(t.due),
            x(t.due),
            x(t.due),
            y - 11.0,
            y - 1.0
        );
        // Actual: from owed to done, broken, or the end of the run (dashed: still owed).
        let Some(start) = t.owed.or(t.done).or(t.broken) else {
            let _ = write!(
                o,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#555\">never owed (a step it comes after was not done)</text>",
                x(signed) + 4.0,
                y + 8.0
            );
            continue;
        };
        let stop = t.done.or(t.broken).unwrap_or(end);
        let (stroke, dash, what) = match (t.done, t.broken) {
            (Some(d), _) => (
                GREEN,
                "",
                format!("done on day {d}{}", if t.late { ", late" } else { "" }),
            ),
            (_, Some(d)) => (VERMILLION, "", format!("broken on day {d}")),
            _ => (
                ORANGE,
                " stroke-dasharray=\"5 3\"",
                "still undone".to_string(),
            ),
        };
        let _ = write!(
            o,
            "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{stroke}\" stroke-width=\"6\"{dash}><title>actual: owed from day {start}, {what}</title></line>",
            x(start),
            x(stop).max(x(start) + 2.0),
            y + 4.0,
            y + 4.0
        );
        if let Some(b) = t.begun.filter(|&b| Some(b) != t.done) {
            let _ = write!(
                o,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{SKY}\" stroke=\"#fff\"><title>work begun on day {b}</title></circle>",
                x(b),
                y + 4.0
            );
        }
        if let Some(d) = t.disputed {
            let _ = write!(
                o,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\" fill=\"{ORANGE}\" stroke=\"#fff\" transform=\"rotate(45 {:.1} {:.1})\"><title>verification disputed from day {d}{}</title></rect>",
                x(d) - 3.5,
                y + 0.5,
                x(d),
                y + 4.0,
                if t.refusals > 0 {
                    format!("; verification refused on {} days", t.refusals)
                } else {
                    String::new()
                }
            );
        }
        if let Some(d) = t.broken {
            let (xx, yy) = (x(d), y + 4.0);
            let _ = write!(
                o,
                "<path d=\"M{:.1},{:.1}L{:.1},{:.1}M{:.1},{:.1}L{:.1},{:.1}\" stroke=\"{VERMILLION}\" stroke-width=\"2.5\"><title>broken on day {d}</title></path>",
                xx - 5.0,
                yy - 5.0,
                xx + 5.0,
                yy + 5.0,
                xx - 5.0,
                yy + 5.0,
                xx + 5.0,
                yy - 5.0
            );
        }
    }
    // Day ticks along the bottom.
    let base = top + row * tracks.len() as f64 + 8.0;
    let step = if span > 240.0 {
        60
    } else if span > 90.0 {
        30
    } else {
        10
    };
    let mut d = from - from.rem_euclid(step) + if from.rem_euclid(step) == 0 { 0 } else { step };
    while d <= last {
        let xx = x(d);
        let _ = write!(
            o,
            "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{base:.1}\" y2=\"{:.1}\" stroke=\"#888\"/><text x=\"{xx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">day {d}</text><text x=\"{xx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
            base + 4.0,
            base + 15.0,
            base + 27.0,
            scn.date_of(d)
        );
        d += step;
    }
    let ly = h - 6.0;
    let mut lx = 10.0;
    for (c, label, round) in [
        (GREY, "planned, to the due day", false),
        (GREEN, "done", false),
        (ORANGE, "still owed", false),
        (VERMILLION, "broken", false),
        (SKY, "work begun", true),
        (ORANGE, "verification disputed", true),
    ] {
        let _ = write!(
            o,
            "<rect x=\"{lx}\" y=\"{:.1}\" width=\"10\" height=\"10\" rx=\"{}\" fill=\"{c}\"/><text x=\"{}\" y=\"{ly:.1}\">{label}</text>",
            ly - 9.0,
            if round { 5 } else { 0 },
            lx + 13.0
        );
        lx += 13.0 + 6.3 * label.chars().count() as f64 + 14.0;
    }
    o.push_str("</svg>");
    Some(o)
}

fn day_or_dash(scn: &Scenario, d: Option<i64>) -> String {
    d.map_or("—".into(), |d| format!("day {d} ({})", scn.date_of(d)))
}

/// The debrief's section on the deal of one game: the chart, then a row per step (owner, due, done,
/// slippage, what happened), then the model alone's shares of deals implemented, partly implemented and
/// unravelled. Nothing for a game without a deal with steps.
pub fn debrief_section(o: &mut String, scn: &Scenario, sim: &Simulation, batch: &[RunSummary]) {
    let Some(deal) = &sim.state.deal else {
        return;
    };
    let Some(svg) = planned_vs_actual_svg(scn, sim) else {
        return;
    };
    let Some((signed, tracks)) = tracks(sim) else {
        return;
    };
    let status = match deal.status() {
        DealStatus::Implemented => "implemented: every step was carried out".to_string(),
        DealStatus::Partly => {
            let undone: Vec<&str> = tracks
                .iter()
                .filter(|t| t.done.is_none())
                .map(|t| scn.commitments.steps[t.kind as usize].id.as_str())
                .collect();
            format!("partly implemented: still undone {}", undone.join(", "))
        }
        DealStatus::Unravelled => {
            let u = deal.unravelled.as_ref().expect("unravelled");
            format!(
                "unravelled on day {} ({}): {}",
                u.day,
                scn.date_of(u.day),
                u.why
            )
        }
    };
    let _ = write!(
        o,
        "<h3>Commitments against actions</h3><p>The deal signed on day {signed} ({}) was <b>{}</b>.</p><figure>{svg}<figcaption>Each step of the deal: the grey bar runs from the signature to its due day, the coloured one from the day it was owed to the day it was done (green), broken (red) or the run ended or the deal unravelled (dashed: still owed); a dot marks the work begun, a diamond a disputed verification.</figcaption></figure>",
        scn.date_of(signed),
        esc(&status)
    );
    o.push_str("<table><thead><tr><th>Owner</th><th>Step</th><th>Due</th><th>Done</th><th>Slippage (actual ÷ planned)</th><th>What happened</th></tr></thead><tbody>");
    for (k, t) in tracks.iter().enumerate() {
        let kind = &scn.commitments.steps[t.kind as usize];
        let slip = deal.slippage(k).map_or("—".into(), |s| format!("{s:.2}"));
        let done = match (t.done, t.broken) {
            (Some(d), _) => day_or_dash(scn, Some(d)),
            (_, Some(d)) => format!("broken on day {d}"),
            _ => "not done".into(),
        };
        let history: Vec<String> = t
            .history
            .iter()
            .map(|(d, what)| format!("day {d}: {what}"))
            .collect();
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{slip}</td><td>{}</td></tr>",
            esc(&scn.parties[kind.party as usize].id),
            esc(&kind.name),
            esc(&day_or_dash(scn, Some(t.due))),
            esc(&done),
            esc(&history.join("; "))
        );
    }
    o.push_str("</tbody></table>");
    let fixed: Vec<String> = sim
        .fixed_compliance()
        .iter()
        .filter(|f| f.day >= signed)
        .map(|f| {
            let kind = &scn.commitments.steps[f.step as usize];
            format!(
                "day {}: {} chose {} on \"{}\"",
                f.day,
                scn.parties[kind.party as usize].id,
                f.choice.word(),
                kind.name
            )
        })
        .collect();
    if !fixed.is_empty() {
        o.push_str("<p>Compliance chosen by people (or the script), not by the model:</p><ul>");
        for f in fixed {
            let _ = write!(o, "<li>{}</li>", esc(&f));
        }
        o.push_str("</ul>");
    }
    let deals: Vec<DealStatus> = batch.iter().filter_map(|r| r.deal).collect();
    if !deals.is_empty() {
        let share = |s: DealStatus| {
            100.0 * deals.iter().filter(|&&d| d == s).count() as f64 / batch.len() as f64
        };
        let _ = write!(
            o,
            "<p class=\"muted\">The model alone signs a deal with steps in {:.0}% of its {} runs: implemented {:.0}%, partly implemented {:.0}%, unravelled {:.0}% (shares of all runs).</p>",
            100.0 * deals.len() as f64 / batch.len() as f64,
            batch.len(),
            share(DealStatus::Implemented),
            share(DealStatus::Partly),
            share(DealStatus::Unravelled)
        );
    }
    o.push('\n');
}

/// The brief's section on commitments for party `p`: the agreement in force and where each of its steps
/// stands on the start date, or else the steps a signed package would carry; what `p` owes and what it
/// counts on others for.
pub fn brief_section(d: &mut Doc, sim: &Simulation, p: u8) {
    let scn = &sim.scenario;
    let kinds = &scn.commitments.steps;
    if kinds.is_empty() {
        return;
    }
    d.h(1, "Commitments");
    let id = |q: u8| {
        let s = scn.parties[q as usize].id.clone();
        if q == p { format!("{s} (you)") } else { s }
    };
    let after = |k: usize| -> String {
        let a: Vec<&str> = kinds[k]
            .after
            .iter()
            .map(|&a| kinds[a as usize].id.as_str())
            .collect();
        if a.is_empty() {
            "—".into()
        } else {
            a.join(", ")
        }
    };
    let owes = if sim.state.deal.is_some() {
        "You owe"
    } else {
        "You would owe"
    };
    let mine: Vec<&str> = kinds
        .iter()
        .filter(|k| k.party == p)
        .map(|k| k.name.as_str())
        .collect();
    match &sim.state.deal {
        Some(deal) => {
            d.p(format!(
                "An agreement signed on {} is in force. Each step below is owed once the steps it comes after are done; each day its owner carries it out, delays it or reneges. A renege, a nuclear test or leaving the talks by a party that owes steps unravels the deal.",
                scn.date_of(deal.signed).long()
            ));
            d.table(
                &[
                    "Owner",
                    "Step",
                    "Due",
                    "After",
                    "Verified",
                    "On the start date",
                ],
                deal.steps
                    .iter()
                    .map(|s| {
                        let k = s.kind as usize;
                        vec![
                            id(kinds[k].party),
                            kinds[k].name.clone(),
                            scn.date_of(s.due).long(),
                            after(k),
                            if kinds[k].verified { "yes" } else { "no" }.into(),
                            s.status.word().into(),
                        ]
                    })
                    .collect(),
            );
        }
        None => {
            d.p(format!(
                "A signed package is not the end: it carries the steps below on the issues it settles (moves at least {:.0} points from the status quo), each due a number of days after the signature. Each day a step is owed its owner carries it out, delays it or reneges; verified steps may be disputed (the others demand sampling: accept it, offer a narrower protocol, or refuse).",
                scn.model.compliance.settles
            ));
            d.table(
                &[
                    "Owner",
                    "Step",
                    "Issue",
                    "Due after signing",
                    "After",
                    "Verified",
                ],
                kinds
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        vec![
                            id(s.party),
                            s.name.clone(),
                            scn.file.issues[s.issue as usize].name.clone(),
                            format!("{} days", s.due_days),
                            after(k),
                            if s.verified { "yes" } else { "no" }.into(),
                        ]
                    })
                    .collect(),
            );
        }
    }
    let counts_on: Vec<&str> = kinds
        .iter()
        .filter(|k| k.party != p)
        .filter(|k| {
            kinds.iter().any(|m| {
                m.party == p
                    && (m.after.iter().chain(&m.insists_on)).any(|&a| kinds[a as usize].id == k.id)
            })
        })
        .map(|k| k.name.as_str())
        .collect();
    d.list(vec![
        if mine.is_empty() {
            "You owe no step of a deal.".into()
        } else {
            format!("{owes}: {}.", mine.join("; "))
        },
        if counts_on.is_empty() {
            "None of your steps waits on another party's.".into()
        } else {
            format!(
                "Your steps wait on (or you insist on first): {}.",
                counts_on.join("; ")
            )
        },
    ]);
}
