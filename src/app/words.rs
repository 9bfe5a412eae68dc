//! The model's things in the window's words: dates, phases, outcomes, parties and moves, through the
//! translation files ([`super::i18n`]). The transcripts and `sixparty run` keep the core's English
//! ([`crate::sim::output::render`]); these are for the people at the screen.

use crate::app::i18n::{has, t, text};
use crate::sim::action::Action;
use crate::sim::date::Date;
use crate::sim::scenario::{Party, Phase, Scenario};
use crate::sim::state::chronicle::OutcomeKind;

/// A date in full: `8 November 2006`, `2006년 11월 8일`.
pub fn long_date(d: Date) -> String {
    let (year, m, day) = d.ymd();
    t!(
        "date.long",
        day = day,
        month = text(&format!("month.{m}")),
        year = year
    )
}

/// The day of the week, short.
pub fn weekday(d: Date) -> &'static str {
    text(&format!("weekday.{}", d.weekday().to_lowercase()))
}

/// The phase's banner: `IN SESSION`, `회담 중`.
pub fn phase(p: Phase) -> &'static str {
    text(&format!("phase.{}", p.key()))
}

/// The phase in running text: `in session`.
pub fn phase_lower(p: Phase) -> &'static str {
    text(&format!("phase_text.{}", p.key()))
}

/// The kind of ending: `agreement`, `합의`.
pub fn outcome(k: OutcomeKind) -> &'static str {
    text(&format!("outcome.{}", k.key()))
}

/// A party's name in the window's language (a party the translation file does not know keeps the
/// scenario's name).
pub fn party_name(p: &Party) -> String {
    own(&format!("party.{}", p.id), &p.name)
}

/// An issue's name: the translation file's for its id (`issue.denuclearization`), else the scenario's.
pub fn issue(scn: &Scenario, k: usize) -> String {
    let i = &scn.file.issues[k];
    own(&format!("issue.{}", i.id), &i.name)
}

/// A rung's name: the translation file's for its id (`rung.missile`), else the scenario's.
pub fn rung(scn: &Scenario, r: usize) -> String {
    scn.rungs
        .get(r)
        .map_or_else(|| "?".into(), |g| own(&format!("rung.{}", g.id), &g.name))
}

/// A capital's city in the window's language (a city the translation file does not name keeps the
/// region's name for it).
pub fn city(c: &crate::app::map::assets::Capital) -> String {
    own(&format!("city.{}", c.party), &c.city)
}

/// The current language's text for `key` if it has one, else `fallback` (a name the scenario gives).
fn own(key: &str, fallback: &str) -> String {
    if has(key) {
        text(key).to_string()
    } else {
        fallback.to_string()
    }
}

/// A move in words for people at the table, as the core's `name_move` in English: the issues by their
/// names, the other parties by their ids.
pub fn move_name(scn: &Scenario, a: &Action) -> String {
    move_with(scn, a, |k| issue(scn, k as usize))
}

/// A move in words with the issues by their ids, as the core's `describe_action` (in causes).
pub fn move_by_id(scn: &Scenario, a: &Action) -> String {
    move_with(scn, a, |k| scn.file.issues[k as usize].id.clone())
}

/// A move in words with each issue it concerns (only a package's or a concession's) written by `issue`.
fn move_with(scn: &Scenario, a: &Action, issue: impl Fn(u8) -> String) -> String {
    let id = |i: u8| scn.parties[i as usize].id.as_str();
    let key = format!("move.{}", a.kind().key());
    match *a {
        Action::EnvoyVisit { to } => t!(&key, to = id(to)),
        Action::BilateralMeeting { with } => t!(&key, with = id(with)),
        Action::ImposeSanctions { on } | Action::EaseSanctions { on } => t!(&key, on = id(on)),
        Action::OfferAid { to } => t!(&key, to = id(to)),
        Action::Mediate { a, b } => t!(&key, a = id(a), b = id(b)),
        Action::Concede { issue: k, amount } => t!(&key, issue = issue(k), amount = amount),
        Action::ProposePackage { issues } => {
            let names: Vec<String> = (0..scn.issue_count() as u8)
                .filter(|k| issues & (1 << k) != 0)
                .map(&issue)
                .collect();
            t!(&key, issues = names.join(" + "))
        }
        _ => text(&key).to_string(),
    }
}

