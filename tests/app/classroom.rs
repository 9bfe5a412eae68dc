//! The classroom: several human delegations on one machine (hot seat), the cover screen between their
//! turns, a turn time limit after which the advisers move, saving from the window, and the setup screen
//! reloading an edited scenario. Driven as Bevy App tests (minimal plugins, no rendering).

use crate::common::TempDir;
use crate::common::apps::{game, game_app as app, screen, send};
use bevy::prelude::*;
use sixparty::app::Talks;
use sixparty::app::game::{Command, Screen, SetupChoices};
use sixparty::sim::decide::options;
use sixparty::sim::output::render;
use sixparty::sim::state::chronicle::{Entry, Why};
use std::path::{Path, PathBuf};
use std::time::Duration;

fn sim(app: &App) -> &sixparty::sim::Simulation {
    &app.world().resource::<Talks>().0
}

/// Four delegations played by people (DPRK, USA, ROK, JPN), two by the model (CHN, RUS), 20 s a turn.
fn four_humans(dir: &Path, seed: u64) -> App {
    let mut setup = SetupChoices::discover(None, dir.to_path_buf());
    let scn = setup.scenario().unwrap();
    setup.humans = ["DPRK", "USA", "ROK", "JPN"]
        .iter()
        .map(|id| scn.party_index(id).unwrap())
        .collect();
    setup.turn_limit = 20;
    setup.seed = seed;
    // Turn by turn: the game stops every day for the four.
    setup
        .pause_rules
        .set(sixparty::app::pacing::PauseOn::EveryDay, true);
    let mut app = app(setup);
    send(&mut app, Command::Start);
    app.update();
    app
}

