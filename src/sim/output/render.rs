//! Turns a run into words: the text chronicle and the JSON transcript (documented in docs/transcript.md).

use crate::sim::action::Action;
use crate::sim::output::json::{FORMAT, Ordered, round};
use crate::sim::scenario::Scenario;
use crate::sim::state::chronicle::{Cause, Entry, Why, of_day};
use crate::sim::state::deal::StepChange;
use crate::sim::state::factor::Factor;
use crate::sim::state::offers::{Offer, Settled};
use crate::sim::step::Simulation;
use serde::Serialize;
use std::fmt::Write;

fn pid(scn: &Scenario, i: u8) -> &str {
    &scn.parties[i as usize].id
}

fn iid(scn: &Scenario, k: u8) -> &str {
    &scn.file.issues[k as usize].id
}

/// A move in words for people at the table: as [`describe_action`], with the issues' names instead of
/// their ids (`concedes up to 5.0 on Denuclearisation`). Transcripts keep the ids.
pub fn name_move(scn: &Scenario, a: &Action) -> String {
    describe_with(scn, a, |k| &scn.file.issues[k as usize].name)
}

/// A move in words, e.g. `envoy to CHN`.
pub fn describe_action(scn: &Scenario, a: &Action) -> String {
    describe_with(scn, a, |k| iid(scn, k))
}

/// A move in words, with each issue it concerns written by `issue`.
fn describe_with<'a>(scn: &'a Scenario, a: &Action, issue: impl Fn(u8) -> &'a str) -> String {
    match *a {
        Action::Wait => "waits".into(),
        Action::ConciliatoryStatement => "conciliatory statement".into(),
        Action::HardlineStatement => "hardline statement".into(),
        Action::EnvoyVisit { to } => format!("envoy to {}", pid(scn, to)),
        Action::BilateralMeeting { with } => format!("bilateral meeting with {}", pid(scn, with)),
        Action::CallForTalks => "calls for talks".into(),
        Action::Attend => "confirms attendance".into(),
        Action::Boycott => "boycotts the session".into(),
        Action::ProposePackage { issues } => {
            let names: Vec<&str> = (0..scn.issue_count() as u8)
                .filter(|k| issues & (1 << k) != 0)
                .map(&issue)
                .collect();
            format!("proposes a package on {}", names.join(" + "))
        }
        Action::Concede { issue: k, amount } => {
            format!("concedes up to {amount:.1} on {}", issue(k))
        }
        Action::HoldFirm => "holds firm".into(),
        Action::WalkOut => "walks out".into(),
        Action::ImposeSanctions { on } => format!("imposes sanctions on {}", pid(scn, on)),
        Action::EaseSanctions { on } => format!("eases sanctions on {}", pid(scn, on)),
        Action::OfferAid { to } => format!("offers aid to {}", pid(scn, to)),
        Action::MissileTest => "MISSILE TEST".into(),
        Action::NuclearTest => "NUCLEAR TEST".into(),
        Action::MilitaryDrill => "military drill".into(),
        Action::Sign => "signs the draft".into(),
        Action::Refuse => "refuses the draft".into(),
        Action::LeaveTalks => "LEAVES THE TALKS".into(),
        Action::ExpelInspectors => "EXPELS THE INSPECTORS".into(),
        Action::RestartFacility => "RESTARTS A NUCLEAR FACILITY".into(),
        Action::Mediate { a, b } => format!("mediates between {} and {}", pid(scn, a), pid(scn, b)),
    }
}

/// How a delegation weighed the draft, e.g. `gain 12.0 x credibility 0.61 + no-deal cost 4.2 = 11.5 vs
/// needed 14.0`.
pub fn weighing(v: &crate::sim::state::table::Verdict) -> String {
    format!(
        "gain {:.1} x credibility {:.2} + no-deal cost {:.1} = {:.1} vs needed {:.1}",
        v.gain,
        v.credibility,
        v.relief,
        v.value(),
        v.needed
    )
}