/// A move's kind alone, e.g. in "CHN refuses DPRK's envoy visit".
pub fn move_kind(a: &Action) -> &'static str {
    text(&format!("kind.{}", a.kind().key()))
}

/// How a delegation weighed the draft: `gain 12.0 × credibility 0.61 + no-deal cost 4.2 = 11.5 vs
/// needed 14.0`.
pub fn weighing(v: &crate::sim::state::table::Verdict) -> String {
    t!(
        "verdict.weighing",
        gain = v.gain,
        credibility = v.credibility,
        relief = v.relief,
        value = v.value(),
        needed = v.needed
    )
}

/// A red line in words: `at least 60`.
pub fn red_line(rl: crate::sim::scenario::RedLine) -> String {
    use crate::sim::scenario::RedLine;
    match rl {
        RedLine::AtLeast(x) => t!("red_line.at_least", x = x),
        RedLine::AtMost(x) => t!("red_line.at_most", x = x),
    }
}

/// A delegation's role: `host`, `mediator`.
pub fn role(r: crate::sim::scenario::Role) -> &'static str {
    role_named(r.key())
}

/// A role by its key (`host`), as a reason of the model's names it.
fn role_named(key: &str) -> &'static str {
    text(&format!("role.{key}"))
}

/// "today", "yesterday", "5 days ago".
fn ago(days: i64) -> String {
    match days {
        0 => text("ago.today").to_string(),
        1 => text("ago.yesterday").to_string(),
        d => t!("ago.days", n = d),
    }
}

/// A reason the model weighed, in words: `trust in CHN 65` (the core's `describe_factor` in English).
pub fn factor(scn: &Scenario, f: &crate::sim::state::factor::Factor) -> String {
    use crate::sim::state::factor::Factor;
    let id = |i: u8| scn.parties[i as usize].id.as_str();
    let iid = |k: u8| scn.file.issues[k as usize].id.as_str();
    let kind = |k: crate::sim::action::ActionKind| text(&format!("deed.{}", k.key()));
    match *f {
        Factor::Momentum(m) => t!("factor.momentum", m = m),
        Factor::Pressure(p) => t!("factor.pressure", p = p),
        Factor::TrustIn(j, v) => t!("factor.trust_in", id = id(j), trust = v),
        Factor::DistrustOf(j, v) => t!("factor.distrust_of", id = id(j), trust = v),
        Factor::Doctrine(name, v) => t!(
            "factor.doctrine",
            name = text(&format!("doctrine.{}", name.replace(' ', "_"))),
            v = v
        ),
        Factor::Role(r) => t!("factor.role", role = role_named(r)),
        Factor::FaceLost(v) => t!("factor.face_lost", face = v),
        Factor::DaysStalled(d) => t!("factor.days_stalled", n = d),
        Factor::Sanctioned(n) => t!(
            if n == 1 {
                "factor.sanctioned_one"
            } else {
                "factor.sanctioned"
            },
            n = n
        ),
        Factor::Provocation(j, k, d) => {
            t!(
                "factor.provocation",
                id = id(j),
                kind = kind(k),
                when = ago(d)
            )
        }
        Factor::Grievance(g) => t!("factor.grievance", g = g),
        Factor::Dissatisfaction(d) => t!("factor.dissatisfaction", d = d),
        Factor::RedLineCrossed(k) => t!("factor.red_line_crossed", issue = iid(k)),
        Factor::LowSalience(k, s) => t!("factor.low_salience", issue = iid(k), s = s),
        Factor::SessionDaysLeft(d) => t!(
            if d == 1 {
                "factor.session_day_left"
            } else {
                "factor.session_days_left"
            },
            n = d
        ),
        Factor::Rung(r) => t!("factor.rung", rung = rung(scn, r as usize)),
        Factor::Rift(a, b, v) => t!("factor.rift", a = id(a), b = id(b), trust = v),
        Factor::DateWithinReach(m) => t!("factor.date_within_reach", m = m),
        Factor::GrievanceAt(j, g) => t!("factor.grievance_at", id = id(j), g = g),
        Factor::FailedSession(d) => t!("factor.failed_session", when = ago(d)),
        Factor::Shortfall(v) => t!("factor.shortfall", v = v),
        Factor::FirstPackage => text("factor.first_package").to_string(),
        Factor::WouldSign => text("factor.would_sign").to_string(),
        Factor::Away(j) => t!("factor.away", id = id(j)),
        Factor::Repeated(k, w) => t!("factor.repeated", kind = kind(k), w = w),
        Factor::Hinges(j, v) => t!("factor.hinges", id = id(j), v = v),
    }
}

