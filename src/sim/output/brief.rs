//! Role briefs for a classroom, generated from the scenario file alone: the situation on the start date,
//! the delegation's goals and red lines, how much each issue matters, its relations with the others, the
//! events so far and its options. Nothing in a brief is written by hand: change the scenario and the brief
//! follows.

use crate::sim::action::ActionKind;
use crate::sim::decide::options;
use crate::sim::output::doc::{Block, Doc};
use crate::sim::output::render::{describe_action, describe_factor};
use crate::sim::scenario::{RedLine, Role, Scenario};
use crate::sim::state::table::{chair_table, verdict};
use crate::sim::step::Simulation;
use std::sync::Arc;

fn salience_words(s: f64) -> &'static str {
    match s {
        s if s >= 0.8 => "vital",
        s if s >= 0.55 => "important",
        s if s >= 0.3 => "secondary",
        _ => "minor",
    }
}

fn trust_words(t: f64) -> &'static str {
    match t {
        // 70 is where the model lets a delegation follow a partner that signs.
        t if t >= 70.0 => "close partner",
        t if t >= 55.0 => "friendly",
        t if t >= 40.0 => "guarded",
        t if t >= 25.0 => "distrustful",
        _ => "hostile",
    }
}

fn trait_words(v: f64) -> &'static str {
    match v {
        v if v >= 0.75 => "very high",
        v if v >= 0.55 => "high",
        v if v >= 0.35 => "moderate",
        v if v >= 0.15 => "low",
        _ => "very low",
    }
}

fn phase_words(p: crate::sim::scenario::Phase) -> &'static str {
    use crate::sim::scenario::Phase;
    match p {
        Phase::Stalled => "stalled, with no contacts under way",
        Phase::Contacts => "at the stage of contacts: envoys and bilateral meetings, no date set",
        Phase::Preparatory => "in preparation: a date for a session is set",
        Phase::InSession => "in session",
        Phase::Agreement => "concluded with an agreement",
        Phase::Walkout => "broken off after a walkout",
    }
}

fn role_words(r: Role) -> &'static str {
    match r {
        Role::Host => "host and chair: only your call for talks sets a date for a session",
        Role::Mediator => "mediator: you work between the others",
        Role::Principal => "principal: the dispute the talks are about is yours",
        Role::Member => "member: you sit at the table with your own agenda",
    }
}

/// What each kind of move does, in the model's own terms (see `engine.rs`, `perform`).
pub fn move_effect(k: ActionKind) -> &'static str {
    match k {
        ActionKind::Wait => "Nothing happens; your advisers keep watching.",
        ActionKind::ConciliatoryStatement => {
            "Raises momentum a little and the others' trust in you; costs a little face."
        }
        ActionKind::HardlineStatement => {
            "Lowers momentum and the others' trust in you, angers those who distrust you; gains face."
        }
        ActionKind::EnvoyVisit => {
            "Builds trust both ways with the party visited and raises momentum (more for a weighty sender)."
        }
        ActionKind::BilateralMeeting => {
            "Builds trust both ways, raises momentum and draws the two positions a little closer."
        }
        ActionKind::CallForTalks => {
            "Raises momentum; from the host, once momentum is high enough and no one boycotts, it sets the date of a session."
        }
        ActionKind::Attend => "Confirms you will come to the announced session; raises momentum.",
        ActionKind::Boycott => {
            "Refuses the coming session (it is postponed); lowers momentum and the others' trust; gains face."
        }
        ActionKind::ProposePackage => {
            "In session: pulls the draft on the table towards your positions on the chosen issues (more for a weighty party), and you give a little on your least important gap."
        }
        ActionKind::Concede => {
            "In session: moves your position towards the table on one issue (never past your red line); others trust you more, you lose face."
        }
        ActionKind::HoldFirm => "In session: you keep your positions; gains a little face.",
        ActionKind::WalkOut => {
            "Leaves the session: momentum collapses, trust in you falls, the talks break off for a cooling-off period."
        }
        ActionKind::ImposeSanctions => {
            "Raises the pressure on the target and its anger, lowers its trust in you and the momentum."
        }
        ActionKind::EaseSanctions => {
            "Lowers the pressure on the target, which trusts you much more; raises momentum a lot; costs you face."
        }
        ActionKind::OfferAid => {
            "Eases the pressure on the target, which trusts you more; raises momentum."
        }
        ActionKind::MissileTest => {
            "Sharply lowers momentum and everyone's trust in you, raises the pressure on you, and may climb the escalation ladder."
        }
        ActionKind::NuclearTest => {
            "Wrecks momentum and trust, raises the pressure on you a lot, and climbs the escalation ladder."
        }
        ActionKind::MilitaryDrill => {
            "Lowers momentum a little and angers those who distrust you; may climb the ladder."
        }
        ActionKind::Mediate => {
            "Builds trust between two others, and theirs in you; raises momentum."
        }
        ActionKind::Sign => {
            "In session: your delegation signs the draft; the signature stands for any later draft worth as much to you. The package is agreed when every delegation signs."
        }
        ActionKind::Refuse => {
            "In session: your delegation refuses the draft, whatever your advisers would say, until you sign."
        }
        ActionKind::LeaveTalks => {
            "Leaves the talks: they stay dormant until you come back; wrecks momentum and trust, angers the others, gains face."
        }
        ActionKind::ExpelInspectors => {
            "Sends the inspectors home: an escalation that lowers momentum and trust, angers the others and may climb the ladder."
        }
        ActionKind::RestartFacility => {
            "Restarts a frozen nuclear facility: lowers momentum and trust sharply, raises the pressure on you and may climb the ladder."
        }
    }
}

