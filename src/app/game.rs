//! The game's flow without any drawing: screens, the player's turn, pacing of days, replays and the
//! debrief. The window's interface and tests both drive it through [`Command`] messages.

use super::{Advance, DayPlayed, Talks, TalksSystems};
use crate::sim::action::Action;
use crate::sim::adviser::Advice;
use crate::sim::engine::FixedMove;
use crate::sim::scenario::Phase;
use crate::sim::transcript::Why;
use crate::sim::{Scenario, Simulation, default_scenario, read_scenario};
use bevy::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// The screens of the window.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// Choose scenario, delegation and seed.
    #[default]
    Setup,
    /// The talks.
    Table,
    /// The outcome and the turning points.
    Debrief,
}

/// Speeds in days per second.
pub const SPEEDS: [f32; 5] = [0.5, 1.0, 2.0, 4.0, 10.0];

/// A scenario offered on the setup screen.
#[derive(Clone, Debug)]
pub struct ScenarioChoice {
    /// What the list shows.
    pub name: String,
    /// The file, or `None` for the embedded default.
    pub path: Option<PathBuf>,
    /// The loaded scenario, or the error that stops it from loading.
    pub loaded: Result<Arc<Scenario>, String>,
}

/// The setup screen's choices.
#[derive(Resource, Clone, Debug)]
pub struct SetupChoices {
    /// Scenarios offered.
    pub scenarios: Vec<ScenarioChoice>,
    /// The one selected.
    pub selected: usize,
    /// The delegation to play, or `None` to observe.
    pub player: Option<u8>,
    /// The seed.
    pub seed: u64,
    /// Folder where replays are written.
    pub replay_dir: PathBuf,
}

impl SetupChoices {
    /// The embedded default scenario plus every `.ron` file in `dir` (sorted by name).
    pub fn discover(dir: Option<&std::path::Path>, replay_dir: PathBuf) -> SetupChoices {
        let mut scenarios = vec![ScenarioChoice {
            name: "8 November 2006 (embedded default)".into(),
            path: None,
            loaded: Ok(Arc::new(default_scenario())),
        }];
        if let Some(dir) = dir
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect();
            files.sort();
            for path in files {
                let loaded = read_scenario(&path)
                    .map(Arc::new)
                    .map_err(|d| d.to_string());
                let name = match &loaded {
                    Ok(s) => format!("{} ({})", s.file.meta.title, path.display()),
                    Err(_) => format!("{} (invalid)", path.display()),
                };
                scenarios.push(ScenarioChoice {
                    name,
                    path: Some(path),
                    loaded,
                });
            }
        }
        SetupChoices {
            scenarios,
            selected: 0,
            player: None,
            seed: 1,
            replay_dir,
        }
    }

    /// The selected scenario, if it loaded.
    pub fn scenario(&self) -> Option<Arc<Scenario>> {
        self.scenarios
            .get(self.selected)
            .and_then(|c| c.loaded.clone().ok())
    }
}

/// A game in progress or just finished.
#[derive(Resource, Clone, Debug)]
pub struct Game {
    /// The human delegation, if any.
    pub player: Option<u8>,
    /// Whether the delegation's advisers play for it (autoplay).
    pub advisers_play: bool,
    /// Seed of the run.
    pub seed: u64,
    /// The player's moves so far (for the replay).
    pub moves: Vec<FixedMove>,
    /// (day, phase, rung) after each day played, for the chart.
    pub history: Vec<(i64, Phase, u8)>,
    /// Whether the run waits for the player's move.
    pub awaiting: bool,
    /// Paused by the user.
    pub paused: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// Time banked towards the next day.
    pub banked: f32,
    /// Play exactly one day at the next frame.
    pub step_once: bool,
    /// The party whose dossier is open.
    pub dossier: Option<u8>,
    /// Whether the help overlay is shown.
    pub help: bool,
    /// The adviser's look-ahead for the current day, when asked for.
    pub advice: Option<(i64, Vec<Advice>)>,
    /// Where the replay is written.
    pub replay_path: PathBuf,
    /// The last error writing the replay, if any.
    pub replay_error: Option<String>,
}

