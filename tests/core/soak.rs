//! A short soak in the suite (the long one is `sixparty soak --runs 340000`, see docs/testing.md): every
//! shipped scenario, with the model's invariants checked after every day, and no run failing.

use sixparty::sim::read_scenario;
use sixparty::sim::runs::soak::soak;
use std::path::Path;
use std::sync::Arc;

#[test]
fn a_short_soak_of_every_shipped_scenario_finds_nothing() {
    let scenarios: Vec<_> = ["nov2006.ron", "jul2005.ron", "teaching60.ron"]
        .iter()
        .map(|f| {
            let p = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("scenarios")
                .join(f);
            Arc::new(read_scenario(&p).unwrap())
        })
        .collect();
    let report = soak(&scenarios, 1, 1500, 2, &|_| {});
    assert_eq!(report.failed, 0, "{:#?}", report.failures);
    assert_eq!(report.runs.iter().map(|r| r.1).sum::<usize>(), 4500);
    assert!(report.days > 4500 * 50);
}
