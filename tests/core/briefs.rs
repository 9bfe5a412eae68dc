//! Briefs come from the scenario file alone: every delegation of every shipped scenario gets one, with
//! its own goals, red lines and relations, and changing the scenario changes the brief.

use sixparty::sim::output::brief::{all_briefs, brief};
use sixparty::sim::read_scenario;
use sixparty::sim::scenario::RedLine;
use sixparty::sim::scenario::whatif::with_sets;
use std::path::Path;
use std::sync::Arc;

fn scenarios() -> Vec<Arc<sixparty::sim::Scenario>> {
    ["nov2006.ron", "jul2005.ron", "teaching60.ron"]
        .iter()
        .map(|f| {
            let p = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("scenarios")
                .join(f);
            Arc::new(read_scenario(&p).unwrap_or_else(|e| panic!("{e}")))
        })
        .collect()
}

#[test]
fn every_delegation_of_every_scenario_gets_its_own_brief() {
    for scn in scenarios() {
        let briefs = all_briefs(&scn);
        assert_eq!(briefs.len(), scn.parties.len());
        for (i, (id, doc)) in briefs.iter().enumerate() {
            let party = &scn.parties[i];
            assert_eq!(id, &party.id);
            let md = doc.markdown();
            let html = doc.html();
            assert!(md.contains(&party.name) && md.contains(&party.head), "{id}");
            assert!(md.contains(&scn.file.meta.summary));
            for (k, issue) in scn.file.issues.iter().enumerate() {
                assert!(md.contains(&issue.name), "{id}: issue {}", issue.id);
                if let Some(rl) = party.stances[k].red_line {
                    let text = match rl {
                        RedLine::AtLeast(x) => format!("no deal below {x:.0}"),
                        RedLine::AtMost(x) => format!("no deal above {x:.0}"),
                    };
                    assert!(md.contains(&text), "{id}: red line on {}", issue.id);
                }
            }
            // Every other delegation appears in its relations table.
            for other in scn.parties.iter().filter(|o| o.id != party.id) {
                assert!(md.contains(&format!("{} ({})", other.name, other.id)));
            }
            // Every background event is there.
            for e in scn.timeline.iter().filter(|e| e.day < 0) {
                assert!(md.contains(&e.text), "{id}: event {}", e.date);
            }
            assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@page{size:A4"));
            assert!(!html.contains("<script") && !html.contains("src=\"http"));
        }
    }
}

#[test]
fn changing_the_scenario_changes_the_brief() {
    let scn = &scenarios()[0];
    let before = brief(scn, 4).markdown();
    let changed = Arc::new(
        with_sets(
            scn,
            &["parties.JPN.positions.abductions.position=55".to_string()],
        )
        .unwrap(),
    );
    let after = brief(&changed, 4).markdown();
    assert_ne!(before, after);
    let row = |md: &str| {
        md.lines()
            .find(|l| l.starts_with("| Abductions |"))
            .unwrap()
            .to_string()
    };
    assert!(row(&before).contains("| 95 |"), "{}", row(&before));
    assert!(row(&after).contains("| 55 |"), "{}", row(&after));
}
