//! Pacing for people: the days run by themselves, the game stops on the events chosen in setup, a move
//! can be made at any time, waits and the advisers' play, signing and refusing at a stop, Enter on the
//! setup screen, and a resumed game that never cuts a longer replay short.

use crate::common::TempDir;
use crate::common::apps::{game, game_app, screen, send};
use bevy::ecs::system::RunSystemOnce;
use bevy::prelude::*;
use sixparty::app::Talks;
use sixparty::app::game::{Command, Game, GameSetup, Screen, SetupChoices};
use sixparty::app::pacing::{PauseOn, PauseRules};
use sixparty::sim::Simulation;
use sixparty::sim::action::Action;
use sixparty::sim::scenario::Phase;
use sixparty::sim::state::Decision;
use sixparty::sim::state::chronicle::{Entry, Why};
use std::path::Path;

fn sim(app: &App) -> &Simulation {
    &app.world().resource::<Talks>().0
}

fn day(app: &App) -> i64 {
    sim(app).state.day
}

/// A game with one human delegation, stopping only on `rules`, started and at its opening stop.
fn one_human(dir: &Path, party: &str, seed: u64, rules: PauseRules) -> App {
    let mut setup = SetupChoices::discover(None, dir.to_path_buf());
    let scn = setup.scenario().unwrap();
    setup.humans = vec![scn.party_index(party).unwrap()];
    setup.seed = seed;
    setup.pause_rules = rules;
    let mut app = game_app(setup);
    send(&mut app, Command::Start);
    app.update();
    assert_eq!(screen(&app), Screen::Table);
    app
}

/// Answers every stop by waiting until the debrief; returns the days the game stopped on with the
/// kinds of their reasons.
fn continue_to_the_end(app: &mut App) -> Vec<(i64, Vec<Option<PauseOn>>)> {
    let mut stops = Vec::new();
    let mut guard = 0;
    while screen(app) == Screen::Table && guard < 20_000 {
        guard += 1;
        if let Some(stop) = &game(app).stop {
            stops.push((stop.day, stop.why.iter().map(|(k, _)| *k).collect()));
            send(app, Command::Continue);
        } else {
            app.update();
        }
    }
    assert_eq!(screen(app), Screen::Debrief, "the game reaches its debrief");
    stops
}

/// The days after which the chronicle holds an event of `kind` (the game should stop the next day).
fn days_with(sim: &Simulation, kind: PauseOn, human: u8) -> Vec<i64> {
    let mut days: Vec<i64> = sim
        .log
        .as_ref()
        .unwrap()
        .iter()
        .filter(|e| match (kind, e) {
            (PauseOn::Session, Entry::Phase { to, .. }) => *to == Phase::InSession,
            (PauseOn::Phase, Entry::Phase { to, .. }) => *to != Phase::InSession,
            (PauseOn::Rung, Entry::Rung { .. }) => true,
            (PauseOn::Test, Entry::Move { party, action, .. }) => {
                *party != human && action.kind().is_escalation()
            }
            (PauseOn::Package, Entry::Move { party, action, .. }) => {
                *party != human && matches!(action, Action::ProposePackage { .. })
            }
            (PauseOn::Aimed, Entry::Move { party, action, .. }) => {
                *party != human
                    && match *action {
                        Action::Mediate { a, b } => a == human || b == human,
                        _ => action.target() == Some(human),
                    }
            }
            (PauseOn::Aimed, Entry::Refused { party, .. }) => *party == human,
            (PauseOn::News, Entry::Event { .. } | Entry::Scheduled { .. }) => true,
            _ => false,
        })
        .filter_map(|e| e.day())
        .filter(|&d| d >= 0)
        .collect();
    days.dedup();
    days
}

