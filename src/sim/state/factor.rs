//! The reasons behind a party's choice: each decision keeps the factors that weighed most, with their values.

use crate::sim::action::ActionKind;
use serde::{Deserialize, Serialize};

/// One consideration in a party's decision, with the party or issue it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(into = "FactorRepr")]
pub enum Factor {
    /// Diplomatic momentum (0–100).
    Momentum(f64),
    /// Pressure on the deciding party (0–100).
    Pressure(f64),
    /// Its trust in another party (0–100).
    TrustIn(u8, f64),
    /// Its distrust of another party (trust 0–100).
    DistrustOf(u8, f64),
    /// A doctrine trait by name (0–1).
    Doctrine(&'static str, f64),
    /// Its role at the table.
    Role(&'static str),
    /// Face lost through concessions and slights (0–100).
    FaceLost(f64),
    /// Days since the last session ended.
    DaysStalled(i64),
    /// Sanctions held on it (by this many parties).
    Sanctioned(u32),
    /// A provocation: another party's recent move, and how many days ago.
    Provocation(u8, ActionKind, i64),
    /// Anger accumulated from provocations (0–100).
    Grievance(f64),
    /// How far the table is from what it wants (0–100).
    Dissatisfaction(f64),
    /// The package on the table crosses its red line on an issue.
    RedLineCrossed(u8),
    /// Room to give on an issue it cares little about (salience 0–1).
    LowSalience(u8, f64),
    /// Days left in the session.
    SessionDaysLeft(i64),
    /// The current escalation rung (index).
    Rung(u8),
    /// A tension between two parties it could ease (their trust 0–100).
    Rift(u8, u8, f64),
    /// Momentum is high enough to set a date.
    DateWithinReach(f64),
    /// Anger at one party (0–100).
    GrievanceAt(u8, f64),
    /// A session failed this many days ago.
    FailedSession(i64),
    /// How far the draft falls short of what it needs to sign (utility points).
    Shortfall(f64),
    /// It has not yet tabled a package this session.
    FirstPackage,
    /// It would sign the draft as it stands.
    WouldSign,
    /// This party's walkout or boycott keeps the talks dormant.
    Away(u8),
    /// It has made this kind of move often lately (weariness).
    Repeated(ActionKind, f64),
    /// It would sign, and the deal hinges on another party short by this much (utility points).
    Hinges(u8, f64),
}

/// The names a factor may carry: doctrine traits and roles. Decisions keep them as `&'static str` so that
/// they allocate nothing; a save names them, and loading maps the name back to one of these.
pub const NAMES: [&str; 8] = [
    "resolve",
    "patience",
    "risk tolerance",
    "capability",
    "host",
    "mediator",
    "principal",
    "member",
];

/// [`Factor`] as saved: the same, with owned names.
#[derive(Clone, Debug, Serialize, Deserialize)]
enum FactorRepr {
    Momentum(f64),
    Pressure(f64),
    TrustIn(u8, f64),
    DistrustOf(u8, f64),
    Doctrine(String, f64),
    Role(String),
    FaceLost(f64),
    DaysStalled(i64),
    Sanctioned(u32),
    Provocation(u8, ActionKind, i64),
    Grievance(f64),
    Dissatisfaction(f64),
    RedLineCrossed(u8),
    LowSalience(u8, f64),
    SessionDaysLeft(i64),
    Rung(u8),
    Rift(u8, u8, f64),
    DateWithinReach(f64),
    GrievanceAt(u8, f64),
    FailedSession(i64),
    Shortfall(f64),
    FirstPackage,
    WouldSign,
    Away(u8),
    Repeated(ActionKind, f64),
    Hinges(u8, f64),
}

impl From<Factor> for FactorRepr {
    fn from(f: Factor) -> FactorRepr {
        use FactorRepr as R;
        match f {
            Factor::Momentum(v) => R::Momentum(v),
            Factor::Pressure(v) => R::Pressure(v),
            Factor::TrustIn(p, v) => R::TrustIn(p, v),
            Factor::DistrustOf(p, v) => R::DistrustOf(p, v),
            Factor::Doctrine(n, v) => R::Doctrine(n.to_string(), v),
            Factor::Role(n) => R::Role(n.to_string()),
            Factor::FaceLost(v) => R::FaceLost(v),
            Factor::DaysStalled(d) => R::DaysStalled(d),
            Factor::Sanctioned(k) => R::Sanctioned(k),
            Factor::Provocation(p, k, d) => R::Provocation(p, k, d),
            Factor::Grievance(v) => R::Grievance(v),
            Factor::Dissatisfaction(v) => R::Dissatisfaction(v),
            Factor::RedLineCrossed(i) => R::RedLineCrossed(i),
            Factor::LowSalience(i, v) => R::LowSalience(i, v),
            Factor::SessionDaysLeft(d) => R::SessionDaysLeft(d),
            Factor::Rung(r) => R::Rung(r),
            Factor::Rift(a, b, v) => R::Rift(a, b, v),
            Factor::DateWithinReach(v) => R::DateWithinReach(v),
            Factor::GrievanceAt(p, v) => R::GrievanceAt(p, v),
            Factor::FailedSession(d) => R::FailedSession(d),
            Factor::Shortfall(v) => R::Shortfall(v),
            Factor::FirstPackage => R::FirstPackage,
            Factor::WouldSign => R::WouldSign,
            Factor::Away(p) => R::Away(p),
            Factor::Repeated(k, w) => R::Repeated(k, w),
            Factor::Hinges(p, v) => R::Hinges(p, v),
        }
    }
}

fn known_name(name: &str) -> Result<&'static str, String> {
    NAMES.iter().find(|n| **n == name).copied().ok_or_else(|| {
        format!(
            "unknown factor name `{name}`; expected one of: {}",
            NAMES.join(", ")
        )
    })
}

impl TryFrom<FactorRepr> for Factor {
    type Error = String;
    fn try_from(f: FactorRepr) -> Result<Factor, String> {
        use FactorRepr as R;
        Ok(match f {
            R::Momentum(v) => Factor::Momentum(v),
            R::Pressure(v) => Factor::Pressure(v),
            R::TrustIn(p, v) => Factor::TrustIn(p, v),
            R::DistrustOf(p, v) => Factor::DistrustOf(p, v),
            R::Doctrine(n, v) => Factor::Doctrine(known_name(&n)?, v),
            R::Role(n) => Factor::Role(known_name(&n)?),
            R::FaceLost(v) => Factor::FaceLost(v),
            R::DaysStalled(d) => Factor::DaysStalled(d),
            R::Sanctioned(k) => Factor::Sanctioned(k),
            R::Provocation(p, k, d) => Factor::Provocation(p, k, d),
            R::Grievance(v) => Factor::Grievance(v),
            R::Dissatisfaction(v) => Factor::Dissatisfaction(v),
            R::RedLineCrossed(i) => Factor::RedLineCrossed(i),
            R::LowSalience(i, v) => Factor::LowSalience(i, v),
            R::SessionDaysLeft(d) => Factor::SessionDaysLeft(d),
            R::Rung(r) => Factor::Rung(r),
            R::Rift(a, b, v) => Factor::Rift(a, b, v),
            R::DateWithinReach(v) => Factor::DateWithinReach(v),
            R::GrievanceAt(p, v) => Factor::GrievanceAt(p, v),
            R::FailedSession(d) => Factor::FailedSession(d),
            R::Shortfall(v) => Factor::Shortfall(v),
            R::FirstPackage => Factor::FirstPackage,
            R::WouldSign => Factor::WouldSign,
            R::Away(p) => Factor::Away(p),
            R::Repeated(k, w) => Factor::Repeated(k, w),
            R::Hinges(p, v) => Factor::Hinges(p, v),
        })
    }
}

// Written by hand: a derived impl would ask for `'de: 'static` because of the `&'static str` names.
impl<'de> Deserialize<'de> for Factor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Factor, D::Error> {
        Factor::try_from(FactorRepr::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// The factors that weighed most in one decision, largest first (at most three).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "Vec<(Factor, f64)>", try_from = "Vec<(Factor, f64)>")]
pub struct Factors {
    items: [(Factor, f64); 3],
    len: u8,
}

impl Default for Factors {
    fn default() -> Self {
        Factors {
            items: [(Factor::Momentum(0.0), 0.0); 3],
            len: 0,
        }
    }
}

impl From<Factors> for Vec<(Factor, f64)> {
    fn from(f: Factors) -> Self {
        f.iter().copied().collect()
    }
}

impl TryFrom<Vec<(Factor, f64)>> for Factors {
    type Error = String;
    fn try_from(v: Vec<(Factor, f64)>) -> Result<Factors, String> {
        if v.len() > 3 {
            return Err(format!("{} factors; a decision keeps at most 3", v.len()));
        }
        let mut f = Factors {
            len: v.len() as u8,
            ..Factors::default()
        };
        for (k, item) in v.into_iter().enumerate() {
            f.items[k] = item;
        }
        Ok(f)
    }
}

impl Factors {
    /// Offers a factor with its contribution to the score; only the three largest positive ones are kept.
    pub fn offer(&mut self, f: Factor, contribution: f64) {
        if contribution <= 0.0 {
            return;
        }
        let len = self.len as usize;
        let mut at = len;
        while at > 0 && self.items[at - 1].1 < contribution {
            at -= 1;
        }
        if at >= 3 {
            return;
        }
        let end = len.min(2);
        let mut k = end;
        while k > at {
            self.items[k] = self.items[k - 1];
            k -= 1;
        }
        self.items[at] = (f, contribution);
        self.len = (len + 1).min(3) as u8;
    }

    /// The kept factors, largest first, with their contributions.
    pub fn iter(&self) -> impl Iterator<Item = &(Factor, f64)> {
        self.items[..self.len as usize].iter()
    }

    /// Whether none was kept.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_three_largest_in_order() {
        let mut f = Factors::default();
        for (i, c) in [0.2, 0.9, -1.0, 0.5, 0.1, 0.7].into_iter().enumerate() {
            f.offer(Factor::Momentum(i as f64), c);
        }
        let kept: Vec<f64> = f.iter().map(|x| x.1).collect();
        assert_eq!(kept, vec![0.9, 0.7, 0.5]);
        assert!(Factors::default().is_empty());
    }
}
