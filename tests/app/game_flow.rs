//! The window's game flow as Bevy App tests (minimal plugins, no rendering): setup to table to debrief,
//! the player's turn, pausing, and the replay that reproduces the game.

use crate::common::TempDir;
use crate::common::apps::{game_app, screen, send};
use bevy::prelude::*;
use sixparty::app::Talks;
use sixparty::app::game::{Command, Game, Screen, SetupChoices};
use sixparty::sim::Simulation;
use sixparty::sim::decide::options;
use sixparty::sim::output::render;
use sixparty::sim::state::chronicle::{Entry, Why};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// An App with the game's logic, one human delegation or none, and the seed.
fn app(player: Option<&str>, seed: u64, replays: PathBuf) -> App {
    let mut setup = SetupChoices::discover(None, replays);
    let scn = setup.scenario().unwrap();
    setup.humans = player
        .and_then(|p| scn.party_index(p))
        .into_iter()
        .collect();
    setup.seed = seed;
    game_app(setup)
}

fn day(app: &App) -> i64 {
    app.world().resource::<Talks>().0.state.day
}

#[test]
fn start_leads_from_setup_to_the_table() {
    let tmp = TempDir::new("flow-start");
    let mut app = app(None, 3, tmp.path());
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
    let tmp = TempDir::new("flow-pause");
    let mut app = app(None, 3, tmp.path());
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
    let tmp = TempDir::new("flow-wait");
    let mut app = app(Some("USA"), 5, tmp.path());
    send(&mut app, Command::Start);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(
        day(&app),
        0,
        "the game opens stopped: nothing moves before the player's first decision"
    );
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
    assert!(
        day(&app) >= 2,
        "the days run on by themselves after the decision (day {})",
        day(&app)
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

/// Plays a whole game as the USA: at each stop the advisers' first option, and two moves of our own made
/// while the days run (on days 2 and 9, without a stop); returns the game's chronicle and the replay file.
fn play_as_usa(seed: u64, dir: PathBuf) -> (String, PathBuf, App) {
    let mut app = app(Some("USA"), seed, dir);
    send(&mut app, Command::Start);
    app.update();
    let mut guard = 0;
    while screen(&app) == Screen::Table && guard < 5000 {
        guard += 1;
        let awaiting = app.world().resource::<Game>().awaiting();
        let d = day(&app);
        let chosen = app
            .world()
            .resource::<Game>()
            .moves
            .iter()
            .any(|m| m.day == d);
        if (d == 2 || d == 9) && !chosen {
            let action = if d == 2 {
                sixparty::sim::action::Action::EaseSanctions { on: 0 }
            } else {
                sixparty::sim::action::Action::BilateralMeeting { with: 0 }
            };
            send(&mut app, Command::PlayerMove(action));
        } else if awaiting {
            let action = {
                let t = &app.world().resource::<Talks>().0;
                options(&t.scenario, &t.state, 1)[0].action
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
    let tmp = TempDir::new("flow-replay");
    let (text, replay, _app) = play_as_usa(7, tmp.path());
    assert!(
        replay.exists(),
        "the replay was written: {}",
        replay.display()
    );
    assert!(text.contains("USA   eases sanctions on DPRK  -- why: the player's choice"));
    crate::common::prints_exactly(&["run", "--script", replay.to_str().unwrap()], &text);
}

#[test]
fn replay_and_new_seed_start_again_from_the_debrief() {
    let tmp = TempDir::new("flow-again");
    let (text, _, mut app) = play_as_usa(8, tmp.path());
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
    let tmp = TempDir::new("flow-observe");
    let mut app = app(None, 21, tmp.path());
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

/// The advisers' look-ahead runs off the frame: frames keep coming (the window keeps drawing) while 200
/// futures are played, and the result arrives on a later frame, for the day and delegation asked about.
#[test]
fn frames_keep_coming_while_the_advisers_look_200_futures_ahead() {
    let tmp = TempDir::new("flow-think");
    let mut app = app(Some("USA"), 5, tmp.path());
    send(&mut app, Command::Start);
    for _ in 0..3 {
        app.update();
    }
    assert!(app.world().resource::<Game>().awaiting());
    let frames_before = app.world().resource::<bevy::diagnostic::FrameCount>().0;
    send(&mut app, Command::Advise(200));
    // The frame that asked has ended, and the advice is not there yet: it is being worked out elsewhere.
    let g = app.world().resource::<Game>();
    assert!(
        g.thinking && g.advice.is_none(),
        "the request returns at once"
    );
    let mut frames_waiting = 0u32;
    let started = std::time::Instant::now();
    while app.world().resource::<Game>().advice.is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the look-ahead finishes"
        );
        app.update();
        frames_waiting += 1;
        std::thread::sleep(Duration::from_millis(1));
    }
    let g = app.world().resource::<Game>();
    assert!(!g.thinking);
    let (d, p, rows) = g.advice.as_ref().unwrap();
    assert_eq!((*d, *p), (0, 1), "advice for day 0 and the USA");
    assert!(!rows.is_empty());
    assert!(
        frames_waiting >= 1,
        "frames were drawn while the advisers thought"
    );
    assert!(
        app.world().resource::<bevy::diagnostic::FrameCount>().0 > frames_before + frames_waiting
    );
    assert_eq!(day(&app), 0, "the run still waits for the player");
}

#[test]
fn the_setup_screen_finds_which_settings_matter_off_the_frame() {
    use sixparty::app::background::MATTER_TRAJECTORIES;
    use sixparty::app::game::WhatMatters;
    let tmp = TempDir::new("flow-matter");
    let mut setup = SetupChoices::discover(None, tmp.path());
    setup.matter_runs = 2;
    let scn = setup.scenario().unwrap();
    let mut app = game_app(setup);
    send(&mut app, Command::WhatMatters);
    assert!(matches!(
        &app.world().resource::<SetupChoices>().matter,
        WhatMatters::Weighing(s) if Arc::ptr_eq(s, &scn)
    ));
    // The window keeps drawing while the runs are played.
    let started = std::time::Instant::now();
    let found = loop {
        app.update();
        if let WhatMatters::Found(k, found) = &app.world().resource::<SetupChoices>().matter {
            break (Arc::clone(k), found.clone());
        }
        assert!(started.elapsed() < Duration::from_secs(600), "no answer");
        std::thread::sleep(Duration::from_millis(20));
    };
    let (key, rows) = (found.0, found.1.expect("the screen ran"));
    assert!(
        Arc::ptr_eq(&key, &scn),
        "found for the scenario asked about"
    );
    assert_eq!(rows.len(), 5);
    assert!(rows.windows(2).all(|w| w[0].1.mu_star >= w[1].1.mu_star));
    assert!(rows.iter().all(|r| r.0.path.starts_with("model.")));
    // The same screen as the core works out, whatever the threads.
    let direct =
        sixparty::sim::runs::sweep::what_matters(&scn, 1, MATTER_TRAJECTORIES, 2, 1, 5).unwrap();
    assert_eq!(rows, direct);
}

/// The long default (400 days: a deal signed has time to fall due).
fn long_default() -> PathBuf {
    crate::common::root().join("scenarios/nov2006_long.ron")
}

/// Plays the long default as the DPRK: the advisers' first option at each stop, signing any package put
/// to the table; once a deal is signed, the DPRK delays its shutdown at every stop while it is owed.
/// Returns the chronicle, the replay and whether a deal was signed.
fn sign_then_delay(seed: u64, dir: PathBuf) -> (String, PathBuf, bool) {
    use sixparty::sim::state::deal::{Comply, StepStatus};
    let mut setup = SetupChoices::discover(None, dir);
    setup.scenarios[0] = sixparty::app::game::ScenarioChoice {
        name: "long".into(),
        path: Some(long_default()),
        loaded: Ok(Arc::new(
            sixparty::sim::read_scenario(&long_default()).unwrap(),
        )),
    };
    setup.humans = vec![0];
    setup.seed = seed;
    let mut app = game_app(setup);
    send(&mut app, Command::Start);
    app.update();
    let mut guard = 0;
    while screen(&app) == Screen::Table && guard < 40000 {
        guard += 1;
        let (awaiting, owed, in_session, d) = {
            let t = &app.world().resource::<Talks>().0;
            let g = app.world().resource::<Game>();
            let shutdown = t.scenario.commitments.index("shutdown");
            let owed = t.state.deal.as_ref().and_then(|deal| {
                deal.steps
                    .iter()
                    .find(|s| Some(s.kind) == shutdown && s.status == StepStatus::Open)
                    .map(|s| s.kind)
            });
            let fixed = t
                .fixed_compliance()
                .iter()
                .any(|f| f.day == t.state.day && Some(f.step) == shutdown);
            (
                g.awaiting(),
                owed.filter(|_| !fixed),
                t.state.phase == sixparty::sim::scenario::Phase::InSession,
                t.state.day,
            )
        };
        if awaiting && let Some(step) = owed {
            send(&mut app, Command::Comply(step, Comply::Delay));
        }
        if awaiting {
            let action = if in_session {
                sixparty::sim::action::Action::Sign
            } else {
                let t = &app.world().resource::<Talks>().0;
                options(&t.scenario, &t.state, 0)[0].action
            };
            let _ = d;
            send(&mut app, Command::PlayerMove(action));
        } else {
            app.update();
        }
    }
    let t = &app.world().resource::<Talks>().0;
    let signed = t.state.deal.is_some();
    let text = render::text(t);
    let replay = app.world().resource::<Game>().replay_path.clone();
    (text, replay, signed)
}

#[test]
fn a_human_delegation_signs_then_delays_a_step_and_the_others_react() {
    let tmp = TempDir::new("flow-comply");
    let mut played = None;
    for seed in [6, 7, 13, 4, 9] {
        let (text, replay, signed) = sign_then_delay(seed, tmp.path().join(format!("s{seed}")));
        if signed && text.contains("(shutdown) falls due undone") {
            played = Some((text, replay));
            break;
        }
    }
    let (text, replay) = played.expect("a game in which the DPRK signs and its shutdown falls due");
    // The DPRK's own decision stands in the record: the shutdown was not begun while it delayed, fell due
    // undone, and the others' trust in it fell.
    assert!(
        text.contains("DPRK  \"Shut down and seal the Yongbyon reactor\" (shutdown) falls due undone  -- the others' trust in DPRK falls by 3"),
        "{text}"
    );
    // The replay carries the compliance choices and reproduces the game byte for byte.
    let written = std::fs::read_to_string(&replay).unwrap();
    assert!(written.contains("comply:"), "{written}");
    crate::common::prints_exactly(
        &[
            "run",
            long_default().to_str().unwrap(),
            "--script",
            replay.to_str().unwrap(),
        ],
        &text,
    );
}