#[test]
fn the_game_stops_on_each_kind_of_event_it_is_told_to_and_on_no_other() {
    let tmp = TempDir::new("pace-kinds");
    let usa = 1u8;
    for kind in PauseOn::ALL {
        // The first seed from 1 whose game as the USA (always waiting) has such an event.
        let mut tried = 0;
        let (app, stops) = loop {
            tried += 1;
            let mut app = one_human(&tmp.path(), "USA", tried, PauseRules::of(&[kind]));
            let stops = continue_to_the_end(&mut app);
            if stops.len() > 1 || tried == 40 {
                break (app, stops);
            }
        };
        let s = sim(&app);
        // The opening stop, then one per day that brought such an event (a run that ends that day has
        // no day after it to stop on).
        assert_eq!(stops[0].0, 0, "{kind:?}: the game opens stopped");
        assert_eq!(stops[0].1, vec![None]);
        let stopped: Vec<i64> = stops[1..].iter().map(|(d, _)| *d).collect();
        for (_, kinds) in &stops[1..] {
            assert!(
                kinds.iter().all(|k| *k == Some(kind)),
                "{kind:?}: a stop for another reason: {kinds:?}"
            );
        }
        let expected: Vec<i64> = if kind == PauseOn::EveryDay {
            (1..s.state.day).collect()
        } else {
            days_with(s, kind, usa)
                .into_iter()
                .map(|d| d + 1)
                .filter(|&d| d < s.state.day)
                .collect()
        };
        assert_eq!(
            stopped, expected,
            "{kind:?}: the game stops the day after each such event, and only then"
        );
        assert!(
            !expected.is_empty(),
            "{kind:?}: one of seeds 1–40 as the USA has such an event (else this case tests nothing)"
        );
    }
}

#[test]
fn a_move_made_while_the_days_run_is_played_that_day_without_a_daily_stop() {
    let tmp = TempDir::new("pace-midrun");
    let mut app = one_human(&tmp.path(), "USA", 5, PauseRules::of(&[]));
    assert!(game(&app).awaiting(), "the opening stop");
    send(&mut app, Command::Continue);
    while day(&app) < 6 {
        assert!(
            game(&app).stop.is_none(),
            "no stop on day {} with no rules",
            day(&app)
        );
        app.update();
    }
    let d = day(&app);
    send(&mut app, Command::PlayerMove(Action::EnvoyVisit { to: 0 }));
    while day(&app) <= d {
        app.update();
    }
    let log = sim(&app).log.as_ref().unwrap();
    assert!(log.iter().any(|e| matches!(
        e,
        Entry::Move { day, party: 1, action: Action::EnvoyVisit { to: 0 }, why: Why::Player } if *day == d
    )));
    // Every other day the USA waited, by the player's (standing) choice; the decision count is two.
    let waits = log
        .iter()
        .filter(|e| {
            matches!(
                e,
                Entry::Move {
                    party: 1,
                    action: Action::Wait,
                    why: Why::Player,
                    ..
                }
            )
        })
        .count();
    assert_eq!(waits as i64, day(&app) - 1);
    assert_eq!(game(&app).decisions, 2);
    // The move's own effect is shown next to it.
    let f = game(&app).feedback.last().expect("feedback for the envoy");
    assert_eq!((f.day, f.action), (d, Action::EnvoyVisit { to: 0 }));
    assert!(!f.lines.is_empty(), "an envoy changes something: {f:?}");
}

#[test]
fn waiting_a_week_and_letting_the_advisers_play_run_the_days_and_stop_again() {
    let tmp = TempDir::new("pace-wait");
    let mut app = one_human(&tmp.path(), "USA", 5, PauseRules::of(&[]));
    send(&mut app, Command::WaitDays(7));
    while game(&app).stop.is_none() {
        app.update();
    }
    assert_eq!(day(&app), 7, "the wait ends with a stop on day 7");
    send(&mut app, Command::AdvisersUntil(Some(20)));
    while game(&app).stop.is_none() {
        app.update();
    }
    assert_eq!(day(&app), 20);
    let log = sim(&app).log.as_ref().unwrap();
    let advised = log
        .iter()
        .filter(|e| {
            matches!(
                e,
                Entry::Move {
                    party: 1,
                    why: Why::Advisers,
                    ..
                }
            )
        })
        .count();
    assert_eq!(advised, 13, "the advisers chose days 7 to 19");
    assert_eq!(game(&app).decisions, 2);
}

