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

#[test]
fn each_brief_carries_a_map_of_the_region_with_its_own_country_in_its_colour() {
    use sixparty::sim::output::region::{LAND_SVG, Region};
    let region = Region::compiled().expect("the compiled region file reads");
    for scn in scenarios() {
        for (k, p) in scn.parties.iter().enumerate() {
            let html = brief(&scn, k as u8).html();
            let start = html.find("<svg").expect("a map");
            let svg = &html[start..html[start..].find("</svg>").unwrap() + start];
            let c = p.colour;
            let own = format!(
                "#land-{}{{fill:#{:02x}{:02x}{:02x}",
                p.id.to_lowercase(),
                c[0],
                c[1],
                c[2]
            );
            assert!(svg.contains(&own), "{}: {own}", p.id);
            // Every delegation is named on it: at its capital, or at the edge for Washington and Moscow.
            for q in &scn.parties {
                let city = &region.capital(&q.id).expect("a capital").city;
                assert!(
                    svg.contains(&format!("{} · {city}", q.id)),
                    "{} on {}'s map",
                    q.id,
                    p.id
                );
            }
            assert!(
                svg.contains(LAND_SVG.lines().nth(2).unwrap()),
                "the land itself"
            );
            let md = brief(&scn, k as u8).markdown();
            assert!(
                !md.contains("<svg") && md.contains("The region:"),
                "Markdown has the caption only"
            );
        }
    }
}

#[test]
fn each_brief_lists_the_commitments_in_force_or_those_a_deal_would_carry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    // In force from the start: the steps, their due dates and where each stands.
    let scn = Arc::new(read_scenario(&root.join("history/initial2007.ron")).expect("loads"));
    let dprk = scn.party_index("DPRK").expect("DPRK");
    let md = brief(&scn, dprk).markdown();
    assert!(md.contains("# Commitments"), "{md}");
    assert!(md.contains("is in force"), "{md}");
    for kind in &scn.commitments.steps {
        assert!(md.contains(&kind.name), "{}", kind.id);
    }
    let shutdown =
        &scn.commitments.steps[scn.commitments.index("shutdown").expect("step") as usize];
    assert!(
        md.contains(&format!("You owe: {}", shutdown.name))
            || md.contains(&format!("; {}", shutdown.name)),
        "{md}"
    );
    assert!(md.contains("DPRK (you)"), "{md}");
    // Not yet signed: what a package would carry, with the days after the signature.
    let scn = Arc::new(read_scenario(&root.join("nov2006.ron")).expect("loads"));
    let usa = scn.party_index("USA").expect("USA");
    let md = brief(&scn, usa).markdown();
    assert!(md.contains("A signed package is not the end"), "{md}");
    assert!(md.contains("You would owe:"), "{md}");
    // A scenario without commitments has no such section.
    let scn = Arc::new(read_scenario(&root.join("teaching60.ron")).expect("loads"));
    if scn.commitments.steps.is_empty() {
        assert!(!brief(&scn, 0).markdown().contains("# Commitments"));
    }
}