/// A factor in words, e.g. `trust in CHN 65`.
pub fn describe_factor(scn: &Scenario, f: &Factor) -> String {
    match *f {
        Factor::Momentum(m) => format!("momentum {m:.0}"),
        Factor::Pressure(p) => format!("pressure {p:.0}"),
        Factor::TrustIn(j, t) => format!("trust in {} {t:.0}", pid(scn, j)),
        Factor::DistrustOf(j, t) => format!("distrust of {} (trust {t:.0})", pid(scn, j)),
        Factor::Doctrine(name, v) => format!("{name} {v:.2}"),
        Factor::Role(r) => format!("its role as {r}"),
        Factor::FaceLost(f) => format!("face lost {f:.0}"),
        Factor::DaysStalled(d) => format!("{d} days without a session"),
        Factor::Sanctioned(n) => format!(
            "sanctions on it by {n} part{}",
            if n == 1 { "y" } else { "ies" }
        ),
        Factor::Provocation(j, k, ago) => format!(
            "{}'s {} {}",
            pid(scn, j),
            k.key().replace('_', " "),
            match ago {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                d => format!("{d} days ago"),
            }
        ),
        Factor::Grievance(g) => format!("grievance {g:.0}"),
        Factor::Dissatisfaction(d) => format!("dissatisfaction with the table {d:.0}"),
        Factor::RedLineCrossed(k) => format!("the table crosses its red line on {}", iid(scn, k)),
        Factor::LowSalience(k, s) => format!("{} matters little to it ({s:.1})", iid(scn, k)),
        Factor::SessionDaysLeft(d) => {
            format!("{d} session day{} left", if d == 1 { "" } else { "s" })
        }
        Factor::Rung(r) => format!("ladder at {}", scn.rungs[r as usize].name),
        Factor::Rift(a, b, t) => format!(
            "rift between {} and {} (trust {t:.0})",
            pid(scn, a),
            pid(scn, b)
        ),
        Factor::DateWithinReach(m) => format!("momentum {m:.0} is enough to set a date"),
        Factor::GrievanceAt(j, g) => format!("grievance at {} {g:.0}", pid(scn, j)),
        Factor::FailedSession(d) => format!(
            "a session failed {}",
            match d {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                d => format!("{d} days ago"),
            }
        ),
        Factor::Shortfall(v) => format!("the draft is {v:.1} points short of what it needs"),
        Factor::FirstPackage => "no package of its own tabled yet".into(),
        Factor::WouldSign => "it would sign the draft".into(),
        Factor::Away(j) => format!("{} keeps the talks dormant", pid(scn, j)),
        Factor::Repeated(k, w) => format!("{} often lately ({w:.1})", k.key().replace('_', " ")),
        Factor::Hinges(j, v) => format!("the deal hinges on {}, {v:.1} points short", pid(scn, j)),
    }
}

