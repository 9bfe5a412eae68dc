//! The model's invariants, checked after every day by the property tests, the soak and the save tests:
//! every value in its range and finite, the rung on the ladder, phase changes only along allowed edges,
//! milestones in order.

use crate::sim::state::chronicle::Entry;
use crate::sim::step::Simulation;

/// Checks the run as it stands; `Err` names the first broken invariant.
pub fn check(sim: &Simulation) -> Result<(), String> {
    let scn = &sim.scenario;
    let st = &sim.state;
    let day = st.day;
    let pct = |what: &str, v: f64| {
        if v.is_finite() && (0.0..=100.0).contains(&v) {
            Ok(())
        } else {
            Err(format!("day {day}: {what} = {v} is outside 0–100"))
        }
    };
    pct("momentum", st.momentum)?;
    if let Some(deal) = &st.deal {
        if deal.in_force()
            && st.phase != crate::sim::scenario::Phase::Agreement
            && sim.outcome.is_none()
        {
            return Err(format!(
                "day {day}: a deal in force while the talks are {}",
                st.phase.key()
            ));
        }
        for s in &deal.steps {
            let kind = &scn.commitments.steps[s.kind as usize];
            let after_done = kind.after.iter().all(|&a| deal.kind_done(a));
            use crate::sim::state::deal::StepStatus as S;
            match s.status {
                S::Waiting if after_done && deal.in_force() && day > deal.signed.max(0) => {
                    return Err(format!(
                        "day {day}: step {} waits though its conditions are done",
                        kind.id
                    ));
                }
                S::Open | S::Begun(_) | S::Disputed(_) if !after_done => {
                    return Err(format!(
                        "day {day}: step {} is owed before its conditions are done",
                        kind.id
                    ));
                }
                S::Begun(d) | S::Disputed(d) | S::Done(d) | S::Broken(d) if d > day => {
                    return Err(format!(
                        "day {day}: step {} changed on a later day {d}",
                        kind.id
                    ));
                }
                _ => {}
            }
        }
    }
    for (k, v) in st.table.iter().enumerate() {
        pct(&format!("table[{k}]"), *v)?;
    }
    for (k, v) in st.trust.iter().enumerate() {
        pct(&format!("trust[{k}]"), *v)?;
    }
    for (i, p) in st.parties.iter().enumerate() {
        let id = &scn.parties[i].id;
        for (k, v) in p.positions.iter().enumerate() {
            pct(&format!("{id} position on issue {k}"), *v)?;
            if scn.parties[i].stances[k].rules_out(*v) {
                return Err(format!(
                    "day {day}: {id} stands at {v} on issue {k}, past its own red line"
                ));
            }
        }
        pct(&format!("{id} pressure"), p.pressure)?;
        pct(&format!("{id} face"), p.face)?;
        for (j, g) in p.grievance.iter().enumerate() {
            pct(&format!("{id} grievance at party {j}"), *g)?;
        }
        for (k, v) in p.ideals.iter().enumerate() {
            pct(&format!("{id} ideal point on issue {k}"), *v)?;
        }
        if !(p.capital.is_finite()
            && p.capital >= -1e-9
            && p.capital <= scn.model.capital.max + 1e-9)
        {
            return Err(format!(
                "day {day}: {id} capital {} outside 0–{}",
                p.capital, scn.model.capital.max
            ));
        }
    }
    if st.rung as usize >= scn.rungs.len() {
        return Err(format!("day {day}: rung {} is off the ladder", st.rung));
    }
    let m = &st.milestones;
    if m.peak_rung < st.rung && sim.outcome.is_none() {
        return Err(format!(
            "day {day}: the peak rung is below the current rung"
        ));
    }
    if let (Some(a), Some(s)) = (m.agreement, m.first_session)
        && a < s
    {
        return Err(format!(
            "agreement on day {a} before the first session on day {s}"
        ));
    }
    if let Some(o) = &sim.outcome
        && (o.day < 0 || o.day > sim.horizon() + scn.overtime_days())
    {
        return Err(format!("the outcome's day {} is outside the run", o.day));
    }
    for e in sim.log.as_deref().unwrap_or(&[]) {
        match e {
            Entry::Phase { day, from, to, .. } if !from.may_move_to(*to) => {
                return Err(format!(
                    "day {day}: the talks moved from {} to {}, which is not an allowed edge",
                    from.banner(),
                    to.banner()
                ));
            }
            Entry::Rung { day, to, .. } if *to as usize >= scn.rungs.len() => {
                return Err(format!("day {day}: the ladder moved off its top"));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Plays a run to its end, checking the invariants after every day.
pub fn run_checked(sim: &mut Simulation) -> Result<(), String> {
    check(sim)?;
    loop {
        let goes_on = sim.step();
        check(sim)?;
        if !goes_on {
            return Ok(());
        }
    }
}