#[test]
fn four_humans_take_turns_behind_a_cover_screen_and_a_timeout_hands_the_turn_to_the_advisers() {
    let tmp = TempDir::new("hotseat");
    let dir = tmp.path();
    let mut app = four_humans(&dir, 12);
    assert_eq!(screen(&app), Screen::Table);
    let (dprk, usa, rok, jpn) = (0u8, 1u8, 3u8, 4u8);

    // Day 0: the first human delegation in party order is up, behind the cover.
    assert_eq!(game(&app).turn, Some(dprk));
    assert_eq!(game(&app).cover(), Some(dprk));
    assert_eq!(
        game(&app).viewer(),
        None,
        "no private view before the seat is taken"
    );
    // A move sent while the cover is up is not taken.
    send(
        &mut app,
        Command::PlayerMove(sixparty::sim::action::Action::HardlineStatement),
    );
    assert!(game(&app).moves.is_empty());
    send(&mut app, Command::TakeSeat);
    assert_eq!(game(&app).viewer(), Some(dprk));
    assert_eq!(game(&app).cover(), None);
    send(
        &mut app,
        Command::PlayerMove(sixparty::sim::action::Action::ConciliatoryStatement),
    );
    // The turn passes to the USA: the cover is up again, hiding the DPRK's view.
    assert_eq!(game(&app).turn, Some(usa));
    assert_eq!(game(&app).cover(), Some(usa));
    assert_eq!(game(&app).viewer(), None);
    // The clock does not run under the cover: the turn's time starts when the seat is taken.
    for _ in 0..30 {
        app.update();
    }
    assert_eq!(
        game(&app).turn,
        Some(usa),
        "the turn waits behind the cover"
    );
    assert_eq!(game(&app).time_left(), Some(20.0));
    send(&mut app, Command::TakeSeat);
    send(
        &mut app,
        Command::PlayerMove(sixparty::sim::action::Action::EnvoyVisit { to: 2 }),
    );
    assert_eq!(game(&app).turn, Some(rok));
    send(&mut app, Command::TakeSeat);
    send(
        &mut app,
        Command::PlayerMove(sixparty::sim::action::Action::ConciliatoryStatement),
    );
    // Japan takes the seat and lets the clock run out.
    assert_eq!(game(&app).turn, Some(jpn));
    send(&mut app, Command::TakeSeat);
    let advised = sim(&app).advise(jpn).action;
    assert_eq!(sim(&app).state.day, 0, "the day waits for Japan");
    let mut waited = 0;
    while game(&app).moves.len() < 4 && waited < 60 {
        assert!(game(&app).time_left().unwrap() <= 20.0);
        app.update();
        waited += 1;
    }
    assert!(
        (17..=22).contains(&waited),
        "the 20 s limit ran out after {waited} s"
    );
    let timed_out = game(&app).moves.last().unwrap().clone();
    assert_eq!(timed_out.party, jpn);
    assert_eq!(timed_out.why, Why::Advisers);
    assert_eq!(
        timed_out.action, advised,
        "the advisers play the model's move"
    );
    // The day is played with the four humans' moves and the model's for China and Russia.
    while sim(&app).state.day == 0 {
        app.update();
    }
    let log = sim(&app).log.as_ref().unwrap();
    let day0: Vec<(u8, &Why)> = log
        .iter()
        .filter_map(|e| match e {
            Entry::Move {
                day: 0, party, why, ..
            } => Some((*party, why)),
            _ => None,
        })
        .collect();
    for (p, why) in &day0 {
        match *p {
            0 | 1 | 3 => assert_eq!(**why, Why::Player),
            4 => assert_eq!(**why, Why::Advisers),
            _ => assert!(matches!(why, Why::Model(_))),
        }
    }
    let text = render::text(sim(&app));
    assert!(
        text.contains("JPN   ")
            && text
                .contains("-- why: its advisers chose (time ran out, or the players handed over)"),
        "the chronicle says the advisers acted"
    );

    // Day 1 begins with the DPRK again, behind the cover (Japan's view was the last open).
    app.update();
    assert_eq!(game(&app).turn, Some(dprk));
    assert_eq!(game(&app).cover(), Some(dprk));

    // Play on to the end: each delegation takes the seat and picks its advisers' first option, but the
    // ROK lets its time run out every tenth day.
    let mut guard = 0;
    while screen(&app) == Screen::Table && guard < 20_000 {
        guard += 1;
        let g = game(&app);
        let (turn, cover) = (g.turn, g.cover());
        match (turn, cover) {
            (_, Some(_)) => send(&mut app, Command::TakeSeat),
            (Some(p), None) if !(p == rok && sim(&app).state.day % 10 == 5) => {
                let t = sim(&app);
                let action = options(&t.scenario, &t.state_at_decision(), p)[0].action;
                send(&mut app, Command::PlayerMove(action));
            }
            _ => app.update(),
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let text = render::text(sim(&app));
    let timeouts = game(&app)
        .moves
        .iter()
        .filter(|m| m.why == Why::Advisers)
        .count();
    assert!(timeouts >= 2, "{timeouts} timeouts");

    // The replay, run headless, gives the game's chronicle byte for byte, timeouts included.
    let replay = game(&app).replay_path.clone();
    assert!(replay.exists());
    let replay_text = std::fs::read_to_string(&replay).unwrap();
    assert!(replay_text.contains("advisers: true"));
    crate::common::prints_exactly(&["run", "--script", replay.to_str().unwrap()], &text);

    // One click on the debrief writes the class report beside the replay.
    // It is written off the frame: the window keeps drawing ("writing the class report…") meanwhile.
    send(&mut app, Command::WriteReport);
    assert!(game(&app).reporting, "the report is under way");
    let started = std::time::Instant::now();
    while game(&app).report_status.is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(300),
            "the report is written"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.update();
    }
    assert!(!game(&app).reporting);
    let status = game(&app).report_status.clone().unwrap();
    assert!(status.is_ok(), "{status:?}");
    let report = replay.with_file_name(format!(
        "{}-report.html",
        replay.file_stem().unwrap().to_string_lossy()
    ));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("Game 1:") && html.contains("<svg ") && html.contains("1000 runs"));
    assert!(html.contains("the game window (W on the debrief screen)"));
}