/// A source as a reader knows it: its citation up to the first comma ("RIA Novosti"), not its id.
fn source_name(file: &crate::sim::scenario::ScenarioFile, id: &str) -> String {
    file.meta
        .sources
        .iter()
        .find(|s| s.id == id)
        .map_or(id.to_string(), |s| {
            s.cite
                .split(", ")
                .next()
                .unwrap_or(&s.cite)
                .trim()
                .to_string()
        })
}

fn red_line_text(rl: Option<RedLine>) -> String {
    match rl {
        Some(RedLine::AtLeast(x)) => format!("no deal below {x:.0}"),
        Some(RedLine::AtMost(x)) => format!("no deal above {x:.0}"),
        None => "none".into(),
    }
}

/// The brief of party `p` as a document.
pub fn brief(scn: &Arc<Scenario>, p: u8) -> Doc {
    let party = &scn.parties[p as usize];
    let file = &scn.file;
    // The state on the start date as the delegations see it when they first decide: the background
    // events and the first day's events applied (the same numbers the advisers' table below uses).
    let sim = Simulation::new(Arc::clone(scn), 0, false);
    let today = sim.state_at_decision();
    let st = &today;
    let start = scn.start;
    let mut d = Doc::new(format!(
        "Brief for the {} delegation — {}",
        party.name, file.meta.title
    ));
    d.note(format!(
        "For the {} delegation only. Scenario {}, starting {}. Generated from the scenario file by sixparty brief.",
        party.id,
        file.meta.id,
        start.long()
    ));

    // One page first: who you are, what you want, where your red lines are, and how you are scored.
    d.h(1, "At a glance");
    let most = party
        .stances
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.salience.total_cmp(&b.1.salience))
        .map(|(k, _)| file.issues[k].name.clone())
        .unwrap_or_default();
    let lines: Vec<String> = file
        .issues
        .iter()
        .zip(&party.stances)
        .filter(|(_, st)| st.red_line.is_some())
        .map(|(issue, st)| format!("{}: {}", issue.name, red_line_text(st.red_line)))
        .collect();
    let mut glance = vec![
        format!(
            "You lead {} ({}), head of delegation {}.",
            party.name, party.id, party.head
        ),
        format!(
            "On {} the talks are {} and the ladder stands at \"{}\"; the game lasts up to {} days.",
            start.long(),
            phase_words(st.phase),
            scn.rungs[st.rung as usize].name,
            scn.horizon_days
        ),
        format!("What you care about most: {most}."),
        if lines.is_empty() {
            "You have no red lines.".to_string()
        } else {
            format!("Your red lines (a deal across one cannot be signed): {}.", lines.join("; "))
        },
        "Your score: 50 + what the outcome is worth to you against the status quo − the escalation lived through − the political capital spent (see How you are scored).".to_string(),
    ];
    if !party.aims.is_empty() {
        glance.insert(1, format!("Your aims: {}", party.aims));
    }
    d.list(glance);

    d.h(1, "How you are scored");
    d.p("At the end of the game your delegation gets a score out of 100, by its own preferences, not by the outcome's name: 50, plus the utility of the outcome minus the utility of the status quo, times the scenario's `score.deal` weight (utility is 100 minus the salience-weighted distance from your ideals on the issues, so a deal close to what you want on what you care about scores high), minus the escalation you lived through (how high the ladder stood on average over the game's days, counted less the more risk your delegation tolerates), minus the political capital your moves spent.");
    d.p("Without a deal, the outcome is the status quo less the cost of no deal (pressure, sanctions, the rung). A deal you could not sign is never imposed on you: a red line crossed means the package fails. The debrief and the class report show each part of the score.");
    // The summary and the scoring make the first printed page; the detail follows.
    d.page_break();

    d.h(1, "The situation");
    if let Some(svg) = crate::sim::output::region::brief_map(scn, p) {
        d.blocks.push(super::doc::Block::Figure(
            svg,
            format!(
                "The region: the capitals of the six (Washington and Moscow off the map, at its edge), {} in its colour. Map data: Natural Earth, public domain.",
                party.name
            ),
        ));
    }
    d.p(file.meta.summary.clone());
    let since = scn.stalled_since;
    d.p(format!(
        "On {}: the talks are {} (the last session ended on {}, {} days ago); the escalation ladder stands at \"{}\"; diplomatic momentum is {:.0} out of 100 (contacts begin at {:.0}, the host can set a date from {:.0}). The game lasts up to {} days, to {}.",
        start.long(),
        phase_words(st.phase),
        since.long(),
        start.days_since(since),
        scn.rungs[st.rung as usize].name,
        st.momentum,
        file.talks.contacts_at,
        file.talks.prepare_at,
        scn.horizon_days,
        scn.date_of(scn.horizon_days as i64).long()
    ));
    if !file.talks.history.is_empty() {
        d.h(2, "Sessions so far");
        d.table(
            &["Session", "From", "To", "Result"],
            file.talks
                .history
                .iter()
                .map(|h| {
                    vec![
                        h.name.clone(),
                        h.from.clone(),
                        h.to.clone(),
                        h.result.clone(),
                    ]
                })
                .collect(),
        );
    }

    d.h(1, format!("Your delegation: {}", party.name));
    let mut who = vec![
        format!("Head of delegation: {}.", party.head),
        format!("Your role: {}.", role_words(party.doctrine.role)),
        format!(
            "Weight at the table and in the world: {:.0} out of 100.",
            party.capability
        ),
        format!(
            "Pressure on you today: {:.0} out of 100.",
            st.parties[p as usize].pressure
        ),
    ];
    let sanctions: Vec<&str> = (0..scn.parties.len() as u8)
        .filter(|&j| st.sanctions(p, j))
        .map(|j| scn.parties[j as usize].id.as_str())
        .collect();
    if !sanctions.is_empty() {
        who.push(format!(
            "You hold sanctions or financial measures on: {}.",
            sanctions.join(", ")
        ));
    }
    let on_you: Vec<&str> = (0..scn.parties.len() as u8)
        .filter(|&j| st.sanctions(j, p))
        .map(|j| scn.parties[j as usize].id.as_str())
        .collect();
    if !on_you.is_empty() {
        who.push(format!(
            "Sanctions or financial measures on you, held by: {}.",
            on_you.join(", ")
        ));
    }
    d.list(who);
    if !party.aims.is_empty() {
        d.h(2, "What you want");
        d.p(party.aims.clone());
    }
    let doc = &party.doctrine;
    d.h(2, "Your instructions from the capital (doctrine)");
    d.table(
        &["Trait", "Level", "What it means at the table"],
        vec![
            vec![
                "Patience".into(),
                format!("{} ({:.2})", trait_words(doc.patience), doc.patience),
                "How content you are to wait and watch rather than act on a given day.".into(),
            ],
            vec![
                "Resolve".into(),
                format!("{} ({:.2})", trait_words(doc.resolve), doc.resolve),
                "How firmly you hold your positions; the gain you need before you sign grows with it."
                    .into(),
            ],
            vec![
                "Risk tolerance".into(),
                format!("{} ({:.2})", trait_words(doc.risk_tolerance), doc.risk_tolerance),
                "Your appetite for escalatory moves.".into(),
            ],
            vec![
                "Sensitivity to pressure".into(),
                format!(
                    "{} ({:.2})",
                    trait_words(doc.pressure_sensitivity),
                    doc.pressure_sensitivity
                ),
                "How far pressure on you lowers what you need before you sign.".into(),
            ],
            vec![
                "Sensitivity to face".into(),
                format!("{} ({:.2})", trait_words(doc.face_sensitivity), doc.face_sensitivity),
                "How much concessions and slights weigh on you.".into(),
            ],
        ],
    );

    d.h(1, "The issues: your goals and red lines");
    d.p("Each issue runs from 0 to 100. The status quo is where things stand with no deal: you judge any package against it. The chair's draft is the weighted middle of today's positions, the likely starting text of a session.");
    let table = chair_table(scn, st);
    let rows = scn
        .file
        .issues
        .iter()
        .enumerate()
        .map(|(k, issue)| {
            let stance = &party.stances[k];
            vec![
                issue.name.clone(),
                format!("0 = {}; 100 = {}", issue.low, issue.high),
                format!("{:.0}", st.parties[p as usize].positions[k]),
                red_line_text(stance.red_line),
                format!(
                    "{} ({:.2})",
                    salience_words(stance.salience),
                    stance.salience
                ),
                format!("{:.0}", issue.status_quo),
                format!("{:.0}", table[k]),
            ]
        })
        .collect();
    d.table(
        &[
            "Issue",
            "Scale",
            "Your position",
            "Red line",
            "How much it matters",
            "Status quo",
            "Chair's draft today",
        ],
        rows,
    );
    let mut probe = st.clone();
    probe.table = table;
    let v = verdict(scn, &probe, p, 0);
    d.note(match v.crossed {
        Some(k) => format!(
            "If the chair's draft were tabled today it would cross your red line on {}: you could not sign it.",
            scn.file.issues[k as usize].name
        ),
        None => format!(
            "How you decide to sign: you sign a package when its gain over the status quo (by what you want, not what you have offered), discounted by how far you trust the others to keep their side, plus what no deal would cost you (pressure, sanctions, the escalation, threats), reaches the margin your doctrine demands; the margin falls as a session's last day nears. On today's chair's draft: gain {:.1} × credibility {:.2} + no-deal cost {:.1} = {:.1}, against {:.1} needed — you would {}. A trusted partner that signs makes the deal more credible.",
            v.gain,
            v.credibility,
            v.relief,
            v.value(),
            v.needed,
            if v.accepts { "sign" } else { "not sign yet" }
        ),
    });

    crate::sim::output::commitments::brief_section(&mut d, &sim, p);

    d.h(1, "The other delegations");
    let rows = scn
        .parties
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != p as usize)
        .map(|(j, o)| {
            let (mine, theirs) = (st.trust(p, j as u8), st.trust(j as u8, p));
            vec![
                format!("{} ({})", o.name, o.id),
                o.head.clone(),
                format!("{mine:.0}"),
                format!("{theirs:.0}"),
                trust_words(mine.min(theirs)).to_string(),
            ]
        })
        .collect();
    d.table(
        &[
            "Delegation",
            "Head",
            "Your trust in them",
            "Their trust in you",
            "Relations",
        ],
        rows,
    );
    let aims: Vec<String> = scn
        .parties
        .iter()
        .enumerate()
        .filter(|(j, o)| *j != p as usize && !o.aims.is_empty())
        .map(|(_, o)| format!("{}: {}", o.id, o.aims))
        .collect();
    if !aims.is_empty() {
        d.h(2, "What the others are known to want");
        d.list(aims);
    }

    d.h(1, "Events so far");
    let events: Vec<Vec<String>> = scn
        .timeline
        .iter()
        .filter(|e| e.day <= 0)
        .map(|e| {
            vec![
                e.date.to_string(),
                e.actor
                    .map(|a| scn.parties[a as usize].id.clone())
                    .unwrap_or_default(),
                e.text.clone(),
                source_name(file, &e.source),
            ]
        })
        .collect();
    d.table(&["Date", "Who", "What happened", "Source"], events);

    d.h(1, "Your options");
    d.p("Each day every delegation makes one move (or waits). In session, the moves are about the package on the table; outside it, about getting there.");
    let mut kinds: Vec<ActionKind> = ActionKind::ALL
        .iter()
        .copied()
        .filter(|k| !k.is_military() || party.arsenal.contains(k))
        .collect();
    kinds.sort_by_key(|k| *k as usize);
    d.table(
        &["Move", "What it does"],
        kinds
            .iter()
            .map(|k| vec![k.key().replace('_', " "), move_effect(*k).to_string()])
            .collect(),
    );
    let opts = options(scn, st, p);
    d.h(2, "What your advisers would do on the first day");
    d.table(
        &["Move", "Chance", "Because"],
        opts.iter()
            .take(6)
            .map(|c| {
                vec![
                    describe_action(scn, &c.action),
                    format!("{:.0}%", 100.0 * c.probability),
                    c.factors
                        .iter()
                        .map(|(f, _)| describe_factor(scn, f))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect(),
    );
    d.p("In the window, your advisers can also look ahead: press A to see, for each move, how often talks resume, agree or escalate in 200 simulated futures.");
    d.blocks.push(Block::Heading(
        2,
        "The rules of the world that concern you".into(),
    ));
    let mine: Vec<String> = scn
        .file
        .rules
        .iter()
        .filter(|r| {
            let text = ron::to_string(r).unwrap_or_default();
            text.contains(&format!("\"{}\"", party.id))
        })
        .map(|r| r.text.clone())
        .collect();
    if mine.is_empty() {
        d.p("No rule of this scenario names your delegation.");
    } else {
        d.list(mine);
    }
    d
}

/// The briefs of every party, one document each, in party order.
pub fn all_briefs(scn: &Arc<Scenario>) -> Vec<(String, Doc)> {
    scn.parties
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), brief(scn, i as u8)))
        .collect()
}