/// Why a move was made, in words (the core's `describe_why` in English).
pub fn why(scn: &Scenario, w: &crate::sim::state::chronicle::Why) -> String {
    use crate::sim::state::chronicle::Why;
    match w {
        Why::Scripted => text("why_move.scripted").to_string(),
        Why::Player => text("why_move.player").to_string(),
        Why::Advisers => text("why_move.advisers").to_string(),
        Why::Model(f) if f.is_empty() => text("why_move.temperament").to_string(),
        Why::Model(f) => f
            .iter()
            .map(|(x, _)| factor(scn, x))
            .collect::<Vec<_>>()
            .join(text("list.separator")),
    }
}

/// What moved the phase or the ladder, in words (the core's `describe_cause` in English).
pub fn cause(scn: &Scenario, c: &crate::sim::state::chronicle::Cause) -> String {
    use crate::sim::state::chronicle::Cause;
    let id = |i: u8| scn.parties[i as usize].id.as_str();
    match c {
        Cause::Move(i, a) => t!("cause.move", id = id(*i), action = move_by_id(scn, a)),
        Cause::Rule(r) => t!(
            "cause.rule",
            id = scn.rules[*r as usize].id,
            text = scn.rules[*r as usize].text
        ),
        Cause::Event(e) => t!("cause.event", date = scn.timeline[*e as usize].date),
        Cause::Scheduled(s) => t!("cause.scheduled", text = s),
        Cause::Inject(s) => t!("cause.inject", text = s),
        Cause::Momentum(m, th) if m >= th => t!("cause.momentum_reached", m = m, t = th),
        Cause::Momentum(m, th) => t!("cause.momentum_fell", m = m, t = th),
        Cause::DateSet(i, opens) => t!(
            "cause.date_set",
            id = id(*i),
            date = scn.date_of(*opens),
            day = opens
        ),
        Cause::Opened => text("cause.opened").to_string(),
        Cause::Postponed(mask) => {
            let who: Vec<&str> = (0..scn.parties.len() as u8)
                .filter(|i| mask & (1 << i) != 0)
                .map(id)
                .collect();
            t!("cause.postponed", who = who.join(", "))
        }
        Cause::Recess(i, d) => t!("cause.recess", id = id(*i), by = d),
        Cause::AllAccepted => text("cause.all_accepted").to_string(),
        Cause::CooledOff => text("cause.cooled_off").to_string(),
        Cause::Returned(i) => t!("cause.returned", id = id(*i)),
        Cause::Consensus(opens) => t!("cause.consensus", date = scn.date_of(*opens), day = opens),
        // The commitments' causes are described by the core (in English).
        Cause::Step(_) | Cause::Unravelled(_) => crate::sim::output::render::describe_cause(scn, c),
    }
}
