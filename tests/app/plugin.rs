//! The Bevy side: the talks plugin steps the core once per update, pauses, takes moves in as messages and
//! publishes the days played, in the manner of Bevy's own `how_to_test_systems`.

use bevy::prelude::*;
use sixparty::app::{Advance, DayPlayed, MoveChosen, Talks, headless_app};
use sixparty::sim::action::Action;
use sixparty::sim::state::chronicle::{Entry, Why};
use sixparty::sim::{Simulation, default_scenario};
use std::sync::Arc;

fn app(seed: u64) -> App {
    headless_app(Simulation::new(Arc::new(default_scenario()), seed, true))
}

fn day(app: &App) -> i64 {
    app.world().resource::<Talks>().0.state.day
}

#[test]
fn each_update_plays_one_day_and_publishes_it() {
    let mut app = app(3);
    assert_eq!(day(&app), 0);
    app.update();
    app.update();
    assert_eq!(day(&app), 2);
    let played: Vec<DayPlayed> = app
        .world_mut()
        .resource_mut::<Messages<DayPlayed>>()
        .drain()
        .collect();
    assert_eq!(played.iter().map(|d| d.day).collect::<Vec<_>>(), vec![0, 1]);
    assert!(played.iter().all(|d| !d.finished));
}

#[test]
fn a_paused_run_does_not_advance() {
    let mut app = app(3);
    app.insert_resource(Advance(false));
    app.update();
    app.update();
    assert_eq!(day(&app), 0);
    app.insert_resource(Advance(true));
    app.update();
    assert_eq!(day(&app), 1);
}

#[test]
fn a_move_sent_as_a_message_is_played_that_day() {
    let mut app = app(3);
    app.update();
    app.world_mut().write_message(MoveChosen {
        party: 1,
        action: Action::EnvoyVisit { to: 0 },
        why: Why::Player,
    });
    app.update();
    let talks = &app.world().resource::<Talks>().0;
    let log = talks.log.as_ref().unwrap();
    assert!(log.iter().any(|e| matches!(
        e,
        Entry::Move {
            day: 1,
            party: 1,
            action: Action::EnvoyVisit { to: 0 },
            why: Why::Player
        }
    )));
}

#[test]
fn the_run_stops_at_its_outcome() {
    let mut app = app(8);
    for _ in 0..400 {
        app.update();
    }
    let talks = &app.world().resource::<Talks>().0;
    assert!(talks.is_finished());
    assert!(talks.state.day <= talks.horizon() + 1);
}
