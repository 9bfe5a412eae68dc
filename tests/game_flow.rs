//! The window's game flow as Bevy App tests (minimal plugins, no rendering): setup to table to debrief,
//! the player's turn, pausing, and the replay that reproduces the game.

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use sixparty::app::game::{Command, Game, Screen, SetupChoices};
use sixparty::app::{Talks, TalksPlugin};
use sixparty::sim::decide::options;
use sixparty::sim::transcript::{Entry, Why};
use sixparty::sim::{Simulation, render};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sixparty-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// An App with the game's logic and one day of game time per update at speed 1 day/s.
fn app(player: Option<&str>, seed: u64, replays: PathBuf) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, TalksPlugin))
        .add_plugins(sixparty::app::game::plugin)
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)));
    let mut setup = SetupChoices::discover(None, replays);
    let scn = setup.scenario().unwrap();
    setup.humans = player
        .and_then(|p| scn.party_index(p))
        .into_iter()
        .collect();
    setup.seed = seed;
    app.insert_resource(setup);
    // Virtual time caps a frame at 250 ms unless told otherwise.
    app.world_mut()
        .resource_mut::<Time<Virtual>>()
        .set_max_delta(Duration::from_secs(2));
    app.update();
    app
}

fn send(app: &mut App, c: Command) {
    app.world_mut().write_message(c);
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn day(app: &App) -> i64 {
    app.world().resource::<Talks>().0.state.day
}

#[test]
fn start_leads_from_setup_to_the_table() {
    let mut app = app(None, 3, temp_dir("flow-start"));
    assert_eq!(screen(&app), Screen::Setup);
    assert!(app.world().get_resource::<Talks>().is_none());
    send(&mut app, Command::Start);
    app.update();
    assert_eq!(screen(&app), Screen::Table);
    assert!(app.world().get_resource::<Game>().is_some());
    let before = day(&app);
    for _ in 0..5 {
        app.update();
    }
    assert!(day(&app) > before, "days pass at the table");
}

#[test]
fn pause_stops_the_days_and_step_plays_one() {
    let mut app = app(None, 3, temp_dir("flow-pause"));
    send(&mut app, Command::Start);
    app.update();
    send(&mut app, Command::TogglePause);
    let d = day(&app);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(day(&app), d);
    send(&mut app, Command::StepDay);
    app.update();
    assert_eq!(day(&app), d + 1);
}

#[test]
fn the_run_waits_for_the_player_and_records_the_move() {
    let mut app = app(Some("USA"), 5, temp_dir("flow-wait"));
    send(&mut app, Command::Start);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(day(&app), 0, "nothing moves before the player's first move");
    assert!(app.world().resource::<Game>().awaiting());
    let action = sixparty::sim::action::Action::ConciliatoryStatement;
    send(&mut app, Command::PlayerMove(action));
    // A second click the same day changes nothing.
    send(
        &mut app,
        Command::PlayerMove(sixparty::sim::action::Action::HardlineStatement),
    );
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(
        day(&app),
        1,
        "one day passes, then the player is asked again"
    );
    let t = &app.world().resource::<Talks>().0;
    let player_moves: Vec<_> = t
        .log
        .as_ref()
        .unwrap()
        .iter()
        .filter(|e| {
            matches!(
                e,
                Entry::Move {
                    day: 0,
                    party: 1,
                    why: Why::Player,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(player_moves.len(), 1);
    assert!(matches!(
        player_moves[0],
        Entry::Move {
            action: sixparty::sim::action::Action::ConciliatoryStatement,
            ..
        }
    ));
}

/// Plays a whole game as the USA, always taking the advisers' first option but for a few moves of our
/// own; returns the game's chronicle and the replay file.
fn play_as_usa(seed: u64, dir: PathBuf) -> (String, PathBuf, App) {
    let mut app = app(Some("USA"), seed, dir);
    send(&mut app, Command::Start);
    app.update();
    let mut guard = 0;
    while screen(&app) == Screen::Table && guard < 5000 {
        guard += 1;
        let awaiting = app.world().resource::<Game>().awaiting();
        if awaiting {
            let action = {
                let t = &app.world().resource::<Talks>().0;
                let d = t.state.day;
                if d == 2 {
                    sixparty::sim::action::Action::EaseSanctions { on: 0 }
                } else if d == 9 {
                    sixparty::sim::action::Action::BilateralMeeting { with: 0 }
                } else {
                    options(&t.scenario, &t.state, 1)[0].action
                }
            };
            send(&mut app, Command::PlayerMove(action));
        } else {
            app.update();
        }
    }
    assert_eq!(
        screen(&app),
        Screen::Debrief,
        "the game ends on the debrief"
    );
    let text = render::text(&app.world().resource::<Talks>().0);
    let replay = app.world().resource::<Game>().replay_path.clone();
    (text, replay, app)
}

#[test]
fn a_game_as_the_usa_is_reproduced_by_its_replay() {
    let (text, replay, _app) = play_as_usa(7, temp_dir("flow-replay"));
    assert!(
        replay.exists(),
        "the replay was written: {}",
        replay.display()
    );
    assert!(text.contains("USA   eases sanctions on DPRK  -- why: the player's choice"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sixparty"))
        .args(["run", "--script", replay.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}

#[test]
fn replay_and_new_seed_start_again_from_the_debrief() {
    let (text, _, mut app) = play_as_usa(8, temp_dir("flow-again"));
    send(&mut app, Command::NewSeed);
    app.update();
    assert_eq!(screen(&app), Screen::Table);
    assert_eq!(app.world().resource::<Game>().seed, 9);
    assert_eq!(day(&app), 0);
    send(&mut app, Command::BackToSetup);
    app.update();
    assert_eq!(screen(&app), Screen::Setup);
    assert!(app.world().get_resource::<Talks>().is_none());
    assert!(!text.is_empty());
}

#[test]
fn observing_gives_the_same_chronicle_as_a_headless_run() {
    let mut app = app(None, 21, temp_dir("flow-observe"));
    send(&mut app, Command::Start);
    let mut guard = 0;
    while screen(&app) != Screen::Debrief && guard < 1000 {
        guard += 1;
        app.update();
    }
    let game_text = render::text(&app.world().resource::<Talks>().0);
    let scn = Arc::clone(&app.world().resource::<Talks>().0.scenario);
    let headless = sixparty::app::run_headless(Simulation::new(scn, 21, true));
    assert_eq!(game_text, render::text(&headless));
}