/// What the interface (or a test) asks the game to do.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum Command {
    /// Start a game with the setup's choices.
    Start,
    /// Pause or resume.
    TogglePause,
    /// Play one day.
    StepDay,
    /// Change speed by this many steps.
    Speed(i32),
    /// The player's move for today.
    PlayerMove(Action),
    /// Ask the advisers to look ahead (K futures).
    Advise(usize),
    /// Open or close a dossier.
    Dossier(Option<u8>),
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Play the same seed again.
    Replay,
    /// Play again with the next seed.
    NewSeed,
    /// Leave the game for the setup screen (the replay is already saved).
    BackToSetup,
}

/// The game's logic: states, commands, pacing, player turns, replays, debrief.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_message::<Command>()
        .add_systems(
            Update,
            (handle_commands, wait_for_player, pace_days)
                .chain()
                .after(TalksSystems::ReadInput)
                .before(TalksSystems::Step),
        )
        .add_systems(
            Update,
            (record_history, finish_game)
                .chain()
                .in_set(TalksSystems::Publish)
                .run_if(in_state(Screen::Table)),
        )
        .add_systems(OnEnter(Screen::Setup), leave_game);
}

/// A replay file name no earlier game has taken: `nov2006-seed7-usa.ron`, then `…-2.ron`, and so on.
fn replay_file(dir: &std::path::Path, scn: &Scenario, seed: u64, player: Option<u8>) -> PathBuf {
    let who = player.map_or("observer".to_string(), |p| {
        scn.parties[p as usize].id.to_lowercase()
    });
    let base = format!("{}-seed{seed}-{who}", scn.file.meta.id);
    let mut path = dir.join(format!("{base}.ron"));
    let mut k = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{k}.ron"));
        k += 1;
    }
    path
}

/// Starts a game: the run, the game state, the table screen.
pub fn start_game(
    commands: &mut Commands,
    next: &mut NextState<Screen>,
    scn: Arc<Scenario>,
    seed: u64,
    player: Option<u8>,
    advisers_play: bool,
    replay_dir: &std::path::Path,
) {
    let sim = Simulation::new(Arc::clone(&scn), seed, true);
    let history = vec![(-1, sim.state.phase, sim.state.rung)];
    commands.insert_resource(Talks(sim));
    commands.insert_resource(Advance(false));
    commands.insert_resource(Game {
        player,
        advisers_play,
        seed,
        moves: Vec::new(),
        history,
        awaiting: false,
        paused: false,
        speed: 1,
        banked: 0.0,
        step_once: false,
        dossier: None,
        help: false,
        advice: None,
        replay_path: replay_file(replay_dir, &scn, seed, player),
        replay_error: None,
    });
    next.set(Screen::Table);
}

fn save_replay(game: &mut Game, sim: &Simulation) {
    if game.player.is_none() || game.advisers_play {
        return;
    }
    let who = game
        .player
        .map_or("observer", |p| sim.scenario.parties[p as usize].id.as_str());
    let text = crate::sim::script::replay_text(
        &sim.scenario,
        game.seed,
        &game.moves,
        &format!("A game played as {who}, seed {}.", game.seed),
    );
    let result = game
        .replay_path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| crate::cli::write_atomic(&game.replay_path, text.as_bytes()));
    game.replay_error = result
        .err()
        .map(|e| format!("{}: {e}", game.replay_path.display()));
}