/// Why a move was made, in words.
pub fn describe_why(scn: &Scenario, w: &Why) -> String {
    match w {
        Why::Scripted => "scripted".into(),
        Why::Player => "the player's choice".into(),
        Why::Advisers => "its advisers chose (time ran out, or the players handed over)".into(),
        Why::Model(f) if f.is_empty() => "no strong reason: the day's temperament".into(),
        Why::Model(f) => f
            .iter()
            .map(|(x, _)| describe_factor(scn, x))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// What moved the phase or the ladder, in words.
pub fn describe_cause(scn: &Scenario, c: &Cause) -> String {
    match c {
        Cause::Move(i, a) => format!("{} {}", pid(scn, *i), describe_action(scn, a)),
        Cause::Rule(r) => format!(
            "rule {}: {}",
            scn.rules[*r as usize].id, scn.rules[*r as usize].text
        ),
        Cause::Event(e) => format!("event of {}", scn.timeline[*e as usize].date),
        Cause::Scheduled(t) => format!("scheduled: {t}"),
        Cause::Inject(t) => format!("the facilitator's inject: {t}"),
        Cause::Momentum(m, t) => {
            if m >= t {
                format!("momentum {m:.0} reached {t:.0}")
            } else {
                format!("momentum {m:.0} fell below {t:.0}")
            }
        }
        Cause::DateSet(i, opens) => format!(
            "the host {} set the opening for {} (day {opens})",
            pid(scn, *i),
            scn.date_of(*opens)
        ),
        Cause::Opened => "the delegations are at the table".into(),
        Cause::Postponed(mask) => {
            let who: Vec<&str> = (0..scn.parties.len() as u8)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| pid(scn, i))
                .collect();
            format!("opening postponed: {} boycotted", who.join(", "))
        }
        Cause::Recess(i, d) => format!(
            "the session's days ran out; {} was furthest from signing (short by {d:.1} utility points)",
            pid(scn, *i)
        ),
        Cause::AllAccepted => "every delegation accepted the package on the table".into(),
        Cause::CooledOff => "the walkout's cooling-off period ended".into(),
        Cause::Returned(i) => format!("{} came back to the table", pid(scn, *i)),
        Cause::Consensus(opens) => format!(
            "enough delegations called for talks to set the opening for {} (day {opens}) without the host",
            scn.date_of(*opens)
        ),
        Cause::Step(k) => format!("step done: {}", scn.commitments.steps[*k as usize].name),
        Cause::Unravelled(Some(i)) => format!("{} broke the deal", pid(scn, *i)),
        Cause::Unravelled(None) => "the deal unravelled".into(),
    }
}

/// A step's change in words (its owner's id first), and its reason.
pub fn describe_step(scn: &Scenario, step: u16, change: &StepChange) -> (String, String) {
    let kind = &scn.commitments.steps[step as usize];
    let c = &scn.model.compliance;
    let what = &kind.name;
    match change {
        StepChange::Owed => (
            format!("owes \"{what}\" ({})", kind.id),
            if kind.after.is_empty() {
                "the deal makes it due from the signature".into()
            } else {
                let after: Vec<&str> = kind
                    .after
                    .iter()
                    .map(|&a| scn.commitments.steps[a as usize].id.as_str())
                    .collect();
                format!("the steps it comes after are done: {}", after.join(", "))
            },
        ),
        StepChange::Begun(carry, renege) => (
            format!("begins \"{what}\" ({})", kind.id),
            format!(
                "carrying it out scored {carry:.2} against 0 for delaying and {renege:.2} for reneging{}",
                if kind.work_days > 1.0 {
                    format!("; the work takes {:.0} days on average", kind.work_days)
                } else {
                    String::new()
                }
            ),
        ),
        StepChange::Late => (
            format!("\"{what}\" ({}) falls due undone", kind.id),
            format!(
                "the others' trust in {} falls by {:.0}",
                pid(scn, kind.party),
                c.late_trust
            ),
        ),
        StepChange::Disputed => (
            format!(
                "the others dispute the verification of \"{what}\" ({})",
                kind.id
            ),
            "they demand sampling; it counts as done only once the dispute is settled".into(),
        ),
        StepChange::Accepted(accept, refuse) => (
            format!(
                "accepts the others' sampling of \"{what}\" ({}): the dispute is over",
                kind.id
            ),
            format!(
                "accepting scored {accept:.2} against 0 for offering a narrower protocol and {refuse:.2} for refusing"
            ),
        ),
        StepChange::Settled => (
            format!(
                "the verification dispute over \"{what}\" ({}) is settled",
                kind.id
            ),
            "the others accepted the narrower verification protocol offered".into(),
        ),
        StepChange::Refused(accept, refuse) => (
            format!("refuses verification of \"{what}\" ({})", kind.id),
            format!(
                "refusing scored {refuse:.2} against 0 for offering a narrower protocol and {accept:.2} for accepting sampling; the others' trust falls by {:.0}",
                c.refuse_trust
            ),
        ),
        StepChange::Done => (
            format!("carried out \"{what}\" ({})", kind.id),
            format!(
                "the others' trust in {} grows by up to {:.0}; momentum +{:.0}",
                pid(scn, kind.party),
                c.done_trust,
                c.done_momentum
            ),
        ),
        StepChange::Broken(carry, renege) => (
            format!("reneges on \"{what}\" ({})", kind.id),
            format!(
                "reneging scored {renege:.2} against 0 for delaying and {carry:.2} for carrying it out; the others' trust falls by {:.0} and they hold it against it",
                c.broken_trust
            ),
        ),
    }
}

struct Line {
    party: Option<String>,
    kind: &'static str,
    action: Option<String>,
    target: Option<String>,
    text: String,
    reason: String,
    from: Option<String>,
    to: Option<String>,
}

fn line(scn: &Scenario, e: &Entry) -> Line {
    let mut l = Line {
        party: None,
        kind: "",
        action: None,
        target: None,
        text: String::new(),
        reason: String::new(),
        from: None,
        to: None,
    };
    match e {
        Entry::Background { event } | Entry::Event { event, .. } => {
            let ev = &scn.timeline[*event as usize];
            l.kind = if matches!(e, Entry::Background { .. }) {
                "background"
            } else {
                "event"
            };
            l.party = ev.actor.map(|a| pid(scn, a).to_string());
            l.action = ev.action.map(|k| k.key().to_string());
            l.text = ev.text.clone();
            l.reason = format!(
                "{}source: {}",
                if ev.article {
                    "reported in the seed article; "
                } else {
                    ""
                },
                ev.source
            );
        }
        Entry::Scheduled { text, .. } => {
            l.kind = "scheduled";
            l.text = text.clone();
            l.reason = "scheduled by an earlier rule or event".into();
        }
        Entry::Rule { rule, .. } => {
            let r = &scn.rules[*rule as usize];
            l.kind = "rule";
            l.text = format!("rule {} fires", r.id);
            l.reason = r.text.clone();
        }
        Entry::Move {
            party, action, why, ..
        } => {
            l.kind = "move";
            l.party = Some(pid(scn, *party).to_string());
            l.action = Some(action.kind().key().to_string());
            l.target = action.target().map(|t| pid(scn, t).to_string());
            l.text = describe_action(scn, action);
            l.reason = describe_why(scn, why);
        }
        Entry::Phase {
            from, to, cause, ..
        } => {
            l.kind = "phase";
            l.from = Some(from.key().to_string());
            l.to = Some(to.key().to_string());
            l.text = format!("talks {} -> {}", from.banner(), to.banner());
            l.reason = describe_cause(scn, cause);
        }
        Entry::Verdicts { verdicts, .. } => {
            l.kind = "verdicts";
            l.text = "how each delegation weighed the package".into();
            l.reason = verdicts
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let mut s = format!(
                        "{} {}: {}",
                        pid(scn, i as u8),
                        if v.accepts { "signs" } else { "refuses" },
                        weighing(v)
                    );
                    if let Some(k) = v.crossed {
                        let _ = write!(s, " (red line on {} crossed)", iid(scn, k));
                    }
                    if let Some(signs) = v.decided {
                        let _ = write!(
                            s,
                            " -- its own decision: {}",
                            if signs { "signed" } else { "refused" }
                        );
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join("; ");
        }
        Entry::Refused {
            party,
            by,
            action,
            willingness,
            ..
        } => {
            l.kind = "refused";
            l.party = Some(pid(scn, *by).to_string());
            l.action = Some(action.kind().key().to_string());
            l.target = Some(pid(scn, *party).to_string());
            l.text = format!(
                "refuses {}'s {}",
                pid(scn, *party),
                action.kind().key().replace('_', " ")
            );
            l.reason = format!(
                "its willingness {willingness:.2} is below {:.2} (trust in the sender, momentum and pressure, less grievance)",
                scn.model.consent.threshold
            );
        }
        Entry::Inject { text, prepared, .. } => {
            l.kind = "inject";
            l.text = text.clone();
            l.reason = match prepared {
                Some(id) => format!("the facilitator released the scenario's inject {id}"),
                None => {
                    "the facilitator's own inject (news: it changes nothing in the model)".into()
                }
            };
        }
        Entry::Note {
            from,
            to,
            text,
            offer,
            ..
        } => {
            l.kind = "note";
            l.party = Some(pid(scn, *from).to_string());
            l.target = Some(pid(scn, *to).to_string());
            l.text = format!("to {} (back channel): \"{text}\"", pid(scn, *to));
            l.reason = offer.as_ref().map_or_else(
                || "a private message".to_string(),
                |o| format!("offer: {}", describe_offer(scn, o)),
            );
        }
        Entry::Offer {
            from,
            to,
            offer,
            how,
            ..
        } => {
            l.kind = "offer";
            l.party = Some(pid(scn, *from).to_string());
            l.target = Some(pid(scn, *to).to_string());
            l.action = Some(how.key().to_string());
            l.text = format!(
                "{}'s offer to {} is {}",
                pid(scn, *from),
                pid(scn, *to),
                how.key()
            );
            let bc = &scn.model.back_channel;
            l.reason = match how {
                Settled::Taken => format!(
                    "{} moved as asked; {} now owes its move within {:.0} days ({})",
                    pid(scn, *to),
                    pid(scn, *from),
                    bc.keep_days,
                    describe_offer(scn, offer)
                ),
                Settled::Kept => format!(
                    "{} moved as it promised: {}'s trust in it grows",
                    pid(scn, *from),
                    pid(scn, *to)
                ),
                Settled::Broken => format!(
                    "{} did not move as it promised within {:.0} days: {} trusts it less and holds a grievance",
                    pid(scn, *from),
                    bc.keep_days,
                    pid(scn, *to)
                ),
                Settled::Lapsed => format!(
                    "{} did not move as asked within {:.0} days",
                    pid(scn, *to),
                    bc.open_days
                ),
            };
        }
        Entry::Step { step, change, .. } => {
            let kind = &scn.commitments.steps[*step as usize];
            l.kind = "step";
            l.party = Some(pid(scn, kind.party).to_string());
            l.action = Some(kind.id.clone());
            (l.text, l.reason) = describe_step(scn, *step, change);
        }
        Entry::Deal { text, .. } => {
            l.kind = "deal";
            l.text = text.clone();
            l.reason = "the commitments of the signed package".into();
        }
        Entry::Rung {
            from, to, cause, ..
        } => {
            l.kind = "rung";
            l.from = Some(scn.rungs[*from as usize].id.clone());
            l.to = Some(scn.rungs[*to as usize].id.clone());
            l.text = format!(
                "ladder {} -> {}",
                scn.rungs[*from as usize].name, scn.rungs[*to as usize].name
            );
            l.reason = describe_cause(scn, cause);
        }
    }
    l
}

/// An offer in words: "we move 10 on sanctions if you move 10 on denuclearisation".
pub fn describe_offer(scn: &Scenario, o: &Offer) -> String {
    format!(
        "we move {} on {} if you move {} on {}",
        o.give_by,
        iid(scn, o.give),
        o.want_by,
        iid(scn, o.want)
    )
}

fn entry_day(scn: &Scenario, e: &Entry) -> i64 {
    match e {
        Entry::Background { event } => scn.timeline[*event as usize].day,
        other => other.day().unwrap_or(0),
    }
}

/// The public record of day `day` (already played), a line each: the events, the rules that fired, who
/// made which move (without the model's reasons), refused meetings, the phase and the ladder with their
/// causes, and who signed the package put to the table. Nothing here is a delegation's private weighing:
/// the network host sends these lines to every seat.
pub fn public_lines(sim: &Simulation, day: i64) -> Vec<String> {
    let scn = &sim.scenario;
    let mut out = Vec::new();
    for e in of_day(sim.log.as_deref().unwrap_or(&[]), day) {
        let l = line(scn, e);
        let who = l
            .party
            .as_deref()
            .map(|p| format!("[{p}] "))
            .unwrap_or_default();
        out.push(match e {
            Entry::Event { .. } | Entry::Scheduled { .. } => format!("* {who}{}", l.text),
            Entry::Inject { .. } => format!("* Inject: {}", l.text),
            // The back channel is private to the two delegations (their views carry it).
            Entry::Note { .. } | Entry::Offer { .. } => continue,
            Entry::Rule { .. } => format!("~ {}: {}", l.text, l.reason),
            Entry::Move { .. } | Entry::Refused { .. } => format!("{who}{}", l.text),
            Entry::Phase { .. } | Entry::Rung { .. } => format!(">> {}: {}", l.text, l.reason),
            Entry::Step { .. } => format!("# {who}{}", l.text),
            Entry::Deal { .. } => format!("# {}", l.text),
            Entry::Verdicts { verdicts, .. } => {
                let ids = |signs: bool| {
                    let v: Vec<&str> = verdicts
                        .iter()
                        .enumerate()
                        .filter(|(_, v)| v.accepts == signs)
                        .map(|(i, _)| pid(scn, i as u8))
                        .collect();
                    if v.is_empty() {
                        "no one".to_string()
                    } else {
                        v.join(", ")
                    }
                };
                format!(
                    "= the package is put to the table: signed by {}; refused by {}",
                    ids(true),
                    ids(false)
                )
            }
            Entry::Background { .. } => continue,
        });
    }
    out
}

/// A back-channel note in words: `day 3: USA -> JPN: "text" [offer: we move … if you move …]`.
pub fn note_text(
    scn: &Scenario,
    day: i64,
    from: u8,
    to: u8,
    text: &str,
    offer: Option<&Offer>,
) -> String {
    let mut s = format!(
        "day {day}: {} -> {}: \"{text}\"",
        pid(scn, from),
        pid(scn, to)
    );
    if let Some(o) = offer {
        let _ = write!(s, " [offer: {}]", describe_offer(scn, o));
    }
    s
}

/// Party `p`'s back channel so far, a line each, oldest first: the notes it sent and received (with their
/// offers), the notes on their way to be read today, and how its offers were settled. Private to `p` (and
/// the facilitator, who reads the whole transcript).
pub fn back_channel_lines(sim: &Simulation, p: u8) -> Vec<String> {
    let scn = &sim.scenario;
    let mut out = Vec::new();
    for e in sim.log.as_deref().unwrap_or(&[]) {
        match e {
            Entry::Note {
                day,
                from,
                to,
                text,
                offer,
            } if *from == p || *to == p => {
                out.push(note_text(scn, *day, *from, *to, text, offer.as_ref()))
            }
            Entry::Offer { day, from, to, .. } if *from == p || *to == p => {
                let l = line(scn, e);
                out.push(format!("day {day}: {}: {}", l.text, l.reason));
            }
            _ => {}
        }
    }
    for n in sim.notes() {
        if n.day >= sim.state.day && (n.from == p || n.to == p) {
            out.push(note_text(
                scn,
                n.day,
                n.from,
                n.to,
                &n.text,
                n.offer.as_ref(),
            ));
        }
    }
    out
}

/// The readable day-by-day chronicle.
pub fn text(sim: &Simulation) -> String {
    let scn = &sim.scenario;
    let mut out = String::new();
    let end = scn.date_of(sim.horizon());
    let _ = writeln!(out, "{}", scn.file.meta.title);
    let _ = writeln!(
        out,
        "Scenario {} | seed {} | {} to {} ({} days)",
        scn.file.meta.id,
        sim.seed,
        scn.start,
        end,
        sim.horizon()
    );
    let log = sim.log.as_deref().unwrap_or(&[]);
    let mut current: Option<i64> = None;
    let mut background = true;
    for e in log {
        let l = line(scn, e);
        if let Entry::Background { event } = e {
            if current.is_none() {
                let _ = writeln!(out, "\nBackground");
                current = Some(i64::MIN);
            }
            let ev = &scn.timeline[*event as usize];
            let who = l
                .party
                .as_deref()
                .map(|p| format!("[{p}] "))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}  {who}{}  ({})", ev.date, l.text, l.reason);
            continue;
        }
        if background {
            background = false;
            let _ = writeln!(
                out,
                "\nAt the start: talks {} (no session since {}), ladder at \"{}\".",
                sim.state.start_phase.banner(),
                scn.stalled_since,
                scn.rungs[sim.state.start_rung as usize].name
            );
        }
        let day = entry_day(scn, e);
        if current != Some(day) {
            current = Some(day);
            let date = scn.date_of(day);
            let _ = writeln!(out, "\nDay {day} | {} {date}", date.weekday());
        }
        match e {
            Entry::Event { .. } | Entry::Scheduled { .. } => {
                let who = l
                    .party
                    .as_deref()
                    .map(|p| format!("[{p}] "))
                    .unwrap_or_default();
                let _ = writeln!(out, "  * {who}{}  ({})", l.text, l.reason);
            }
            Entry::Rule { .. } => {
                let _ = writeln!(out, "  ~ {}: {}", l.text, l.reason);
            }
            Entry::Inject { .. } => {
                let _ = writeln!(out, "  * Inject: {}  ({})", l.text, l.reason);
            }
            Entry::Note { .. } | Entry::Offer { .. } => {
                let _ = writeln!(
                    out,
                    "  @ {:<5} {}  -- {}",
                    l.party.as_deref().unwrap_or(""),
                    l.text,
                    l.reason
                );
            }
            Entry::Move { .. } | Entry::Refused { .. } => {
                let _ = writeln!(
                    out,
                    "  {:<5} {}  -- why: {}",
                    l.party.as_deref().unwrap_or(""),
                    l.text,
                    l.reason
                );
            }
            Entry::Phase { .. } | Entry::Rung { .. } => {
                let _ = writeln!(out, "  >> {}: {}", l.text, l.reason);
            }
            Entry::Step { .. } => {
                let _ = writeln!(
                    out,
                    "  # {:<5} {}  -- {}",
                    l.party.as_deref().unwrap_or(""),
                    l.text,
                    l.reason
                );
            }
            Entry::Deal { .. } => {
                let _ = writeln!(out, "  # {}", l.text);
            }
            Entry::Verdicts { verdicts, .. } => {
                let _ = writeln!(out, "  = {}:", l.text);
                for part in l.reason.split("; ").take(verdicts.len()) {
                    let _ = writeln!(out, "      {part}");
                }
            }
            Entry::Background { .. } => {}
        }
    }
    if let Some(o) = &sim.outcome {
        let m = sim.milestones();
        let _ = writeln!(
            out,
            "\nOutcome: {} on day {} ({}): {}.",
            match o.deal {
                Some(d) => format!("{}, {}", o.kind.key(), d.words()).to_uppercase(),
                None => o.kind.key().to_uppercase(),
            },
            o.day,
            scn.date_of(o.day),
            o.reason
        );
        let at = |d: Option<i64>| {
            d.map_or("not reached".to_string(), |d| {
                format!("day {d} ({})", scn.date_of(d))
            })
        };
        let _ = writeln!(
            out,
            "Milestones: contacts {}; date set {}; first session {}; agreement {}; sessions {}; walkouts {}; peak rung \"{}\" (day {}).",
            at(m.first_contacts),
            at(m.first_date_set),
            at(m.first_session),
            at(m.agreement),
            m.sessions,
            m.walkouts,
            scn.rungs[m.peak_rung as usize].name,
            m.peak_rung_day
        );
        if let Some(deal) = &sim.state.deal {
            let _ = writeln!(out, "Commitments (signed {}):", at(Some(deal.signed)));
            for (k, st) in commitments(sim, deal) {
                let _ = writeln!(
                    out,
                    "  {:<5} {} ({}): due {}; {}{}",
                    st.party,
                    scn.commitments.steps[deal.steps[k].kind as usize].name,
                    st.id,
                    at(Some(st.due_day)),
                    st.status,
                    match (st.done_day, st.slippage) {
                        (Some(d), Some(f)) => format!(" {} (slippage {f:.2})", at(Some(d))),
                        _ if st.late => ", late".to_string(),
                        _ => String::new(),
                    }
                );
            }
        }
    } else {
        let _ = writeln!(out, "\n(The run is not finished: day {}.)", sim.state.day);
    }
    out
}

/// One step of the deal, as the transcript's JSON and text list it.
#[derive(Clone, Debug, Serialize)]
pub struct StepJson {
    id: String,
    party: String,
    due_day: i64,
    status: &'static str,
    done_day: Option<i64>,
    late: bool,
    slippage: Option<f64>,
}

/// The deal's steps as they stand (index into the deal's steps, and the step).
fn commitments(sim: &Simulation, deal: &crate::sim::state::deal::Deal) -> Vec<(usize, StepJson)> {
    let scn = &sim.scenario;
    deal.steps
        .iter()
        .enumerate()
        .map(|(k, st)| {
            let kind = &scn.commitments.steps[st.kind as usize];
            (
                k,
                StepJson {
                    id: kind.id.clone(),
                    party: pid(scn, kind.party).to_string(),
                    due_day: st.due,
                    status: st.status.word(),
                    done_day: st.status.done_day(),
                    late: st.late,
                    slippage: deal.slippage(k).map(|f| round(f, 3)),
                },
            )
        })
        .collect()
}

/// The deal signed, as in the transcript's JSON.
#[derive(Clone, Debug, Serialize)]
pub struct DealJson {
    signed_day: i64,
    status: &'static str,
    unravelled_day: Option<i64>,
    unravelled_by: Option<String>,
    unravelled_why: Option<String>,
    steps: Vec<StepJson>,
}

/// The outcome and milestones, as in the transcript's JSON.
#[derive(Clone, Debug, Serialize)]
pub struct OutcomeJson {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    deal: Option<&'static str>,
    day: i64,
    date: String,
    reason: String,
    milestones: MilestonesJson,
}

#[derive(Clone, Debug, Serialize)]
struct MilestonesJson {
    first_contacts_day: Option<i64>,
    first_contacts_date: Option<String>,
    first_date_set_day: Option<i64>,
    first_session_day: Option<i64>,
    first_session_date: Option<String>,
    agreement_day: Option<i64>,
    agreement_date: Option<String>,
    sessions: u32,
    walkouts: u32,
    peak_rung: String,
    peak_rung_day: i64,
}

/// One entry of the chronicle, as in the transcript's JSON.
#[derive(Clone, Debug, Serialize)]
struct EventJson {
    day: i64,
    date: String,
    kind: &'static str,
    party: Option<String>,
    action: Option<String>,
    target: Option<String>,
    text: String,
    reason: String,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
struct ScenarioJson {
    id: String,
    title: String,
    start: String,
    horizon_days: i64,
}

#[derive(Clone, Debug, Serialize)]
struct PartyJson {
    id: String,
    pressure: f64,
    positions: Ordered<f64>,
}

#[derive(Clone, Debug, Serialize)]
struct FinalStateJson {
    phase: &'static str,
    rung: String,
    momentum: f64,
    parties: Vec<PartyJson>,
}

/// The whole transcript of a run (docs/transcript.md).
#[derive(Clone, Debug, Serialize)]
pub struct TranscriptJson {
    format: u32,
    scenario: ScenarioJson,
    seed: u64,
    events: Vec<EventJson>,
    final_state: FinalStateJson,
    outcome: Option<OutcomeJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    commitments: Option<DealJson>,
}

/// The outcome and milestones, once the run has one.
pub fn outcome_json(sim: &Simulation) -> Option<OutcomeJson> {
    let scn = &sim.scenario;
    let m = sim.milestones();
    let date = |d: Option<i64>| d.map(|d| scn.date_of(d).to_string());
    let o = sim.outcome.as_ref()?;
    Some(OutcomeJson {
        kind: o.kind.key(),
        deal: o.deal.map(|d| d.key()),
        day: o.day,
        date: scn.date_of(o.day).to_string(),
        reason: o.reason.clone(),
        milestones: MilestonesJson {
            first_contacts_day: m.first_contacts,
            first_contacts_date: date(m.first_contacts),
            first_date_set_day: m.first_date_set,
            first_session_day: m.first_session,
            first_session_date: date(m.first_session),
            agreement_day: m.agreement,
            agreement_date: date(m.agreement),
            sessions: m.sessions,
            walkouts: m.walkouts,
            peak_rung: scn.rungs[m.peak_rung as usize].id.clone(),
            peak_rung_day: m.peak_rung_day,
        },
    })
}

/// The whole transcript, ready for [`crate::sim::output::json::pretty`].
pub fn json(sim: &Simulation) -> TranscriptJson {
    let scn = &sim.scenario;
    let events = sim
        .log
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|e| {
            let l = line(scn, e);
            let day = entry_day(scn, e);
            EventJson {
                day,
                date: scn.date_of(day).to_string(),
                kind: l.kind,
                party: l.party,
                action: l.action,
                target: l.target,
                text: l.text,
                reason: l.reason,
                from: l.from,
                to: l.to,
            }
        })
        .collect();
    let final_state = FinalStateJson {
        phase: sim.state.phase.key(),
        rung: scn.rungs[sim.state.rung as usize].id.clone(),
        momentum: round(sim.state.momentum, 2),
        parties: scn
            .parties
            .iter()
            .zip(&sim.state.parties)
            .map(|(p, s)| PartyJson {
                id: p.id.clone(),
                pressure: round(s.pressure, 2),
                positions: scn
                    .file
                    .issues
                    .iter()
                    .zip(&s.positions)
                    .map(|(is, v)| (is.id.clone(), round(*v, 2)))
                    .collect(),
            })
            .collect(),
    };
    TranscriptJson {
        format: FORMAT,
        scenario: ScenarioJson {
            id: scn.file.meta.id.clone(),
            title: scn.file.meta.title.clone(),
            start: scn.start.to_string(),
            horizon_days: sim.horizon(),
        },
        seed: sim.seed,
        events,
        final_state,
        outcome: outcome_json(sim),
        commitments: sim.state.deal.as_ref().map(|d| DealJson {
            signed_day: d.signed,
            status: d.status().key(),
            unravelled_day: d.unravelled.as_ref().map(|u| u.day),
            unravelled_by: d
                .unravelled
                .as_ref()
                .and_then(|u| u.by)
                .map(|p| pid(scn, p).to_string()),
            unravelled_why: d.unravelled.as_ref().map(|u| u.why.clone()),
            steps: commitments(sim, d).into_iter().map(|(_, s)| s).collect(),
        }),
    }
}

/// The whole transcript as pretty-printed JSON text (what `sixparty run --format json` prints).
pub fn json_text(sim: &Simulation) -> String {
    crate::sim::output::json::pretty(&json(sim))
}
