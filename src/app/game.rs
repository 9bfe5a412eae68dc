//! The game's flow without any drawing: screens, the player's turn, pacing of days, replays and the
//! debrief. The window's interface and tests both drive it through [`Command`] messages.

use super::{Advance, DayPlayed, Talks, TalksSystems};
use crate::app::background::Background;
use crate::sim::action::Action;
use crate::sim::runs::adviser::Advice;
use crate::sim::scenario::Phase;
use crate::sim::state::chronicle::Why;
use crate::sim::step::FixedMove;
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
    /// The delegations played by people (any number, in party order); none to observe.
    pub humans: Vec<u8>,
    /// Seconds each human delegation has for its move before its advisers act for it (0: no limit).
    pub turn_limit: u32,
    /// The seed.
    pub seed: u64,
    /// Folder where replays are written.
    pub replay_dir: PathBuf,
    /// The folder the scenarios were read from, watched for edits.
    pub dir: Option<PathBuf>,
    /// When each scenario file was last modified, as last read.
    pub stamps: Vec<Option<(std::time::SystemTime, u64)>>,
}

impl SetupChoices {
    /// The embedded default scenario plus every `.ron` file in `dir` (sorted by name).
    pub fn discover(dir: Option<&std::path::Path>, replay_dir: PathBuf) -> SetupChoices {
        let mut scenarios = vec![ScenarioChoice {
            name: "8 November 2006 (embedded default)".into(),
            path: None,
            loaded: Ok(Arc::new(default_scenario())),
        }];
        if let Some(dir) = dir {
            for path in crate::sim::io::files::ron_files(dir) {
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
        let stamps = scenarios
            .iter()
            .map(|c| modified(c.path.as_deref()))
            .collect();
        SetupChoices {
            scenarios,
            selected: 0,
            humans: Vec::new(),
            turn_limit: 0,
            seed: 1,
            replay_dir,
            dir: dir.map(PathBuf::from),
            stamps,
        }
    }

    /// Reads the scenario folder again if a file was added, removed or edited since it was last read;
    /// keeps the selection on the same file. Returns whether anything changed.
    pub fn refresh(&mut self) -> bool {
        let Some(dir) = self.dir.clone() else {
            return false;
        };
        let paths = |c: &[ScenarioChoice]| c.iter().map(|c| c.path.clone()).collect::<Vec<_>>();
        // File stamps first: nothing is parsed unless a file was added, removed or edited.
        let outside: Vec<Option<PathBuf>> = self
            .scenarios
            .iter()
            .filter_map(|c| c.path.clone())
            .filter(|p| p.parent() != Some(dir.as_path()))
            .map(Some)
            .collect();
        let mut would_be: Vec<Option<PathBuf>> = std::iter::once(None)
            .chain(crate::sim::io::files::ron_files(&dir).into_iter().map(Some))
            .collect();
        keep_outside(&mut would_be, outside);
        let would_be_stamps: Vec<_> = would_be.iter().map(|p| modified(p.as_deref())).collect();
        if would_be == paths(&self.scenarios) && would_be_stamps == self.stamps {
            return false;
        }
        let fresh = SetupChoices::discover(Some(&dir), self.replay_dir.clone());
        // Files given on the command line (outside the folder) stay in the list.
        let extra: Vec<ScenarioChoice> = self
            .scenarios
            .iter()
            .filter(|c| {
                c.path
                    .as_ref()
                    .is_some_and(|p| p.parent() != Some(dir.as_path()))
            })
            .map(|c| ScenarioChoice {
                loaded: c.path.as_deref().map_or(c.loaded.clone(), |p| {
                    read_scenario(p).map(Arc::new).map_err(|d| d.to_string())
                }),
                ..c.clone()
            })
            .collect();
        let mut next = fresh.scenarios;
        keep_outside(&mut next, extra);
        let stamps: Vec<_> = next.iter().map(|c| modified(c.path.as_deref())).collect();
        let chosen = self
            .scenarios
            .get(self.selected)
            .and_then(|c| c.path.clone());
        self.selected = next.iter().position(|c| c.path == chosen).unwrap_or(0);
        let before = self.scenario().map(|s| s.parties.len());
        self.scenarios = next;
        self.stamps = stamps;
        if self.scenario().map(|s| s.parties.len()) != before {
            self.humans.clear();
        }
        true
    }

    /// Where the selected scenario comes from, as saves record it.
    pub fn origin(&self) -> String {
        self.scenarios
            .get(self.selected)
            .and_then(|c| c.path.as_ref())
            .map_or(crate::sim::io::save::EMBEDDED_ORIGIN.into(), |p| {
                p.display().to_string()
            })
    }

    /// The selected scenario, if it loaded.
    pub fn scenario(&self) -> Option<Arc<Scenario>> {
        self.scenarios
            .get(self.selected)
            .and_then(|c| c.loaded.clone().ok())
    }
}

/// Puts the files given on the command line (outside the scenario folder) back in the list, after the
/// embedded default, in their order.
fn keep_outside<T>(list: &mut Vec<T>, outside: Vec<T>) {
    for (k, c) in outside.into_iter().enumerate() {
        list.insert((1 + k).min(list.len()), c);
    }
}

/// A file's modification time and length, to notice edits.
fn modified(path: Option<&std::path::Path>) -> Option<(std::time::SystemTime, u64)> {
    let m = std::fs::metadata(path?).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// A game in progress or just finished.
#[derive(Resource, Clone, Debug)]
pub struct Game {
    /// The delegations played by people, in party order (empty when observing).
    pub humans: Vec<u8>,
    /// Whether the delegations' advisers play for the humans (autoplay).
    pub advisers_play: bool,
    /// Seed of the run.
    pub seed: u64,
    /// The human delegations' moves so far (for the replay), including those their advisers made when
    /// time ran out.
    pub moves: Vec<FixedMove>,
    /// (day, phase, rung) after each day played, for the chart.
    pub history: Vec<(i64, Phase, u8)>,
    /// The human delegation whose move the run waits for, if any.
    pub turn: Option<u8>,
    /// The human delegation whose private view is open (hot-seat: the cover screen hides it from the
    /// next one until they confirm).
    pub revealed: Option<u8>,
    /// Seconds a human delegation has for its move (None: no limit).
    pub turn_limit: Option<f32>,
    /// Seconds the current turn has run.
    pub turn_clock: f32,
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
    /// The adviser's look-ahead for the current day and delegation, when asked for.
    pub advice: Option<(i64, u8, Vec<Advice>)>,
    /// Whether the advisers are still looking ahead (the result comes on a later frame).
    pub thinking: bool,
    /// Whether the class report is still being written.
    pub reporting: bool,
    /// Where the replay is written.
    pub replay_path: PathBuf,
    /// The last error writing the replay, if any.
    pub replay_error: Option<String>,
    /// Where the scenario came from (recorded in saves).
    pub origin: String,
    /// Where the Save command writes.
    pub save_path: PathBuf,
    /// What the last save did, for the interface.
    pub save_status: Option<Result<String, String>>,
    /// What the last report did, for the interface.
    pub report_status: Option<Result<String, String>>,
    /// Whether the "leave this game?" question is up.
    pub confirm_leave: bool,
}

impl Game {
    /// Whether the run waits for a human delegation's move.
    pub fn awaiting(&self) -> bool {
        self.turn.is_some()
    }

    /// The delegation whose private view (options, advisers) may be shown now: the only human, or in
    /// hot-seat play the one whose turn it is, once they have taken the seat.
    pub fn viewer(&self) -> Option<u8> {
        match self.humans.as_slice() {
            [] => None,
            [only] => Some(*only),
            _ => self.turn.filter(|t| self.revealed == Some(*t)),
        }
    }

    /// The delegation the cover screen asks for, when one is up: several humans share the machine and
    /// the turn has passed to one that has not taken the seat yet.
    pub fn cover(&self) -> Option<u8> {
        if self.humans.len() > 1 && !self.advisers_play {
            self.turn.filter(|t| self.revealed != Some(*t))
        } else {
            None
        }
    }

    /// Seconds left in the current turn, if there is a limit.
    pub fn time_left(&self) -> Option<f32> {
        self.turn_limit
            .filter(|_| self.turn.is_some())
            .map(|l| (l - self.turn_clock).max(0.0))
    }
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
    /// The delegation named on the cover screen has taken the seat: show its view.
    TakeSeat,
    /// Save the game now (to the game's save path).
    Save,
    /// Write the debrief report of this game (HTML, beside the replay).
    WriteReport,
    /// Ask before leaving the table (again: stay).
    AskLeave,
    /// Save, and leave for the setup screen only if the save was written.
    SaveAndLeave,
}

/// The game's logic: states, commands, pacing, player turns, replays, debrief.
pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .init_resource::<Background>()
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
        .add_systems(Update, collect_background.before(handle_commands))
        .add_systems(OnEnter(Screen::Setup), leave_game)
        .add_systems(Update, watch_scenarios.run_if(in_state(Screen::Setup)));
}

/// On the setup screen, the scenario folder is read again about once a second, so that an edited file
/// reloads (or shows its new error) without closing the window.
fn watch_scenarios(time: Res<Time>, mut since: Local<f32>, setup: Option<ResMut<SetupChoices>>) {
    *since += time.delta_secs();
    if *since < 1.0 {
        return;
    }
    *since = 0.0;
    if let Some(mut setup) = setup {
        // Only a change is written back, so that the interface is not told of one every second.
        let mut copy = setup.clone();
        if copy.refresh() {
            *setup = copy;
        }
    }
}

/// A file name no earlier game has taken: `nov2006-seed7-usa.ron`, then `…-2.ron`, and so on.
fn fresh_file(
    dir: &std::path::Path,
    scn: &Scenario,
    seed: u64,
    humans: &[u8],
    ext: &str,
) -> PathBuf {
    let who = if humans.is_empty() {
        "observer".to_string()
    } else {
        humans
            .iter()
            .map(|&p| scn.parties[p as usize].id.to_lowercase())
            .collect::<Vec<_>>()
            .join("-")
    };
    let base = format!("{}-seed{seed}-{who}", scn.file.meta.id);
    let mut path = dir.join(format!("{base}.{ext}"));
    let mut k = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{k}.{ext}"));
        k += 1;
    }
    path
}

/// How a game begins.
#[derive(Clone, Debug)]
pub struct GameSetup {
    /// The human delegations.
    pub humans: Vec<u8>,
    /// Whether their advisers play for them.
    pub advisers_play: bool,
    /// Seconds per human turn (0: no limit).
    pub turn_limit: u32,
    /// Where replays and saves go.
    pub dir: PathBuf,
    /// Where the scenario came from.
    pub origin: String,
    /// Where saves go (by default a new file beside the replays).
    pub save_path: Option<PathBuf>,
    /// The replay to go on writing (a resumed game), instead of a new file.
    pub replay_path: Option<PathBuf>,
}

/// Starts a game: the run, the game state, the table screen.
pub fn start_game(
    commands: &mut Commands,
    next: &mut NextState<Screen>,
    scn: Arc<Scenario>,
    seed: u64,
    setup: GameSetup,
) {
    let sim = Simulation::new(Arc::clone(&scn), seed, true);
    resume_game(commands, next, sim, setup);
}

/// Puts a run (new or loaded from a save) on the table.
pub fn resume_game(
    commands: &mut Commands,
    next: &mut NextState<Screen>,
    sim: Simulation,
    setup: GameSetup,
) {
    let scn = Arc::clone(&sim.scenario);
    let seed = sim.seed;
    let mut humans = setup.humans;
    humans.sort_unstable();
    humans.dedup();
    humans.retain(|&h| (h as usize) < scn.parties.len());
    // The history chart and the replay start from what the run already holds.
    let history = vec![(sim.state.day - 1, sim.state.phase, sim.state.rung)];
    let moves: Vec<FixedMove> = sim
        .fixed_moves()
        .iter()
        .filter(|m| humans.contains(&m.party) && matches!(m.why, Why::Player | Why::Advisers))
        .cloned()
        .collect();
    commands.insert_resource(Game {
        advisers_play: setup.advisers_play,
        seed,
        moves,
        history,
        turn: None,
        revealed: None,
        turn_limit: (setup.turn_limit > 0).then_some(setup.turn_limit as f32),
        turn_clock: 0.0,
        paused: false,
        speed: 1,
        banked: 0.0,
        step_once: false,
        dossier: None,
        help: false,
        advice: None,
        thinking: false,
        reporting: false,
        replay_path: setup
            .replay_path
            .unwrap_or_else(|| fresh_file(&setup.dir, &scn, seed, &humans, "ron")),
        replay_error: None,
        origin: setup.origin,
        save_path: setup
            .save_path
            .unwrap_or_else(|| fresh_file(&setup.dir, &scn, seed, &humans, "sav")),
        save_status: None,
        report_status: None,
        confirm_leave: false,
        humans,
    });
    commands.insert_resource(Talks(sim));
    commands.insert_resource(Advance(false));
    next.set(Screen::Table);
}

fn save_replay(game: &mut Game, sim: &Simulation) {
    if game.humans.is_empty() || game.advisers_play {
        return;
    }
    let who: Vec<&str> = game
        .humans
        .iter()
        .map(|&p| sim.scenario.parties[p as usize].id.as_str())
        .collect();
    let text = crate::sim::io::script::replay_text(
        &sim.scenario,
        game.seed,
        &game.moves,
        &format!(
            "A game with {} played by people, seed {}.",
            who.join(", "),
            game.seed
        ),
    );
    let result = game
        .replay_path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| crate::sim::io::files::write_atomic(&game.replay_path, text.as_bytes()));
    game.replay_error = result
        .err()
        .map(|e| format!("{}: {e}", game.replay_path.display()));
}