fn handle_commands(
    mut commands: Commands,
    mut input: MessageReader<Command>,
    mut next: ResMut<NextState<Screen>>,
    setup: Option<Res<SetupChoices>>,
    game: Option<ResMut<Game>>,
    mut talks: Option<ResMut<Talks>>,
) {
    let mut game = game;
    for c in input.read() {
        match c {
            Command::Start => {
                if let Some(setup) = &setup
                    && let Some(scn) = setup.scenario()
                {
                    start_game(
                        &mut commands,
                        &mut next,
                        scn,
                        setup.seed,
                        setup.player,
                        false,
                        &setup.replay_dir,
                    );
                }
            }
            Command::Replay | Command::NewSeed => {
                if let (Some(g), Some(t)) = (&game, &talks) {
                    let seed = if *c == Command::NewSeed {
                        g.seed.wrapping_add(1)
                    } else {
                        g.seed
                    };
                    let dir = g
                        .replay_path
                        .parent()
                        .map(PathBuf::from)
                        .unwrap_or_default();
                    start_game(
                        &mut commands,
                        &mut next,
                        Arc::clone(&t.0.scenario),
                        seed,
                        g.player,
                        g.advisers_play,
                        &dir,
                    );
                }
            }
            Command::BackToSetup => next.set(Screen::Setup),
            _ => {}
        }
        let (Some(g), Some(t)) = (game.as_mut(), talks.as_mut()) else {
            continue;
        };
        match c {
            Command::TogglePause => g.paused = !g.paused,
            Command::StepDay => {
                g.paused = true;
                g.step_once = true;
            }
            Command::Speed(d) => {
                g.speed = (g.speed as i32 + d).clamp(0, SPEEDS.len() as i32 - 1) as usize;
            }
            Command::PlayerMove(action) => {
                let day = t.0.state.day;
                // One move a day: a second click before the day is played changes nothing.
                let chosen = g.moves.iter().any(|m| m.day == day);
                if let (true, false, Some(p)) = (g.awaiting, chosen, g.player)
                    && playable(&t.0.scenario, p, action)
                {
                    // Fixed at once, so that it is played on the day it was chosen for.
                    let m = FixedMove {
                        day,
                        party: p,
                        action: *action,
                        why: Why::Player,
                    };
                    t.0.fix_moves([m.clone()]);
                    g.moves.push(m);
                    g.awaiting = false;
                    g.advice = None;
                    save_replay(g, &t.0);
                }
            }
            Command::Advise(k) => {
                if let Some(p) = g.player {
                    let rows = crate::sim::adviser::advise(&t.0, p, *k, 30, 8);
                    g.advice = Some((t.0.state.day, rows));
                }
            }
            Command::Dossier(d) => {
                g.dossier = d.filter(|&p| (p as usize) < t.0.scenario.parties.len());
            }
            Command::ToggleHelp => g.help = !g.help,
            _ => {}
        }
    }
}

/// Before a day is played, the player's delegation must have chosen its move.
fn wait_for_player(game: Option<ResMut<Game>>, talks: Option<Res<Talks>>) {
    let (Some(mut g), Some(t)) = (game, talks) else {
        return;
    };
    let sim = &t.0;
    let day = sim.state.day;
    g.awaiting = match g.player {
        Some(p) if !g.advisers_play && !sim.is_finished() => {
            !sim.fixed_moves()
                .iter()
                .any(|m| m.day == day && m.party == p)
                && !g.moves.iter().any(|m| m.day == day)
        }
        _ => false,
    };
}

/// Whether a move can be played and written to a replay: its targets exist and are not the mover, and
/// a package names at least one issue.
pub fn playable(scn: &Scenario, p: u8, action: &Action) -> bool {
    let n = scn.parties.len() as u8;
    let issues = scn.issue_count();
    let party_ok = |j: u8| j < n && j != p;
    match *action {
        Action::Mediate { a, b } => party_ok(a) && party_ok(b) && a != b,
        Action::ProposePackage { issues: mask } => {
            mask != 0 && (issues >= 32 || mask >> issues == 0)
        }
        Action::Concede { issue, amount } => {
            (issue as usize) < issues && (0.0..=100.0).contains(&amount)
        }
        a => a.target().is_none_or(party_ok),
    }
}

/// Lets a day pass when its time has come, unless paused or waiting for the player.
fn pace_days(time: Res<Time>, game: Option<ResMut<Game>>, mut advance: ResMut<Advance>) {
    let Some(mut g) = game else {
        advance.0 = false;
        return;
    };
    if g.awaiting {
        advance.0 = false;
        g.banked = 0.0;
        return;
    }
    if g.step_once {
        g.step_once = false;
        advance.0 = true;
        return;
    }
    if g.paused {
        advance.0 = false;
        return;
    }
    g.banked += time.delta_secs() * SPEEDS[g.speed];
    advance.0 = g.banked >= 1.0;
    if advance.0 {
        g.banked = (g.banked - 1.0).min(1.0);
    }
}

fn record_history(
    mut played: MessageReader<DayPlayed>,
    game: Option<ResMut<Game>>,
    talks: Option<Res<Talks>>,
) {
    let (Some(mut g), Some(t)) = (game, talks) else {
        return;
    };
    for d in played.read() {
        g.history.push((d.day, t.0.state.phase, t.0.state.rung));
    }
}

fn finish_game(
    talks: Option<Res<Talks>>,
    game: Option<ResMut<Game>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let (Some(t), Some(mut g)) = (talks, game) else {
        return;
    };
    if t.0.is_finished() {
        save_replay(&mut g, &t.0);
        next.set(Screen::Debrief);
    }
}

fn leave_game(mut commands: Commands) {
    commands.remove_resource::<Talks>();
    commands.remove_resource::<Game>();
}
