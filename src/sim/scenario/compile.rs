//! Validation and resolution: a parsed scenario file checked field by field, with located problems, and
//! its ids resolved to indices.

use super::*;
use crate::sim::date::Date;
use crate::sim::io::diag::Diagnostics;
use crate::sim::io::locate::SourceMap;
use crate::sim::io::ron::Checker;

/// Parses a colour written `#rrggbb`.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Validates a parsed file and resolves it; `map` places the problems.
pub fn compile(file: &str, map: &SourceMap, raw: ScenarioFile) -> Result<Scenario, Diagnostics> {
    let mut c = Checker::new(file, map);
    if raw.format != FORMAT_VERSION {
        c.err(
            "format",
            format!(
                "unknown scenario format version {}; this build reads version {FORMAT_VERSION}",
                raw.format
            ),
        );
        return Err(c.finish().expect_err("an error was recorded"));
    }

    // Meta.
    let start_ok = Date::parse(&raw.meta.start);
    let start = match &start_ok {
        Ok(d) => *d,
        Err(e) => {
            c.err("meta.start", e.clone());
            Date::from_ymd(2000, 1, 1).expect("valid date")
        }
    };
    if raw.meta.horizon_days == 0 || raw.meta.horizon_days > 3650 {
        c.err(
            "meta.horizon_days",
            format!(
                "{} is out of range; expected a number of days from 1 to 3650",
                raw.meta.horizon_days
            ),
        );
    }
    if raw.meta.id.trim().is_empty() {
        c.err(
            "meta.id",
            "is empty; expected a short id such as \"nov2006\"",
        );
    }
    let mut source_ids: Vec<&str> = Vec::new();
    for (i, s) in raw.meta.sources.iter().enumerate() {
        if source_ids.contains(&s.id.as_str()) {
            c.err(
                format!("meta.sources[{i}].id"),
                format!("duplicate source id `{}`", s.id),
            );
        }
        source_ids.push(&s.id);
    }

    // Issues.
    if raw.issues.is_empty() {
        c.err(
            "issues",
            "no issues; expected at least one negotiated issue",
        );
    }
    if raw.issues.len() > 32 {
        c.err(
            "issues",
            "more than 32 issues; this build supports at most 32",
        );
    }
    let mut issue_ids: Vec<&str> = Vec::new();
    for (i, is) in raw.issues.iter().enumerate() {
        if issue_ids.contains(&is.id.as_str()) {
            c.err(
                format!("issues[{i}].id"),
                format!("duplicate issue id `{}`", is.id),
            );
        }
        c.range(format!("issues[{i}].status_quo"), is.status_quo, 0.0, 100.0);
        issue_ids.push(&is.id);
    }

    // Parties.
    if raw.parties.len() < 2 {
        c.err(
            "parties",
            "fewer than two parties; a negotiation needs at least two",
        );
    }
    if raw.parties.len() > 16 {
        c.err(
            "parties",
            "more than 16 parties; this build supports at most 16",
        );
    }
    let mut party_ids: Vec<&str> = Vec::new();
    for (i, p) in raw.parties.iter().enumerate() {
        if party_ids.contains(&p.id.as_str()) {
            c.err(
                format!("parties[{i}].id"),
                format!("duplicate party id `{}`", p.id),
            );
        }
        party_ids.push(&p.id);
    }
    let pidx = |id: &str| party_ids.iter().position(|p| *p == id).map(|i| i as u8);
    let iidx = |id: &str| issue_ids.iter().position(|p| *p == id).map(|i| i as u8);
    let rung_ids: Vec<&str> = raw.ladder.rungs.iter().map(|r| r.id.as_str()).collect();
    let ridx = |id: &str| rung_ids.iter().position(|p| *p == id).map(|i| i as u8);

    let mut parties = Vec::new();
    for (i, p) in raw.parties.iter().enumerate() {
        let base = format!("parties[{i}]");
        let colour = parse_colour(&p.colour).unwrap_or_else(|| {
            c.err(
                format!("{base}.colour"),
                format!(
                    "`{}` is not a colour; expected #rrggbb, e.g. \"#1f77b4\"",
                    p.colour
                ),
            );
            [128, 128, 128]
        });
        c.range(format!("{base}.capability"), p.capability, 0.0, 100.0);
        c.range(format!("{base}.pressure"), p.pressure, 0.0, 100.0);
        let d = &p.doctrine;
        for (name, v) in [
            ("patience", d.patience),
            ("resolve", d.resolve),
            ("risk_tolerance", d.risk_tolerance),
            ("pressure_sensitivity", d.pressure_sensitivity),
            ("face_sensitivity", d.face_sensitivity),
        ] {
            c.range(format!("{base}.doctrine.{name}"), v, 0.0, 1.0);
        }
        for key in p.positions.keys() {
            if iidx(key).is_none() {
                c.err(
                    format!("{base}.positions.{key}"),
                    format!(
                        "unknown issue `{key}`; expected one of: {}",
                        distinct(&issue_ids)
                    ),
                );
            }
        }
        let mut stances = Vec::new();
        for is in &raw.issues {
            let path = format!("{base}.positions.{}", is.id);
            match p.positions.get(&is.id) {
                None => {
                    c.err(
                        format!("{base}.positions"),
                        format!("party `{}` has no position on issue `{}`", p.id, is.id),
                    );
                    stances.push(StanceFile {
                        position: 50.0,
                        salience: 0.0,
                        red_line: None,
                    });
                }
                Some(s) => {
                    c.range(format!("{path}.position"), s.position, 0.0, 100.0);
                    c.range(format!("{path}.salience"), s.salience, 0.0, 1.0);
                    if let Some(rl) = s.red_line {
                        c.range(format!("{path}.red_line"), rl.bound(), 0.0, 100.0);
                        if !rl.allows(s.position) {
                            c.err(
                                format!("{path}.red_line"),
                                format!(
                                    "red line {rl:?} contradicts the party's own position {}; a party must accept its own position",
                                    s.position
                                ),
                            );
                        }
                    }
                    stances.push(s.clone());
                }
            }
        }
        for (k, a) in p.arsenal.iter().enumerate() {
            if !a.is_escalation() {
                c.err(
                    format!("{base}.arsenal[{k}]"),
                    format!("{a:?} is not an escalation; expected MissileTest, NuclearTest, MilitaryDrill, LeaveTalks, ExpelInspectors or RestartFacility"),
                );
            }
        }
        let mut sanctions_on = Vec::new();
        for (k, s) in p.sanctions_on.iter().enumerate() {
            match pidx(s) {
                Some(j) if j as usize == i => c.err(
                    format!("{base}.sanctions_on[{k}]"),
                    "a party cannot sanction itself",
                ),
                Some(j) => sanctions_on.push(j),
                None => c.err(
                    format!("{base}.sanctions_on[{k}]"),
                    unknown_party(s, &party_ids),
                ),
            }
        }
        parties.push(Party {
            id: p.id.clone(),
            name: p.name.clone(),
            colour,
            head: p.head.clone(),
            capability: p.capability,
            pressure: p.pressure,
            aims: p.aims.clone(),
            stances,
            doctrine: p.doctrine.clone(),
            arsenal: p.arsenal.clone(),
            sanctions_on,
            boycotting: p.boycotting,
        });
    }

    // Relations.
    let n = raw.parties.len();
    c.range(
        "relations.default_trust".into(),
        raw.relations.default_trust,
        0.0,
        100.0,
    );
    let mut trust = vec![vec![raw.relations.default_trust; n]; n];
    for (i, row) in trust.iter_mut().enumerate() {
        row[i] = 100.0;
    }
    let mut seen_pairs: Vec<(u8, u8)> = Vec::new();
    for (k, pr) in raw.relations.pairs.iter().enumerate() {
        let base = format!("relations.pairs[{k}]");
        let a = pidx(&pr.a);
        let b = pidx(&pr.b);
        if a.is_none() {
            c.err(format!("{base}.a"), unknown_party(&pr.a, &party_ids));
        }
        if b.is_none() {
            c.err(format!("{base}.b"), unknown_party(&pr.b, &party_ids));
        }
        c.range(format!("{base}.a_trusts_b"), pr.a_trusts_b, 0.0, 100.0);
        c.range(format!("{base}.b_trusts_a"), pr.b_trusts_a, 0.0, 100.0);
        if let (Some(a), Some(b)) = (a, b) {
            if a == b {
                c.err(
                    format!("{base}.b"),
                    "a party's trust in itself is not a relation",
                );
            } else if seen_pairs.contains(&(a.min(b), a.max(b))) {
                c.err(
                    base.clone(),
                    format!("the pair {} / {} is listed twice", pr.a, pr.b),
                );
            } else {
                seen_pairs.push((a.min(b), a.max(b)));
                trust[a as usize][b as usize] = pr.a_trusts_b;
                trust[b as usize][a as usize] = pr.b_trusts_a;
            }
        }
    }

    // Talks.
    let t = &raw.talks;
    let stalled_since = Date::parse(&t.stalled_since).unwrap_or_else(|e| {
        c.err("talks.stalled_since", e);
        start
    });
    let host = t.host.as_ref().and_then(|h| {
        let i = pidx(h);
        if i.is_none() {
            c.err("talks.host", unknown_party(h, &party_ids));
        }
        i
    });
    if (t.phase == Phase::Agreement) != raw.commitments.in_force.is_some() {
        c.err(
            "talks.phase",
            if t.phase == Phase::Agreement {
                "a run starts in Agreement only with an agreement in force (commitments.in_force); expected Stalled, Contacts, Preparatory, InSession or Walkout"
            } else {
                "with an agreement in force (commitments.in_force) the run starts in Agreement; expected Agreement"
            },
        );
    }
    c.range("talks.momentum".into(), t.momentum, 0.0, 100.0);
    c.range("talks.contacts_at".into(), t.contacts_at, 0.0, 100.0);
    c.range("talks.prepare_at".into(), t.prepare_at, 0.0, 100.0);
    c.range("talks.acceptance".into(), t.acceptance, 0.0, 100.0);
    if t.prepare_at < t.contacts_at {
        c.err(
            "talks.prepare_at",
            format!(
                "{} is below contacts_at ({}); a date can only be set once contacts have begun",
                t.prepare_at, t.contacts_at
            ),
        );
    }
    for (name, v) in [
        ("prep_days", t.prep_days),
        ("session_days", t.session_days),
        ("walkout_days", t.walkout_days),
    ] {
        if v == 0 || v > 365 {
            c.err(
                format!("talks.{name}"),
                format!("{v} is out of range; expected a number of days from 1 to 365"),
            );
        }
    }
    for (k, h) in t.history.iter().enumerate() {
        for (field, v) in [("from", &h.from), ("to", &h.to)] {
            if let Err(e) = Date::parse(v) {
                c.err(format!("talks.history[{k}].{field}"), e);
            }
        }
        check_source(
            &mut c,
            format!("talks.history[{k}].source"),
            &h.source,
            &source_ids,
        );
    }

    // Ladder.
    if raw.ladder.rungs.len() > 64 {
        c.err(
            "ladder.rungs",
            "more than 64 rungs; this build supports at most 64",
        );
    }
    if raw.rules.len() > 10_000 {
        c.err(
            "rules",
            "more than 10000 rules; this build supports at most 10000",
        );
    }
    if raw.timeline.len() > 10_000 {
        c.err(
            "timeline",
            "more than 10000 events; this build supports at most 10000",
        );
    }
    if raw.ladder.rungs.is_empty() {
        c.err(
            "ladder.rungs",
            "the ladder has no rungs; expected at least one, lowest first",
        );
    }
    let mut seen_rungs: Vec<&str> = Vec::new();
    for (k, r) in raw.ladder.rungs.iter().enumerate() {
        if seen_rungs.contains(&r.id.as_str()) {
            c.err(
                format!("ladder.rungs[{k}].id"),
                format!("duplicate rung id `{}`", r.id),
            );
        }
        seen_rungs.push(&r.id);
    }
    let start_rung = ridx(&raw.ladder.start).unwrap_or_else(|| {
        if !raw.ladder.rungs.is_empty() {
            c.err(
                "ladder.start",
                format!(
                    "unknown rung `{}`; expected one of: {}",
                    raw.ladder.start,
                    rung_ids.join(", ")
                ),
            );
        }
        0
    });

    let resolver = Resolver {
        parties: &party_ids,
        issues: &issue_ids,
        rungs: &rung_ids,
        start,
    };

    // Rules.
    let mut rules = Vec::new();
    let mut rule_ids: Vec<&str> = Vec::new();
    for (k, r) in raw.rules.iter().enumerate() {
        let base = format!("rules[{k}]");
        if rule_ids.contains(&r.id.as_str()) {
            c.err(
                format!("{base}.id"),
                format!("duplicate rule id `{}`", r.id),
            );
        }
        rule_ids.push(&r.id);
        c.range(format!("{base}.probability"), r.probability, 0.0, 1.0);
        if r.then.is_empty() {
            c.err(
                format!("{base}.then"),
                "a rule with no effects does nothing; expected at least one effect",
            );
        }
        let when = r
            .when
            .iter()
            .enumerate()
            .filter_map(|(j, cond)| resolver.condition(&mut c, format!("{base}.when[{j}]"), cond))
            .collect();
        let then = resolver.effects(&mut c, &format!("{base}.then"), &r.then);
        rules.push(Rule {
            id: r.id.clone(),
            text: r.text.clone(),
            when,
            then,
            probability: r.probability,
            cooldown_days: r.cooldown_days,
        });
    }

    // Timeline.
    let end = start.plus(raw.meta.horizon_days as i64);
    let mut timeline = Vec::new();
    for (k, e) in raw.timeline.iter().enumerate() {
        let base = format!("timeline[{k}]");
        let date = match Date::parse(&e.date) {
            Ok(d) => d,
            Err(msg) => {
                c.err(format!("{base}.date"), msg);
                continue;
            }
        };
        if date > end && start_ok.is_ok() {
            c.err(
                format!("{base}.date"),
                format!(
                    "{date} is after the run ends ({end}, day {}); expected a date on or before the horizon",
                    raw.meta.horizon_days
                ),
            );
        }
        check_source(&mut c, format!("{base}.source"), &e.source, &source_ids);
        let actor = e.actor.as_ref().and_then(|a| {
            let i = pidx(a);
            if i.is_none() {
                c.err(format!("{base}.actor"), unknown_party(a, &party_ids));
            }
            i
        });
        let effects = resolver.effects(&mut c, &format!("{base}.effects"), &e.effects);
        timeline.push(Event {
            date,
            day: date.days_since(start),
            text: e.text.clone(),
            source: e.source.clone(),
            actor,
            action: e.action,
            article: e.article,
            effects,
        });
    }
    timeline.sort_by_key(|e| e.date);

    // Injects a facilitator may release.
    let mut injects: Vec<PreparedInject> = Vec::new();
    for (k, inj) in raw.injects.iter().enumerate() {
        let base = format!("injects[{k}]");
        if inj.id.trim().is_empty() || inj.id.contains(char::is_whitespace) {
            c.err(
                format!("{base}.id"),
                format!("`{}` is not an id; expected one word", inj.id),
            );
        } else if injects.iter().any(|p| p.id == inj.id) {
            c.err(
                format!("{base}.id"),
                format!("a second inject with the id `{}`", inj.id),
            );
        }
        if inj.text.trim().is_empty() {
            c.err(
                format!("{base}.text"),
                "an inject needs a text the delegations read",
            );
        }
        let effects = resolver.effects(&mut c, &format!("{base}.effects"), &inj.effects);
        injects.push(PreparedInject {
            id: inj.id.clone(),
            title: inj.title.clone(),
            text: inj.text.clone(),
            effects,
        });
    }

    // The historical course.
    let mut course = Vec::new();
    for (k, m) in raw.meta.course.iter().enumerate() {
        let base = format!("meta.course[{k}]");
        check_source(&mut c, format!("{base}.source"), &m.source, &source_ids);
        match Date::parse(&m.date) {
            Ok(d) if start_ok.is_ok() && (d < start || d > end) => c.err(
                format!("{base}.date"),
                format!("{d} is outside the run ({start} to {end}); the course lists what happened after the start"),
            ),
            Ok(d) => course.push((d.days_since(start), m.milestone, m.text.clone())),
            Err(msg) => c.err(format!("{base}.date"), msg),
        }
        if raw.meta.course[..k]
            .iter()
            .any(|o| o.milestone == m.milestone)
        {
            c.err(
                format!("{base}.milestone"),
                "listed twice; each milestone appears once in the course",
            );
        }
    }

    if let Some(o) = &raw.meta.observed
        && !source_ids.contains(&o.source.as_str())
    {
        c.err(
            "meta.observed.source",
            format!(
                "unknown source `{}`; expected one of: {}",
                o.source,
                distinct(&source_ids)
            ),
        );
    }

    // The model's coefficients.
    let model = model::checked(&mut c, &raw.model);

    if let Some(o) = &raw.meta.observed {
        for (j, sl) in o.slippage.iter().enumerate() {
            if !raw.commitments.steps.iter().any(|s| s.id == sl.step) {
                let ids: Vec<&str> = raw
                    .commitments
                    .steps
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect();
                c.err(
                    format!("meta.observed.slippage[{j}].step"),
                    super::commitments::unknown_step(&sl.step, &ids),
                );
            }
            c.range(
                format!("meta.observed.slippage[{j}].factor"),
                sl.factor,
                0.0,
                100.0,
            );
        }
    }

    // Commitments.
    let commitments = super::commitments::compile(
        &mut c,
        &raw.commitments,
        &super::commitments::Context {
            parties: &party_ids,
            issues: &issue_ids,
            status_quo: raw.issues.iter().map(|i| i.status_quo).collect(),
            start: start_ok.as_ref().ok().copied(),
            horizon_days: raw.meta.horizon_days,
            settles: model.compliance.settles,
        },
        &mut |c, base, effects| resolver.effects(c, base, effects),
    );

    c.finish()?;
    let rungs = raw
        .ladder
        .rungs
        .iter()
        .map(|r| Rung {
            id: r.id.clone(),
            name: r.name.clone(),
            raised_by: r.raised_by.clone(),
            ends_run: r.ends_run,
        })
        .collect();
    Ok(Scenario {
        start,
        horizon_days: raw.meta.horizon_days,
        parties,
        trust,
        stalled_since,
        host,
        rungs,
        start_rung,
        rules,
        timeline,
        course,
        injects,
        model,
        commitments,
        file: raw,
    })
}

