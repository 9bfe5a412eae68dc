//! The game's flow without any drawing: screens, the player's turn, pacing of days, replays and the
//! debrief. The window's interface and tests both drive it through [`Command`] messages.

use super::{Advance, DayPlayed, Talks, TalksSystems};
use crate::app::background::Background;
use crate::app::i18n::t;
use crate::app::pacing::{PauseOn, PauseRules, feedback, stops_on_day};
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
    /// What the list shows for a file: its title and path, or (if it does not load) its path; the
    /// setup screen names the embedded default in the window's language.
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
    /// What the game stops on for the human delegations.
    pub pause_rules: PauseRules,
    /// Frames left during which Enter belongs to a field being typed in (the seed, the time per turn),
    /// not to the Start button: set by the setup screen while a field has the keyboard and just after.
    pub typing: u8,
    /// Which settings matter for a scenario (the very one loaded: a file read again is asked again).
    pub matter: WhatMatters,
    /// Runs at each point of that screen.
    pub matter_runs: usize,
}

/// The setup screen's answer to "which settings matter here?".
#[derive(Clone, Debug, Default)]
pub enum WhatMatters {
    /// Not asked yet.
    #[default]
    NotAsked,
    /// Being weighed for this scenario.
    Weighing(Arc<Scenario>),
    /// Found for this scenario.
    Found(Arc<Scenario>, crate::app::background::Matters),
}

impl SetupChoices {
    /// The embedded default scenario plus every `.ron` file in `dir` (sorted by name).
    pub fn discover(dir: Option<&std::path::Path>, replay_dir: PathBuf) -> SetupChoices {
        let mut scenarios = vec![ScenarioChoice {
            name: String::new(),
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
                    Err(_) => path.display().to_string(),
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
            pause_rules: PauseRules::default(),
            typing: 0,
            matter: WhatMatters::NotAsked,
            matter_runs: 20,
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
    /// The side panel shows every move open to the delegation, full height, in place of the ladder and
    /// the advisers (M).
    pub all_moves: bool,
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
    /// A resumed game writing an existing replay: before the first write, a replay holding more moves
    /// than this game is kept, and the game writes a new file instead.
    pub protect_replay: bool,
    /// Said once the replay had to go to a new file.
    pub replay_note: Option<String>,
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
    /// What the game stops on for the human delegations.
    pub pause_rules: PauseRules,
    /// Why the game has stopped for the humans to decide, if it has.
    pub stop: Option<Stop>,
    /// The humans have let the days run: until a day, or until the next stop; by waiting or with their
    /// advisers playing.
    pub until: Option<Until>,
    /// How many decisions the people have made (moves chosen, stops answered, waits and hand-overs to
    /// the advisers); moves made when time ran out do not count.
    pub decisions: u32,
    /// What the humans' last moves did on their own, newest last (for the feedback next to the move).
    pub feedback: Vec<Feedback>,
}

/// The game has stopped for the human delegations: why, and who still has to decide.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    /// The day to decide for (the next day to play).
    pub day: i64,
    /// What happened, in words, with its kind (`None` for the opening and the end of a wait).
    pub why: Vec<(Option<PauseOn>, String)>,
    /// The human delegations asked to decide, in party order.
    pub who: Vec<u8>,
}

/// The humans let the days run without being asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Until {
    /// The day the game stops again (`None`: at the next stop).
    pub day: Option<i64>,
    /// Whether the advisers choose the humans' moves meanwhile (else they wait). With a day set, the
    /// advisers play through what would otherwise stop the game.
    pub advisers: bool,
}

/// What one of the humans' moves did on its own.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    /// The day it was played.
    pub day: i64,
    /// Who made it.
    pub party: u8,
    /// The move.
    pub action: Action,
    /// What it changed, in words ("momentum +2.0").
    pub lines: Vec<String>,
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