#[test]
fn one_human_has_no_cover_screen() {
    let tmp = TempDir::new("single");
    let dir = tmp.path();
    let mut setup = SetupChoices::discover(None, dir);
    setup.humans = vec![1];
    let mut app = app(setup);
    send(&mut app, Command::Start);
    assert_eq!(game(&app).turn, Some(1));
    assert_eq!(game(&app).cover(), None);
    assert_eq!(game(&app).viewer(), Some(1));
    assert_eq!(game(&app).time_left(), None, "no limit unless one is set");
}

#[test]
fn a_save_from_the_window_resumes_the_same_run() {
    let tmp = TempDir::new("window-save");
    let dir = tmp.path();
    let mut app = four_humans(&dir, 5);
    for _ in 0..3 {
        for _ in 0..4 {
            send(&mut app, Command::TakeSeat);
            send(
                &mut app,
                Command::PlayerMove(sixparty::sim::action::Action::ConciliatoryStatement),
            );
        }
        while game(&app).turn.is_none() {
            app.update();
        }
    }
    send(&mut app, Command::Save);
    let path = game(&app).save_path.clone();
    let status = game(&app).save_status.clone().unwrap();
    assert!(status.is_ok(), "{status:?}");
    let loaded = sixparty::sim::io::save::read_save(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.sim.state, sim(&app).state);
    assert_eq!(loaded.sim.log, sim(&app).log);
    assert_eq!(loaded.humans, vec![0, 1, 3, 4]);
    // A second save replaces the first atomically: no temporary file is left beside it.
    send(&mut app, Command::Save);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".tmp")), "{names:?}");
}

#[test]
fn the_setup_screen_reloads_an_edited_scenario_and_shows_a_broken_one() {
    let tmp = TempDir::new("reload");
    let dir = tmp.path();
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/nov2006.ron"),
    )
    .unwrap();
    let file = dir.join("mine.ron");
    std::fs::write(&file, &original).unwrap();
    let mut setup = SetupChoices::discover(Some(&dir), dir.join("replays"));
    setup.selected = 1;
    let mut app = app(setup);
    let title = |app: &App| {
        app.world()
            .resource::<SetupChoices>()
            .scenario()
            .map(|s| s.file.meta.title.clone())
    };
    assert_eq!(
        title(&app).as_deref(),
        Some("The Six-Party Talks after the first nuclear test")
    );
    // An edit with a typo: the window shows the error instead of closing.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(
        &file,
        original.replacen("horizon_days: 130", "horizon_days: -5", 1),
    )
    .unwrap();
    for _ in 0..3 {
        app.update();
    }
    let setup = app.world().resource::<SetupChoices>();
    let err = setup.scenarios[setup.selected].loaded.clone().unwrap_err();
    assert!(
        err.contains("mine.ron:") && err.contains("meta.horizon_days"),
        "{err}"
    );
    assert_eq!(setup.selected, 1, "the selection stays on the edited file");
    // The fix reloads.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(
        &file,
        original.replacen(
            "The Six-Party Talks after the first nuclear test",
            "Edited in class",
            1,
        ),
    )
    .unwrap();
    for _ in 0..3 {
        app.update();
    }
    assert_eq!(title(&app).as_deref(), Some("Edited in class"));
}