fn unknown_party(id: &str, known: &[&str]) -> String {
    format!("unknown party `{id}`; expected one of: {}", distinct(known))
}

/// The ids, each once, in order.
fn distinct(ids: &[&str]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        if !seen.contains(id) {
            seen.push(id);
        }
    }
    seen.join(", ")
}

fn check_source(c: &mut Checker, path: String, id: &str, known: &[&str]) {
    if !known.contains(&id) {
        c.err(
            path,
            format!(
                "unknown source `{id}`; expected an id from meta.sources ({})",
                if known.is_empty() {
                    "none declared".to_string()
                } else {
                    known.join(", ")
                }
            ),
        );
    }
}

struct Resolver<'a> {
    parties: &'a [&'a str],
    issues: &'a [&'a str],
    rungs: &'a [&'a str],
    start: Date,
}

impl Resolver<'_> {
    fn party(&self, c: &mut Checker, path: String, id: &str) -> Option<u8> {
        let i = self.parties.iter().position(|p| *p == id).map(|i| i as u8);
        if i.is_none() {
            c.err(path, unknown_party(id, self.parties));
        }
        i
    }
    fn issue(&self, c: &mut Checker, path: String, id: &str) -> Option<u8> {
        let i = self.issues.iter().position(|p| *p == id).map(|i| i as u8);
        if i.is_none() {
            c.err(
                path,
                format!(
                    "unknown issue `{id}`; expected one of: {}",
                    self.issues.join(", ")
                ),
            );
        }
        i
    }
    fn rung(&self, c: &mut Checker, path: String, id: &str) -> Option<u8> {
        let i = self.rungs.iter().position(|p| *p == id).map(|i| i as u8);
        // With no rungs at all, the ladder's own error says it; each reference would only repeat it.
        if i.is_none() && !self.rungs.is_empty() {
            c.err(
                path,
                format!(
                    "unknown rung `{id}`; expected one of: {}",
                    self.rungs.join(", ")
                ),
            );
        }
        i
    }
    fn date(&self, c: &mut Checker, path: String, text: &str) -> Option<i64> {
        match Date::parse(text) {
            Ok(d) => Some(d.days_since(self.start)),
            Err(e) => {
                c.err(path, e);
                None
            }
        }
    }

    fn condition(
        &self,
        c: &mut Checker,
        path: String,
        cond: &Condition<String, String, String, String>,
    ) -> Option<Cond> {
        use Condition::*;
        let p = |field: &str| format!("{path}.{field}");
        Some(match cond {
            RungAtLeast(r) => RungAtLeast(self.rung(c, path.clone(), r)?),
            RungAtMost(r) => RungAtMost(self.rung(c, path.clone(), r)?),
            PhaseIs(ph) => PhaseIs(*ph),
            PhaseIsNot(ph) => PhaseIsNot(*ph),
            DaysStalledAtLeast(d) => DaysStalledAtLeast(*d),
            DaysInPhaseAtLeast(d) => DaysInPhaseAtLeast(*d),
            ActedWithin {
                party,
                action,
                days,
            } => ActedWithin {
                party: self.party(c, p("party"), party)?,
                action: *action,
                days: *days,
            },
            NotActedWithin {
                party,
                action,
                days,
            } => NotActedWithin {
                party: self.party(c, p("party"), party)?,
                action: *action,
                days: *days,
            },
            PressureAtLeast { party, value } => {
                c.range(p("value"), *value, 0.0, 100.0);
                PressureAtLeast {
                    party: self.party(c, p("party"), party)?,
                    value: *value,
                }
            }
            PressureBelow { party, value } => {
                c.range(p("value"), *value, 0.0, 100.0);
                PressureBelow {
                    party: self.party(c, p("party"), party)?,
                    value: *value,
                }
            }
            TrustBelow { from, to, value } => {
                c.range(p("value"), *value, 0.0, 100.0);
                let (f, t) = (self.party(c, p("from"), from), self.party(c, p("to"), to));
                TrustBelow {
                    from: f?,
                    to: t?,
                    value: *value,
                }
            }
            TrustAtLeast { from, to, value } => {
                c.range(p("value"), *value, 0.0, 100.0);
                let (f, t) = (self.party(c, p("from"), from), self.party(c, p("to"), to));
                TrustAtLeast {
                    from: f?,
                    to: t?,
                    value: *value,
                }
            }
            PositionAtLeast {
                party,
                issue,
                value,
            } => {
                c.range(p("value"), *value, 0.0, 100.0);
                let (a, i) = (
                    self.party(c, p("party"), party),
                    self.issue(c, p("issue"), issue),
                );
                PositionAtLeast {
                    party: a?,
                    issue: i?,
                    value: *value,
                }
            }
            PositionAtMost {
                party,
                issue,
                value,
            } => {
                c.range(p("value"), *value, 0.0, 100.0);
                let (a, i) = (
                    self.party(c, p("party"), party),
                    self.issue(c, p("issue"), issue),
                );
                PositionAtMost {
                    party: a?,
                    issue: i?,
                    value: *value,
                }
            }
            Sanctioning { by, on } => {
                let (b, o) = (self.party(c, p("by"), by), self.party(c, p("on"), on));
                Sanctioning { by: b?, on: o? }
            }
            NotSanctioning { by, on } => {
                let (b, o) = (self.party(c, p("by"), by), self.party(c, p("on"), on));
                NotSanctioning { by: b?, on: o? }
            }
            MomentumAtLeast(v) => {
                c.range(path.clone(), *v, 0.0, 100.0);
                MomentumAtLeast(*v)
            }
            MomentumBelow(v) => {
                c.range(path.clone(), *v, 0.0, 100.0);
                MomentumBelow(*v)
            }
            // Compiled dates are day offsets from the start.
            OnOrAfter(d) => OnOrAfter(self.date(c, path.clone(), d)?),
            Before(d) => Before(self.date(c, path.clone(), d)?),
            SessionsAtLeast(n) => SessionsAtLeast(*n),
        })
    }

    fn effects(
        &self,
        c: &mut Checker,
        base: &str,
        effects: &[Effect<String, String, String>],
    ) -> Vec<Eff> {
        effects
            .iter()
            .enumerate()
            .filter_map(|(j, e)| self.effect(c, format!("{base}[{j}]"), e))
            .collect()
    }

    fn effect(
        &self,
        c: &mut Checker,
        path: String,
        e: &Effect<String, String, String>,
    ) -> Option<Eff> {
        use Effect::*;
        let p = |field: &str| format!("{path}.{field}");
        let finite = |c: &mut Checker, path: String, v: f64| c.range(path, v, -100.0, 100.0);
        Some(match e {
            MoveRung(n) => MoveRung(*n),
            SetRung(r) => SetRung(self.rung(c, path.clone(), r)?),
            SetPhase(ph) => {
                if *ph == Phase::Agreement {
                    c.err(
                        path.clone(),
                        "only the parties can reach an agreement; a rule or event cannot set it",
                    );
                    return None;
                }
                SetPhase(*ph)
            }
            ShiftPosition { party, issue, by } => {
                finite(c, p("by"), *by);
                let (a, i) = (
                    self.party(c, p("party"), party),
                    self.issue(c, p("issue"), issue),
                );
                ShiftPosition {
                    party: a?,
                    issue: i?,
                    by: *by,
                }
            }
            ShiftIdeal { party, issue, by } => {
                finite(c, p("by"), *by);
                let (a, i) = (
                    self.party(c, p("party"), party),
                    self.issue(c, p("issue"), issue),
                );
                ShiftIdeal {
                    party: a?,
                    issue: i?,
                    by: *by,
                }
            }
            ShiftTrust { from, to, by } => {
                finite(c, p("by"), *by);
                let (f, t) = (self.party(c, p("from"), from), self.party(c, p("to"), to));
                ShiftTrust {
                    from: f?,
                    to: t?,
                    by: *by,
                }
            }
            ShiftPressure { party, by } => {
                finite(c, p("by"), *by);
                ShiftPressure {
                    party: self.party(c, p("party"), party)?,
                    by: *by,
                }
            }
            ShiftMomentum(by) => {
                finite(c, path.clone(), *by);
                ShiftMomentum(*by)
            }
            StartSanctions { by, on } => {
                let (b, o) = (self.party(c, p("by"), by), self.party(c, p("on"), on));
                StartSanctions { by: b?, on: o? }
            }
            EndSanctions { by, on } => {
                let (b, o) = (self.party(c, p("by"), by), self.party(c, p("on"), on));
                EndSanctions { by: b?, on: o? }
            }
            StayAway(party) => StayAway(self.party(c, path.clone(), party)?),
            Schedule {
                in_days,
                text,
                effects,
            } => {
                if *in_days == 0 {
                    c.err(
                        p("in_days"),
                        "0 days; a scheduled event happens at least 1 day later",
                    );
                }
                Schedule {
                    in_days: *in_days,
                    text: text.clone(),
                    effects: self.effects(c, &p("effects"), effects),
                }
            }
        })
    }
}