/// The label a game's report goes by: its replay's name.
pub fn report_label(game: &Game) -> String {
    game.replay_path
        .file_stem()
        .map_or("this game".into(), |s| s.to_string_lossy().into_owned())
}

/// Where the debrief report of a game is written: beside its replay.
pub fn report_path(game: &Game) -> PathBuf {
    game.replay_path
        .with_file_name(format!("{}-report.html", report_label(game)))
}

/// Collects the work done off the frame into the game: the look-ahead into `advice`, the report's outcome
/// into `report_status`. Work for a game that has ended is dropped.
fn collect_background(mut bg: ResMut<Background>, game: Option<ResMut<Game>>) {
    let Some(mut g) = game else {
        bg.clear();
        return;
    };
    if let Some(advice) = bg.poll_advice() {
        g.advice = Some(advice);
        g.thinking = false;
    }
    if let Some(status) = bg.poll_report() {
        g.report_status = Some(status);
        g.reporting = false;
    }
}

/// Writes a save of the game (atomically) to its save path.
pub fn save_game(game: &mut Game, sim: &Simulation) {
    let text = crate::sim::io::save::save_text_with(
        sim,
        &game.origin,
        &game.humans,
        // Absolute, so that a game resumed from another folder goes on writing the same replay.
        &std::path::absolute(&game.replay_path)
            .unwrap_or_else(|_| game.replay_path.clone())
            .display()
            .to_string(),
        game.turn_limit.map_or(0, |l| l as u32),
    );
    let path = game.save_path.clone();
    let result = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| crate::sim::io::files::write_atomic(&path, text.as_bytes()));
    game.save_status = Some(match result {
        Ok(()) => Ok(format!(
            "Saved before day {} to {} (resume: sixparty play --load {})",
            sim.state.day,
            path.display(),
            path.display()
        )),
        Err(e) => Err(format!("Not saved: {}: {e}", path.display())),
    });
}