    /// The delegation a move from the interface is for now: the one whose turn it is (once it has taken
    /// the seat), or a lone human at any time while the days run.
    pub fn mover(&self) -> Option<u8> {
        if self.advisers_play {
            return None;
        }
        match (self.turn, self.humans.as_slice()) {
            (Some(t), _) if self.cover().is_none() => Some(t),
            (None, [only]) => Some(*only),
            _ => None,
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
    /// Enter on the setup screen: starts the game, unless it ends typing in a field.
    EnterOnSetup,
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
    /// Ask the advisers to look ahead after one move of the player's choosing (K futures).
    AdviseMove(Action, usize),
    /// Open or close a dossier.
    Dossier(Option<u8>),
    /// Show or hide the help overlay.
    ToggleHelp,
    /// The side panel shows every move open to the delegation, full height, or goes back to the advisers.
    ToggleAllMoves,
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
    /// At a stop: the delegation whose turn it is waits today, and the days run on.
    Continue,
    /// The delegation to move waits this many days (the game stops earlier if something happens).
    WaitDays(i64),
    /// The advisers play for every human delegation until this day (`None`: until the next stop).
    AdvisersUntil(Option<i64>),
    /// In hot-seat play: a delegation asks to move; the game stops for it alone.
    RequestTurn(u8),
    /// On the setup screen: work out which settings the selected scenario's agreement depends on most.
    WhatMatters,
    /// The delegation whose turn it is decides on a step of the deal it owes today (the step's kind).
    Comply(u16, crate::sim::state::deal::Comply),
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
            (record_history, watch_for_stops, finish_game)
                .chain()
                .in_set(TalksSystems::Publish)
                .run_if(in_state(Screen::Table)),
        )
        .add_systems(Update, collect_background.before(handle_commands))
        .add_systems(OnEnter(Screen::Setup), leave_game)
        .add_systems(
            Update,
            (watch_scenarios, count_down_typing)
                .chain()
                .after(handle_commands)
                .run_if(in_state(Screen::Setup)),
        );
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

/// One frame less of the Enter key belonging to a field (see [`SetupChoices::typing`]).
fn count_down_typing(setup: Option<ResMut<SetupChoices>>) {
    if let Some(mut s) = setup
        && s.typing > 0
    {
        s.typing -= 1;
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
    let path = dir.join(format!("{base}.{ext}"));
    if !path.exists() {
        return path;
    }
    numbered(dir, &base, &format!(".{ext}"), 2)
}

/// The first of `dir/base-k.ext`, `dir/base-(k+1).ext`, … that no file takes.
fn numbered(dir: &std::path::Path, base: &str, ext: &str, mut k: u32) -> PathBuf {
    loop {
        let next = dir.join(format!("{base}-{k}{ext}"));
        if !next.exists() {
            return next;
        }
        k += 1;
    }
}

/// The first of `path`, `stem-2.ext`, `stem-3.ext`… that no file takes (a trailing `-N` of the stem is
/// counted on, so `game-2.ron` is followed by `game-3.ron`).
pub fn unused_path(path: &std::path::Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map_or(String::new(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let (base, k) = match stem.rsplit_once('-') {
        Some((b, n)) if !b.is_empty() && n.parse::<u32>().is_ok_and(|n| n >= 2) => {
            (b.to_string(), n.parse::<u32>().unwrap_or(1) + 1)
        }
        _ => (stem.clone(), 2),
    };
    numbered(
        path.parent().unwrap_or(std::path::Path::new("")),
        &base,
        &ext,
        k,
    )
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
    /// What the game stops on for the humans.
    pub pause_rules: PauseRules,
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
    let resumed = setup.replay_path.is_some();
    let mut humans = setup.humans;
    humans.sort_unstable();
    humans.dedup();
    humans.retain(|&h| (h as usize) < scn.parties.len());
    // The history chart and the replay start from what the run already holds.
    let history = vec![(sim.state.day - 1, sim.state.phase, sim.state.rung)];
    // The game opens stopped, so that the people read where things stand before the days run.
    let stop = (!humans.is_empty() && !setup.advisers_play && !sim.is_finished()).then(|| Stop {
        day: sim.state.day,
        why: vec![(
            None,
            if sim.state.day == 0 {
                t!(
                    "game.begins",
                    date = crate::app::words::long_date(sim.date())
                )
            } else {
                t!(
                    "game.resumes",
                    day = sim.state.day,
                    date = crate::app::words::long_date(sim.date())
                )
            },
        )],
        who: humans.clone(),
    });
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
        all_moves: false,
        help: false,
        advice: None,
        thinking: false,
        reporting: false,
        replay_path: setup
            .replay_path
            .unwrap_or_else(|| fresh_file(&setup.dir, &scn, seed, &humans, "ron")),
        replay_error: None,
        protect_replay: resumed,
        replay_note: None,
        origin: setup.origin,
        save_path: setup
            .save_path
            .unwrap_or_else(|| fresh_file(&setup.dir, &scn, seed, &humans, "sav")),
        save_status: None,
        report_status: None,
        confirm_leave: false,
        pause_rules: setup.pause_rules,
        stop,
        until: None,
        decisions: 0,
        feedback: Vec::new(),
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
    if std::mem::take(&mut game.protect_replay) {
        let held = std::fs::read_to_string(&game.replay_path)
            .ok()
            .and_then(|text| {
                crate::sim::io::script::load_script(
                    &game.replay_path.display().to_string(),
                    &text,
                    &sim.scenario,
                )
                .ok()
            })
            .map_or(0, |s| s.moves.len());
        if held > game.moves.len() {
            let fresh = unused_path(&game.replay_path);
            game.replay_note = Some(t!(
                "game.longer_replay",
                path = game.replay_path.display(),
                held = held,
                fresh = fresh.display()
            ));
            game.replay_path = fresh;
        }
    }
    let who: Vec<&str> = game
        .humans
        .iter()
        .map(|&p| sim.scenario.parties[p as usize].id.as_str())
        .collect();
    let text = crate::sim::io::script::replay_text_with(
        &sim.scenario,
        game.seed,
        &game.moves,
        &[],
        &[],
        sim.fixed_compliance(),
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
/// into `report_status`, and the setup screen's screen of what matters into the setup. Work for a game that
/// has ended is dropped.
fn collect_background(
    mut bg: ResMut<Background>,
    game: Option<ResMut<Game>>,
    setup: Option<ResMut<SetupChoices>>,
) {
    if let Some((key, found)) = bg.poll_matter()
        && let Some(mut setup) = setup
    {
        setup.matter = WhatMatters::Found(key, found);
    }
    let Some(mut g) = game else {
        bg.clear();
        return;
    };
    if let Some((day, p, rows)) = bg.poll_advice() {
        // A look-ahead for one more move joins the rows already worked out for the same day and party.
        match &mut g.advice {
            Some((d, q, old)) if *d == day && *q == p => {
                for r in rows {
                    old.retain(|o| o.action != r.action);
                    old.push(r);
                }
            }
            _ => g.advice = Some((day, p, rows)),
        }
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
        &[],
    );
    let path = game.save_path.clone();
    let result = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| crate::sim::io::files::write_atomic(&path, text.as_bytes()));
    game.save_status = Some(match result {
        Ok(()) => Ok(t!("game.saved", day = sim.state.day, path = path.display())),
        Err(e) => Err(t!("game.not_saved", path = path.display(), error = e)),
    });
}

fn handle_commands(
    mut commands: Commands,
    mut input: MessageReader<Command>,
    mut next: ResMut<NextState<Screen>>,
    mut setup: Option<ResMut<SetupChoices>>,
    game: Option<ResMut<Game>>,
    mut talks: Option<ResMut<Talks>>,
    mut bg: ResMut<Background>,
) {
    let mut game = game;
    for c in input.read() {
        let typing = setup.as_ref().is_some_and(|s| s.typing > 0);
        match c {
            Command::EnterOnSetup if typing => {}
            Command::WhatMatters => {
                if let Some(setup) = &mut setup
                    && let Some(scn) = setup.scenario()
                {
                    bg.what_matters(Arc::clone(&scn), setup.seed, setup.matter_runs);
                    setup.matter = WhatMatters::Weighing(scn);
                }
            }
            Command::Start | Command::EnterOnSetup => {
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
                            pause_rules: setup.pause_rules,
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
                            pause_rules: g.pause_rules,
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
            // At a stop, Space answers it: the delegation to move waits and the days run on.
            Command::TogglePause if g.stop.is_some() => decide_wait(g, &mut t.0),
            Command::TogglePause => g.paused = !g.paused,
            Command::Continue => decide_wait(g, &mut t.0),
            Command::WaitDays(n) if g.mover().is_some() => {
                let day = t.0.state.day + (*n).max(1);
                decide_wait(g, &mut t.0);
                g.until = Some(Until {
                    day: Some(day),
                    advisers: false,
                });
                g.paused = false;
            }
            Command::AdvisersUntil(day) if g.mover().is_some() || g.humans.len() > 1 => {
                g.decisions += 1;
                g.until = Some(Until {
                    day: *day,
                    advisers: true,
                });
                // Whoever is still to decide at this stop leaves it to the advisers.
                g.stop = None;
                g.turn = None;
                g.paused = false;
            }
            Command::RequestTurn(p)
                if g.stop.is_none() && g.humans.contains(p) && !g.advisers_play =>
            {
                g.stop = Some(Stop {
                    day: t.0.state.day,
                    why: vec![(
                        None,
                        t!("game.asks", id = t.0.scenario.parties[*p as usize].id),
                    )],
                    who: vec![*p],
                });
                g.until = None;
            }
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
                if let Some(p) = g.mover()
                    && playable(&t.0.scenario, p, action)
                    && fix_human_move(g, &mut t.0, p, *action, Why::Player)
                {
                    g.decisions += 1;
                    // A move ends a wait: the game stops at the next event again.
                    g.until = None;
                }
            }
            Command::Comply(step, choice) => {
                // Its own step, owed or disputed today: fixed for today (a later click the same day
                // replaces it).
                use crate::sim::state::deal::StepStatus;
                let sim = &mut t.0;
                let owed = sim.state.deal.as_ref().is_some_and(|d| {
                    d.in_force()
                        && d.steps.iter().any(|s| {
                            s.kind == *step
                                && matches!(s.status, StepStatus::Open | StepStatus::Disputed(_))
                        })
                });
                if let Some(p) = g.mover()
                    && owed
                    && sim.scenario.commitments.steps[*step as usize].party == p
                {
                    let day = sim.state.day;
                    sim.fix_compliance(day, *step, *choice);
                    g.until = None;
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
                bg.report(&t.0, report_label(g), report_path(g));
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
            Command::AdviseMove(action, k) => {
                if let Some(p) = g.viewer() {
                    g.thinking = true;
                    bg.advise_move(&t.0, p, *k, *action);
                }
            }
            Command::Dossier(d) => {
                g.dossier = d.filter(|&p| (p as usize) < t.0.scenario.parties.len());
            }
            Command::ToggleHelp => g.help = !g.help,
            Command::ToggleAllMoves => g.all_moves = !g.all_moves,
            _ => {}
        }
    }
}

/// The delegation to move waits today: a decision at a stop.
fn decide_wait(g: &mut Game, sim: &mut Simulation) {
    if let Some(p) = g.mover()
        && fix_human_move(g, sim, p, Action::Wait, Why::Player)
    {
        g.decisions += 1;
    }
}

/// Fixes a human delegation's move for today, records it for the replay and writes the replay. Returns
/// whether it was fixed (one move a day each: a second is ignored).
fn fix_human_move(g: &mut Game, sim: &mut Simulation, p: u8, action: Action, why: Why) -> bool {
    let day = sim.state.day;
    if g.moves.iter().any(|m| m.day == day && m.party == p) {
        return false;
    }
    if action != Action::Wait {
        let lines = feedback(sim, p, action);
        g.feedback.push(Feedback {
            day,
            party: p,
            action,
            lines,
        });
        let keep = g.feedback.len().saturating_sub(8);
        g.feedback.drain(..keep);
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
    true
}

/// At a stop, every human delegation asked must choose its move before the day is played, one after
/// another in party order; a turn that runs past the time limit is played by the delegation's advisers.
fn wait_for_player(time: Res<Time>, game: Option<ResMut<Game>>, talks: Option<ResMut<Talks>>) {
    let (Some(mut g), Some(mut t)) = (game, talks) else {
        return;
    };
    let g = &mut *g;
    let sim = &mut t.0;
    let day = sim.state.day;
    let mut dt = time.delta_secs();
    if g.stop.as_ref().is_some_and(|s| s.day != day) {
        g.stop = None;
    }
    loop {
        let next = match &g.stop {
            Some(stop) if !g.advisers_play && !sim.is_finished() => stop
                .who
                .iter()
                .copied()
                .find(|&p| !has_move(g, sim, p, day)),
            _ => None,
        };
        if next != g.turn {
            g.turn = next;
            g.turn_clock = 0.0;
        }
        let Some(p) = g.turn else {
            // Everyone asked has decided: the days run on.
            g.stop = None;
            return;
        };
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

/// Whether delegation `p` already has its move for `day`: chosen by its people (or its advisers) in this
/// game, or fixed in the run (a resumed replay).
fn has_move(g: &Game, sim: &Simulation, p: u8, day: i64) -> bool {
    g.moves.iter().any(|m| m.day == day && m.party == p) || sim.has_fixed_move(p, day)
}

/// Lets a day pass when its time has come, unless paused or stopped for the humans; a wait or the
/// advisers' play runs a day a frame. Before the day is played, every human delegation without a move
/// waits (or its advisers choose, when the humans left the days to them).
fn pace_days(
    time: Res<Time>,
    game: Option<ResMut<Game>>,
    talks: Option<ResMut<Talks>>,
    mut advance: ResMut<Advance>,
) {
    let (Some(mut g), Some(mut t)) = (game, talks) else {
        advance.0 = false;
        return;
    };
    advance.0 = if g.awaiting() || g.stop.is_some() || g.confirm_leave {
        g.banked = 0.0;
        false
    } else if g.step_once {
        g.step_once = false;
        true
    } else if g.paused {
        false
    } else if g.until.is_some() {
        true
    } else {
        g.banked += time.delta_secs() * SPEEDS[g.speed];
        let due = g.banked >= 1.0;
        if due {
            g.banked = (g.banked - 1.0).min(1.0);
        }
        due
    };
    if !advance.0 || g.advisers_play || t.0.is_finished() {
        return;
    }
    let sim = &mut t.0;
    let day = sim.state.day;
    let advisers = g.until.is_some_and(|u| u.advisers);
    for p in g.humans.clone() {
        if !has_move(&g, sim, p, day) {
            if advisers {
                let action = sim.advise(p).action;
                fix_human_move(&mut g, sim, p, action, Why::Advisers);
            } else {
                fix_human_move(&mut g, sim, p, Action::Wait, Why::Player);
            }
        }
    }
}

/// After a day is played: stops the game for the humans when the day brought something they chose to
/// stop on, or when their wait is over.
fn watch_for_stops(
    mut played: MessageReader<DayPlayed>,
    game: Option<ResMut<Game>>,
    talks: Option<Res<Talks>>,
) {
    let (Some(mut g), Some(t)) = (game, talks) else {
        played.clear();
        return;
    };
    for d in played.read() {
        if d.finished || g.humans.is_empty() || g.advisers_play {
            continue;
        }
        let sim = &t.0;
        let mut why: Vec<(Option<PauseOn>, String)> =
            stops_on_day(sim, d.day, &g.humans, g.pause_rules)
                .into_iter()
                .map(|(k, text)| (Some(k), text))
                .collect();
        let next = sim.state.day;
        if let Some(Until {
            day: Some(end),
            advisers,
        }) = g.until
        {
            if next >= end {
                why.push((
                    None,
                    if advisers {
                        t!("game.advisers_played", day = end)
                    } else {
                        t!("game.wait_over", day = end)
                    },
                ));
            } else if advisers {
                // The advisers play through what would otherwise stop the game.
                why.clear();
            }
        }
        // A stop ends any wait.
        if !why.is_empty() {
            g.until = None;
            match &mut g.stop {
                Some(stop) if stop.day == next => stop.why.extend(why),
                _ => {
                    g.stop = Some(Stop {
                        day: next,
                        why,
                        who: g.humans.clone(),
                    })
                }
            }
        }
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
