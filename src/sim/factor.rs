//! The reasons behind a party's choice: each decision keeps the factors that weighed most, with their values.

use super::action::ActionKind;

/// One consideration in a party's decision, with the party or issue it concerns.
#[derive(Clone, Copy, Debug, PartialEq)]
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
}

/// The factors that weighed most in one decision, largest first (at most three).
#[derive(Clone, Copy, Debug, PartialEq)]
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