#[test]
fn at_a_session_the_player_refuses_the_draft_then_signs_it() {
    let tmp = TempDir::new("pace-sign");
    let mut app = one_human(&tmp.path(), "USA", 7, PauseRules::of(&[PauseOn::Session]));
    send(&mut app, Command::Continue);
    while game(&app).stop.is_none() {
        assert_eq!(
            screen(&app),
            Screen::Table,
            "a session opens before the end"
        );
        app.update();
    }
    assert_eq!(sim(&app).state.phase, Phase::InSession);
    let d = day(&app);
    send(&mut app, Command::PlayerMove(Action::Refuse));
    while day(&app) == d {
        app.update();
    }
    assert_eq!(sim(&app).state.parties[1].decision, Some(Decision::Refused));
    assert_eq!(sim(&app).state.phase, Phase::InSession);
    // The next day, while the days run: sign.
    send(&mut app, Command::PlayerMove(Action::Sign));
    let d = day(&app);
    while day(&app) == d {
        app.update();
    }
    assert!(
        matches!(
            sim(&app).state.parties[1].decision,
            Some(Decision::Signed(_))
        ) || sim(&app).state.phase != Phase::InSession,
        "the signature stands: {:?}",
        sim(&app).state.parties[1].decision
    );
    let log = sim(&app).log.as_ref().unwrap();
    for a in [Action::Refuse, Action::Sign] {
        assert!(
            log.iter().any(|e| matches!(e, Entry::Move { party: 1, action, why: Why::Player, .. } if *action == a)),
            "{a:?} is in the chronicle as the player's"
        );
    }
}

#[test]
fn enter_that_ends_typing_in_a_number_field_does_not_start_the_game() {
    let tmp = TempDir::new("pace-enter");
    let mut setup = SetupChoices::discover(None, tmp.path());
    setup.seed = 3;
    let mut app = game_app(setup);
    // The setup screen marks the frames in which a field has the keyboard (and the one after).
    app.world_mut().resource_mut::<SetupChoices>().typing = 2;
    send(&mut app, Command::EnterOnSetup);
    assert_eq!(screen(&app), Screen::Setup, "Enter ended the typing only");
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(app.world().resource::<SetupChoices>().typing, 0);
    send(&mut app, Command::EnterOnSetup);
    app.update();
    assert_eq!(screen(&app), Screen::Table, "a later Enter starts");
}

#[test]
fn a_resumed_save_never_overwrites_a_longer_replay() {
    let tmp = TempDir::new("pace-resume");
    let dir = tmp.path();
    let mut app = one_human(&dir, "USA", 4, PauseRules::default());
    // Play twenty days, save, then play to the end: the replay holds the whole game.
    send(&mut app, Command::Continue);
    while day(&app) < 20 {
        if game(&app).stop.is_some() {
            send(&mut app, Command::Continue);
        } else {
            app.update();
        }
    }
    send(&mut app, Command::Save);
    let save = game(&app).save_path.clone();
    let replay = game(&app).replay_path.clone();
    continue_to_the_end(&mut app);
    let full = std::fs::read_to_string(&replay).unwrap();

    // Resumed the default way: a new replay beside the old one.
    let fresh = sixparty::app::game::unused_path(&replay);
    assert_ne!(fresh, replay);
    assert!(
        fresh.to_string_lossy().ends_with("-2.ron"),
        "{}",
        fresh.display()
    );

    // Resumed asking for the same replay: the longer one is kept, and the game writes a new file.
    let loaded = sixparty::sim::io::save::read_save(&save).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        loaded.replay,
        std::path::absolute(&replay).unwrap().display().to_string()
    );
    let mut app2 = game_app(SetupChoices::discover(None, dir.clone()));
    app2.world_mut()
        .run_system_once(
            move |mut commands: Commands, mut next: ResMut<NextState<Screen>>| {
                sixparty::app::game::resume_game(
                    &mut commands,
                    &mut next,
                    loaded.sim.clone(),
                    GameSetup {
                        humans: loaded.humans.clone(),
                        advisers_play: false,
                        turn_limit: 0,
                        dir: std::path::PathBuf::new(),
                        origin: loaded.origin.clone(),
                        save_path: Some(std::path::PathBuf::from("unused.sav")),
                        replay_path: Some(std::path::PathBuf::from(&loaded.replay)),
                        pause_rules: PauseRules::default(),
                    },
                );
            },
        )
        .unwrap();
    app2.update();
    assert_eq!(screen(&app2), Screen::Table);
    send(&mut app2, Command::Continue);
    for _ in 0..5 {
        app2.update();
    }
    assert_eq!(
        std::fs::read_to_string(&replay).unwrap(),
        full,
        "the finished game's replay is untouched"
    );
    let g: &Game = game(&app2);
    assert_ne!(g.replay_path, std::path::absolute(&replay).unwrap());
    assert!(
        g.replay_path.exists(),
        "the resumed game writes its own replay"
    );
    assert!(g.replay_note.is_some(), "and says so");
}