/// A class of three groups, each playing the same four delegations its own way through the window's
/// game logic; returns the replay files.
fn three_groups(dir: &Path) -> Vec<PathBuf> {
    use sixparty::sim::action::Action;
    let mut replays = Vec::new();
    for (group, seed) in [("a", 3u64), ("b", 3), ("c", 3)] {
        let gdir = dir.join(group);
        std::fs::create_dir_all(&gdir).unwrap();
        let mut app = four_humans(&gdir, seed);
        let mut guard = 0;
        while screen(&app) == Screen::Table && guard < 40_000 {
            guard += 1;
            let (turn, cover) = (game(&app).turn, game(&app).cover());
            match (turn, cover) {
                (_, Some(_)) => send(&mut app, Command::TakeSeat),
                (Some(p), None) => {
                    let t = sim(&app);
                    let opts = options(&t.scenario, &t.state_at_decision(), p);
                    let action = match group {
                        // Group a takes its advisers' single likeliest move each day: mostly waiting.
                        "a" => opts[0].action,
                        // Group b is hawkish: hard words, and the DPRK tests a missile on day 12.
                        "b" if p == 0 && t.state.day == 12 => Action::MissileTest,
                        "b" => opts
                            .iter()
                            .map(|c| c.action)
                            .find(|a| matches!(a, Action::HardlineStatement | Action::HoldFirm))
                            .unwrap_or(opts[0].action),
                        // Group c reaches out: envoys and conciliation, the USA eases on day 5.
                        _ if p == 1 && t.state.day == 5 => Action::EaseSanctions { on: 0 },
                        _ => opts
                            .iter()
                            .map(|c| c.action)
                            .find(|a| {
                                matches!(
                                    a,
                                    Action::ConciliatoryStatement
                                        | Action::EnvoyVisit { .. }
                                        | Action::BilateralMeeting { .. }
                                        | Action::Concede { .. }
                                )
                            })
                            .unwrap_or(opts[0].action),
                    };
                    send(&mut app, Command::PlayerMove(action));
                }
                _ => app.update(),
            }
        }
        assert_eq!(screen(&app), Screen::Debrief, "group {group} finished");
        let path = game(&app).replay_path.clone();
        let named = dir.join(format!("group-{group}.ron"));
        std::fs::copy(&path, &named).unwrap();
        replays.push(named);
    }
    replays
}

#[test]
fn a_report_compares_three_groups_with_the_model_alone() {
    let tmp = TempDir::new("report");
    let dir = tmp.path();
    let replays = three_groups(&dir);
    // The report's own folder may be kept for the documentation's screenshots.
    if let Ok(keep) = std::env::var("SIXPARTY_KEEP_REPLAYS") {
        for r in &replays {
            std::fs::copy(r, Path::new(&keep).join(r.file_name().unwrap())).unwrap();
        }
    }
    let out = dir.join("class.html");
    let mut args = vec!["report".to_string()];
    args.extend(replays.iter().map(|r| r.display().to_string()));
    args.extend(["--runs", "400", "--out"].map(String::from));
    args.push(out.display().to_string());
    let o = crate::common::bin().args(&args).output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    for want in [
        "<h2>The games side by side</h2>",
        "Game 1: group-a",
        "Game 2: group-b",
        "Game 3: group-c",
        "Timeline: phase and escalation",
        "Positions drifting",
        "Turning points",
        "What the human delegations did",
        "Against the historical course",
        "the model alone",
        "400 runs",
    ] {
        assert!(html.contains(want), "the report lacks `{want}`");
    }
    // One timeline, one chart per issue for each game, the comparison chart, and for each game that
    // signed a deal with steps its commitments planned against actual.
    let svgs = html.matches("<svg ").count();
    let deals = html.matches("<h3>Commitments against actions</h3>").count();
    assert_eq!(
        html.matches("aria-label=\"The deal's steps, planned against actual\"")
            .count(),
        deals
    );
    assert_eq!(svgs, 1 + 3 * (1 + 6) + deals, "{svgs} charts");
    assert!(
        !html.contains("NaN") && !html.contains(">inf") && !html.contains("\"inf"),
        "a number failed"
    );
    assert!(
        !html.contains("http://")
            || html.matches("http://").count()
                == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "nothing is fetched from the network"
    );
    assert!(!html.contains("<script"), "no scripts");
    // The groups played differently and the report says so: their scores differ.
    assert!(html.contains("DPRK"), "the human delegations are named");
}