fn handle_commands(
    mut commands: Commands,
    mut input: MessageReader<Command>,
    mut next: ResMut<NextState<Screen>>,
    setup: Option<Res<SetupChoices>>,
    game: Option<ResMut<Game>>,
    mut talks: Option<ResMut<Talks>>,
    mut bg: ResMut<Background>,
) {
    let mut game = game;
    for c in input.read() {
        match c {
            Command::Start => {
                if let Some(setup) = &setup
                    && let Some(scn) = setup.scenario()
                {
                    let origin = setup.origin();
                    start_game(
                        &mut commands,
                        &mut next,
                        scn,
                        setup.seed,
                        GameSetup {
                            humans: setup.humans.clone(),
                            advisers_play: false,
                            turn_limit: setup.turn_limit,
                            dir: setup.replay_dir.clone(),
                            origin,
                            save_path: None,
                            replay_path: None,
                        },
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
                        GameSetup {
                            humans: g.humans.clone(),
                            advisers_play: g.advisers_play,
                            turn_limit: g.turn_limit.map_or(0, |l| l as u32),
                            dir,
                            origin: g.origin.clone(),
                            save_path: None,
                            replay_path: None,
                        },
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
                // The move is for the delegation whose turn it is, once it has taken the seat; one move
                // a day each: a second click before the day is played changes nothing.
                if let Some(p) = g.turn
                    && g.cover().is_none()
                    && playable(&t.0.scenario, p, action)
                {
                    fix_human_move(g, &mut t.0, p, *action, Why::Player);
                }
            }
            Command::TakeSeat => {
                if let Some(p) = g.cover() {
                    g.revealed = Some(p);
                }
            }
            Command::Save => save_game(g, &t.0),
            Command::WriteReport => {
                g.reporting = true;
                g.report_status = None;
                bg.report(&t.0, report_label(g), g.seed, report_path(g));
            }
            Command::AskLeave => g.confirm_leave = !g.confirm_leave,
            Command::SaveAndLeave => {
                save_game(g, &t.0);
                if matches!(g.save_status, Some(Ok(_))) {
                    next.set(Screen::Setup);
                } else {
                    g.confirm_leave = false;
                }
            }
            Command::Advise(k) => {
                if let Some(p) = g.viewer() {
                    // Off the frame: the window keeps drawing while the advisers look ahead.
                    g.thinking = true;
                    bg.advise(&t.0, p, *k);
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

/// Fixes a human delegation's move for today, records it for the replay and writes the replay.
fn fix_human_move(g: &mut Game, sim: &mut Simulation, p: u8, action: Action, why: Why) {
    let day = sim.state.day;
    if g.moves.iter().any(|m| m.day == day && m.party == p) {
        return;
    }
    // Fixed at once, so that it is played on the day it was chosen for.
    let m = FixedMove {
        day,
        party: p,
        action,
        why,
    };
    sim.fix_moves([m.clone()]);
    g.moves.push(m);
    g.turn = None;
    g.turn_clock = 0.0;
    g.advice = None;
    // Hot seat: the next human turn starts behind the cover again, whoever it is.
    if g.humans.len() > 1 {
        g.revealed = None;
    }
    save_replay(g, sim);
}

/// Before a day is played, every human delegation must have chosen its move, one after another in party
/// order; a turn that runs past the time limit is played by the delegation's advisers.
fn wait_for_player(time: Res<Time>, game: Option<ResMut<Game>>, talks: Option<ResMut<Talks>>) {
    let (Some(mut g), Some(mut t)) = (game, talks) else {
        return;
    };
    let g = &mut *g;
    let sim = &mut t.0;
    let day = sim.state.day;
    let mut dt = time.delta_secs();
    loop {
        let next = if g.advisers_play || sim.is_finished() {
            None
        } else {
            g.humans.iter().copied().find(|&p| {
                !sim.fixed_moves()
                    .iter()
                    .any(|m| m.day == day && m.party == p)
                    && !g.moves.iter().any(|m| m.day == day && m.party == p)
            })
        };
        if next != g.turn {
            g.turn = next;
            g.turn_clock = 0.0;
        }
        let Some(p) = g.turn else { return };
        // The clock runs only once the seat is taken: not under the hand-over cover.
        if !g.paused && !g.confirm_leave && g.cover().is_none() {
            g.turn_clock += dt;
            dt = 0.0;
        }
        match g.turn_limit {
            Some(limit) if g.turn_clock >= limit => {
                // Time is up: the advisers make the move the model would make for this delegation.
                let action = sim.advise(p).action;
                fix_human_move(g, sim, p, action, Why::Advisers);
                // The time spent is not carried to the next delegation.
            }
            _ => return,
        }
    }
}

pub use crate::sim::step::legal::playable;

/// Lets a day pass when its time has come, unless paused or waiting for the player.
fn pace_days(time: Res<Time>, game: Option<ResMut<Game>>, mut advance: ResMut<Advance>) {
    let Some(mut g) = game else {
        advance.0 = false;
        return;
    };
    if g.awaiting() || g.confirm_leave {
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
