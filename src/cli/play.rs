//! `sixparty play` (and `sixparty` alone): the game window. The only command that needs a display.

use super::{EXIT_NO_DISPLAY, EXIT_WINDOW, Failure, input, parse_days, parse_seed, usage};
use crate::app::game::{ScenarioChoice, SetupChoices};
use crate::app::window::{PlayOptions, display_available, run_window};
use crate::sim::read_scenario;
use clap::Args;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn parse_scale(t: &str) -> Result<f32, String> {
    let v: f32 = t
        .parse()
        .map_err(|_| format!("`{t}` is not a number such as 1.5"))?;
    if !(0.6..=2.5).contains(&v) {
        return Err(format!("{v} is out of range; expected 0.6 to 2.5"));
    }
    Ok(v)
}

/// `sixparty play`.
#[derive(Debug, Default, Args)]
pub(crate) struct PlayArgs {
    /// A scenario file to offer and select on the setup screen.
    #[arg(value_name = "SCENARIO")]
    scenario: Option<String>,
    /// The delegations people lead, by id, separated by commas (`--as DPRK,USA`).
    #[arg(short = 'a', long = "as", value_name = "PARTY[,PARTY...]")]
    humans: Option<String>,
    /// Preselect the seed.
    #[arg(short, long, value_name = "N", value_parser = parse_seed, allow_negative_numbers = true)]
    seed: Option<u64>,
    /// Seconds each human delegation has for its move (0 = no limit, up to 3600).
    #[arg(long, value_name = "SECS",
          value_parser = |t: &str| super::whole(t, 0u32, 3600, "a whole number of seconds"))]
    turn_limit: Option<u32>,
    /// Text and interface size, 0.6 to 2.5 [default: 1.0].
    #[arg(long, value_name = "X", value_parser = parse_scale)]
    scale: Option<f32>,
    /// Resume a saved game (it holds the scenario, the seed and the human delegations).
    #[arg(long, value_name = "SAVE", conflicts_with_all = ["scenario", "seed", "humans"])]
    load: Option<String>,
    /// The folder for replays, saves and class reports [default: replays].
    #[arg(long, value_name = "DIR")]
    replay_dir: Option<String>,
    /// Skip the setup screen and start at once; the people play their delegations.
    #[arg(long, conflicts_with = "autoplay")]
    start: bool,
    /// Skip the setup screen and let the advisers play every move.
    #[arg(long)]
    autoplay: bool,
    /// Speed at the table: 0 = 0.5, 1 = 1, 2 = 2, 3 = 4, 4 = 10 days per second.
    #[arg(long, value_name = "0-4",
          value_parser = |t: &str| super::whole(t, 0usize, 4, "a speed from 0 to 4"))]
    speed: Option<usize>,
    /// Start at once and close the window after N days (for screenshots and tests).
    #[arg(long, value_name = "N", value_parser = parse_days)]
    exit_after_days: Option<i64>,
    /// Close the window after N frames, counting the setup screen.
    #[arg(long, value_name = "N")]
    exit_after_frames: Option<u32>,
    /// Start at once, play at top speed, and close once the debrief is shown.
    #[arg(long)]
    debrief: bool,
    /// Open this delegation's dossier when the table is first shown.
    #[arg(long, value_name = "PARTY")]
    dossier: Option<String>,
    /// Save a PNG of the window when --exit-after-days, --exit-after-frames or --debrief stops it.
    #[arg(long, value_name = "FILE.png")]
    screenshot: Option<PathBuf>,
    /// Write the run's chronicle to FILE when the automation closes the window.
    #[arg(long, value_name = "FILE")]
    transcript: Option<PathBuf>,
    /// Print frame-time figures when the automation closes the window.
    #[arg(long)]
    frame_stats: bool,
    /// The view the table screen opens on (Tab switches): the map of the region, or the table with its
    /// six seats.
    #[arg(long, value_enum, default_value = "map")]
    view: crate::app::map::scene::View,
    /// The window's language: en (English) or ko (한국어); setup can change it.
    #[arg(long, value_name = "CODE", default_value = "en", value_parser = parse_lang)]
    lang: usize,
    /// The folder of the window's assets (flags, map, icons, font) [default: `assets/` beside the
    /// program, else the source checkout's]; also SIXPARTY_ASSETS.
    #[arg(long, value_name = "DIR")]
    assets: Option<PathBuf>,
    /// What the game stops on for the people, separated by commas: session, phase, rung, test,
    /// package, aimed, news, every-day; `none` to let the days run to the end
    /// [default: session,phase,rung,test,package].
    #[arg(long, value_name = "KIND[,KIND...]", value_parser = parse_pause_on)]
    pause_on: Option<crate::app::pacing::PauseRules>,
    /// With --load: go on writing the replay the game was saved with (it is still never replaced by a
    /// shorter game); by default a resumed game writes a new replay beside it (`…-2.ron`).
    #[arg(long, requires = "load")]
    same_replay: bool,
    /// Start at once and play as a player who answers every stop with the advisers' first choice,
    /// saving a screenshot of each stop and of the debrief into DIR; prints the stops, the number of
    /// decisions and the wall-clock time.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["autoplay", "debrief", "exit_after_days", "exit_after_frames", "screenshot"])]
    tour: Option<PathBuf>,
    /// With --tour: close the window after answering N stops.
    #[arg(long, value_name = "N", requires = "tour")]
    exit_after_stops: Option<u32>,
}

