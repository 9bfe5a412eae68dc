//! Bevy drives the core: the run lives in one `Resource`, and chained system sets read input, step the
//! simulation one day, and publish what happened. The headless `run` command and (later) the window add
//! this same plugin.

pub mod background;
pub mod game;
pub mod i18n;
pub mod map;
pub mod pacing;
pub mod palette;
pub mod ui;
pub mod window;
pub mod words;

use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::state::chronicle::Why;
use crate::sim::step::FixedMove;
use bevy::ecs::schedule::SingleThreadedExecutor;
use bevy::prelude::*;

/// The run being played.
#[derive(Resource)]
pub struct Talks(pub Simulation);

/// Whether the simulation advances on each update (the window pauses it; headless runs never do).
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advance(pub bool);

/// A move chosen outside the model (a player, or a script fed in live) for today.
#[derive(Message, Clone, Debug)]
pub struct MoveChosen {
    /// Party index.
    pub party: u8,
    /// The move.
    pub action: Action,
    /// Player or scripted.
    pub why: Why,
}

/// Published after each day is played.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayPlayed {
    /// The day just played.
    pub day: i64,
    /// Whether the run has ended with it.
    pub finished: bool,
}

/// The order of the talks' systems within a frame.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum TalksSystems {
    /// Moves from outside the model are taken in.
    ReadInput,
    /// One day is played.
    Step,
    /// What happened is published.
    Publish,
}

/// Adds the talks' messages and systems. The `Talks` resource is inserted by the front end.
pub struct TalksPlugin;

impl Plugin for TalksPlugin {
    fn build(&self, app: &mut App) {
        if !app.world().contains_resource::<Advance>() {
            app.insert_resource(Advance(true));
        }
        app.add_message::<MoveChosen>()
            .add_message::<DayPlayed>()
            .configure_sets(
                Update,
                (
                    TalksSystems::ReadInput,
                    TalksSystems::Step,
                    TalksSystems::Publish,
                )
                    .chain(),
            )
            .add_systems(Update, read_moves.in_set(TalksSystems::ReadInput))
            .add_systems(
                Update,
                step_talks.in_set(TalksSystems::Step).run_if(talks_running),
            );
    }
}

/// Run condition: a run exists, is not finished, and is not paused.
pub fn talks_running(talks: Option<Res<Talks>>, advance: Res<Advance>) -> bool {
    advance.0 && talks.is_some_and(|t| !t.0.is_finished())
}

pub(crate) fn read_moves(mut moves: MessageReader<MoveChosen>, talks: Option<ResMut<Talks>>) {
    let Some(mut talks) = talks else {
        moves.clear();
        return;
    };
    let day = talks.0.state.day;
    let fixed: Vec<FixedMove> = moves
        .read()
        .map(|m| FixedMove {
            day,
            party: m.party,
            action: m.action,
            why: m.why.clone(),
        })
        .collect();
    if !fixed.is_empty() {
        talks.0.fix_moves(fixed);
    }
}

fn step_talks(mut talks: ResMut<Talks>, mut out: MessageWriter<DayPlayed>) {
    let day = talks.0.state.day;
    talks.0.step();
    out.write(DayPlayed {
        day,
        finished: talks.0.is_finished(),
    });
}

/// A headless App: minimal plugins, the single-threaded executor, and the talks plugin.
pub fn headless_app(sim: Simulation) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins).add_plugins(TalksPlugin);
    single_threaded(&mut app);
    app.insert_resource(Talks(sim));
    app.finish();
    app.cleanup();
    app
}

/// Sets the single-threaded executor on the main schedules: a headless App with a few systems runs far
/// faster on it than on the multi-threaded one.
pub(crate) fn single_threaded(app: &mut App) {
    let single = |s: &mut Schedule| {
        s.set_executor(SingleThreadedExecutor::new());
    };
    app.edit_schedule(First, single)
        .edit_schedule(PreUpdate, single)
        .edit_schedule(Update, single)
        .edit_schedule(PostUpdate, single)
        .edit_schedule(Last, single);
}

/// Plays a run to its end through Bevy's loop, one update per day, and hands it back.
pub fn run_headless(sim: Simulation) -> Simulation {
    run_headless_with(sim, |_| {})
}

/// Plays a run to its end through Bevy's loop, showing the run to `before_day` before each day is played
/// and once more at the end (saves are taken there).
pub fn run_headless_with(sim: Simulation, mut before_day: impl FnMut(&Simulation)) -> Simulation {
    let mut app = headless_app(sim);
    while app.world().resource::<Talks>().0.outcome.is_none() {
        before_day(&app.world().resource::<Talks>().0);
        app.update();
    }
    before_day(&app.world().resource::<Talks>().0);
    app.world_mut()
        .remove_resource::<Talks>()
        .expect("the talks resource stays in the world")
        .0
}