/// A language of the window by its code (an index into the shipped languages).
pub(crate) fn parse_lang(code: &str) -> Result<usize, String> {
    use crate::app::i18n::{LANGUAGES, find};
    find(code.trim()).ok_or_else(|| {
        let known: Vec<String> = LANGUAGES
            .iter()
            .map(|l| format!("{} ({})", l.code, l.name))
            .collect();
        format!(
            "`{code}` is not a language of the window; expected one of: {}",
            known.join(", ")
        )
    })
}

pub(crate) fn parse_pause_on(t: &str) -> Result<crate::app::pacing::PauseRules, String> {
    use crate::app::pacing::{PauseOn, PauseRules};
    if t.trim() == "none" {
        return Ok(PauseRules::of(&[]));
    }
    let mut kinds = Vec::new();
    for key in t.split(',').map(str::trim) {
        match PauseOn::parse(key) {
            Some(k) => kinds.push(k),
            None => {
                let known: Vec<&str> = PauseOn::ALL.iter().map(|k| k.key()).collect();
                return Err(format!(
                    "`{key}` is not a kind of stop; expected one of: {}, or none",
                    known.join(", ")
                ));
            }
        }
    }
    Ok(PauseRules::of(&kinds))
}

pub(crate) fn cmd_play(a: PlayArgs) -> Result<(), Failure> {
    let scale = a.scale.unwrap_or(1.0);
    if let Some(s) = &a.screenshot
        && s.extension().is_none_or(|x| x != "png")
    {
        return Err(usage(format!(
            "--screenshot {}: expected a .png file name",
            s.display()
        )));
    }
    if a.screenshot.is_some()
        && a.exit_after_days.is_none()
        && a.exit_after_frames.is_none()
        && !a.debrief
    {
        return Err(usage(
            "--screenshot is taken when the window stops: add --exit-after-days N, --exit-after-frames N or --debrief",
        ));
    }
    let replay_dir = PathBuf::from(a.replay_dir.as_deref().unwrap_or("replays"));
    let scenarios_dir = Path::new("scenarios");
    let mut setup = SetupChoices::discover(
        scenarios_dir.is_dir().then_some(scenarios_dir),
        replay_dir.clone(),
    );
    if let Some(f) = &a.scenario {
        let scn = read_scenario(Path::new(f)).map_err(input)?;
        // A file of the scenarios folder is selected where it stands, not listed twice.
        let given = std::fs::canonicalize(f).ok();
        let listed = setup.scenarios.iter().position(|c| {
            c.path
                .as_deref()
                .is_some_and(|p| given.is_some() && std::fs::canonicalize(p).ok() == given)
        });
        match listed {
            Some(k) => {
                setup.scenarios[k].loaded = Ok(Arc::new(scn));
                setup.selected = k;
            }
            None => {
                setup.scenarios.insert(
                    1,
                    ScenarioChoice {
                        name: format!("{} ({f})", scn.file.meta.title),
                        path: Some(PathBuf::from(f)),
                        loaded: Ok(Arc::new(scn)),
                    },
                );
                setup.stamps.insert(1, None);
                setup.selected = 1;
            }
        }
    }
    let load = match &a.load {
        Some(f) => Some((
            crate::sim::io::save::read_save(Path::new(f)).map_err(input)?,
            PathBuf::from(f),
        )),
        None => None,
    };
    let scn = match &load {
        Some((l, _)) => Arc::clone(&l.sim.scenario),
        None => setup.scenario().expect("the chosen scenario loaded"),
    };
    if let Some(id) = &a.dossier
        && scn.party_index(id).is_none()
    {
        return Err(super::unknown_party(&scn, "dossier", id));
    }
    let humans = match a.humans.as_deref() {
        Some(list) => super::party_list(&scn, list)?,
        None => Vec::new(),
    };
    if let Some(d) = &a.tour {
        if humans.is_empty() {
            return Err(usage(
                "--tour plays a delegation for a person: add --as PARTY (for example --as USA)",
            ));
        }
        std::fs::create_dir_all(d).map_err(|e| {
            usage(format!(
                "--tour {}: cannot make the folder: {e}",
                d.display()
            ))
        })?;
    }
    setup.humans = humans;
    if let Some(r) = a.pause_on {
        setup.pause_rules = r;
    }
    setup.turn_limit = a.turn_limit.unwrap_or(0);
    if let Some(s) = a.seed {
        setup.seed = s;
    }
    if !display_available() {
        return Err(Failure {
            code: EXIT_NO_DISPLAY,
            message: "sixparty: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset).\n\
                      Run the talks headless instead: `sixparty run --seed 7` prints the chronicle, and\n\
                      `sixparty batch --runs 1000` summarises many runs."
                .into(),
        });
    }
    let opts = PlayOptions {
        scenario: a.scenario.as_deref().map(PathBuf::from),
        humans: a
            .humans
            .as_deref()
            .map(|v| v.split(',').map(|x| x.trim().to_string()).collect())
            .unwrap_or_default(),
        load: a.load.as_deref().map(PathBuf::from),
        seed: a.seed,
        autoplay: a.autoplay,
        start: a.start,
        speed: a.speed,
        exit_after_days: a.exit_after_days,
        exit_after_frames: a.exit_after_frames,
        screenshot: a.screenshot,
        dossier: a.dossier,
        debrief: a.debrief,
        scale,
        replay_dir,
        frame_stats: a.frame_stats,
        transcript: a.transcript,
        same_replay: a.same_replay,
        exit_after_stops: a.exit_after_stops,
        tour: a.tour,
        assets: a.assets,
        view: a.view,
        lang: a.lang,
    };
    // A failure inside the window (a display that cannot be opened, a graphics driver that gives up) is
    // reported in one line and exit code 6, not as a panic.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        eprintln!("sixparty: the window failed: {what}");
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_window(opts, setup, load)
    }));
    let _ = std::panic::take_hook();
    match result {
        Ok(bevy::app::AppExit::Success) => Ok(()),
        Ok(bevy::app::AppExit::Error(code)) => Err(Failure {
            code: EXIT_WINDOW,
            message: format!("sixparty: the window closed with an error (code {code})"),
        }),
        Err(_) => Err(Failure {
            code: EXIT_WINDOW,
            message:
                "sixparty: the window could not run; `sixparty run` plays the talks without one"
                    .into(),
        }),
    }
}
