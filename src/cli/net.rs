//! `sixparty host` (a networked class game's one authoritative run) and `sixparty join` (a delegation's
//! seat at its own computer).

use super::{
    EXIT_INPUT, EXIT_WINDOW, Failure, apply_sets, input, load_scenario_arg, parse_seed, read_input,
    say, usage,
};
use crate::app::pacing::PauseRules;
use crate::net::host::{HostOptions, ListenAddr, host_app};
use crate::net::join::{Answer, JoinOptions, SeatEnd, join_app};
use crate::net::protocol::DEFAULT_PORT;
use crate::sim::Simulation;
use crate::sim::io::script::parse_script_file;
use clap::{Args, ValueEnum};
use rand::{RngExt, SeedableRng};
use std::io::Write;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;

/// `sixparty host`.
#[derive(Debug, Args)]
pub(crate) struct HostArgs {
    /// A scenario file; the embedded default if omitted.
    #[arg(value_name = "SCENARIO")]
    scenario: Option<String>,
    /// The delegations people play, by id, separated by commas [default: all six].
    #[arg(short = 'a', long = "as", value_name = "PARTY[,PARTY...]")]
    humans: Option<String>,
    /// UDP port to listen on (0: any free port).
    #[arg(short, long, value_name = "P", default_value_t = DEFAULT_PORT)]
    port: u16,
    /// The run's seed.
    #[arg(short, long, value_name = "N", value_parser = parse_seed, default_value_t = 1, allow_negative_numbers = true)]
    seed: u64,
    /// Seconds a delegation has for its move when the game stops for it (1–3600); then its advisers choose.
    #[arg(long, value_name = "SECS", default_value_t = 120,
          value_parser = |t: &str| super::whole(t, 1u32, 3600, "a whole number of seconds"))]
    turn_limit: u32,
    /// Seconds per day while the game does not stop (0 to 60; 0 plays them as fast as it can).
    #[arg(long, value_name = "SECS", default_value_t = 1.0,
          value_parser = |t: &str| t.parse::<f64>().ok().filter(|v| (0.0..=60.0).contains(v))
              .ok_or_else(|| format!("`{t}` is not a number of seconds from 0 to 60")))]
    pace: f64,
    /// What stops the days for the people, as for `play --pause-on`
    /// [default: session,phase,rung,test,package].
    #[arg(long, value_name = "KIND[,KIND...]", value_parser = super::play::parse_pause_on)]
    pause_on: Option<PauseRules>,
    /// The join codes, PARTY=CODE separated by commas (for codes printed in advance); others are drawn.
    #[arg(long, value_name = "PARTY=CODE[,...]")]
    codes: Option<String>,
    /// Change a coefficient or a scenario value for this game (as `run --set`); may be repeated.
    #[arg(long, value_name = "PATH=VALUE")]
    set: Vec<String>,
    /// Write the replay here when the run ends (`sixparty run --script` reproduces the game).
    #[arg(long, value_name = "FILE")]
    replay: Option<PathBuf>,
    /// Write the transcript here when the run ends.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Run without the facilitator's window (the default): the console prints the seats' codes and the
    /// days as they pass, and reads the facilitator's commands; `help` lists them.
    #[arg(long, conflicts_with = "window")]
    headless: bool,
    /// Open the facilitator's window (needs a display); the console still reads commands.
    #[arg(long)]
    window: bool,
    #[command(flatten)]
    shot: ShotArgs,
    /// Go on with a class game saved by the console's `save FILE`: the same run, delegations and join
    /// codes (SCENARIO, --seed, --as, --set and --codes are not given with it).
    #[arg(long, value_name = "SAVE", conflicts_with_all = ["scenario", "humans", "set", "codes"])]
    resume: Option<PathBuf>,
    /// Do not read the facilitator's commands from standard input.
    #[arg(long)]
    no_console: bool,
}

/// `--lang`, `--screenshot` and `--exit-after-day`, for the host's and the seat's windows alike.
#[derive(Debug, Args)]
pub(crate) struct ShotArgs {
    /// With --window: the window's language, en (English) or ko (한국어).
    #[arg(long, value_name = "CODE", default_value = "en", value_parser = super::play::parse_lang)]
    lang: usize,
    /// With --window: save a picture of the window once the game reaches --exit-after-day, then stop.
    #[arg(long, value_name = "FILE.png", requires = "window")]
    screenshot: Option<PathBuf>,
    /// The day on which --screenshot is taken.
    #[arg(long, value_name = "N", default_value_t = 5, requires = "screenshot")]
    exit_after_day: i64,
}

impl ShotArgs {
    fn shot(&self) -> Option<crate::net::Shot> {
        self.screenshot
            .clone()
            .map(|p| crate::net::Shot::new(p, self.exit_after_day))
    }
}

/// `sixparty join`.
#[derive(Debug, Args)]
pub(crate) struct JoinArgs {
    /// The host's address: HOST or HOST:PORT.
    #[arg(value_name = "HOST[:PORT]")]
    host: String,
    /// The seat's join code, shown by the host.
    #[arg(short, long, value_name = "CODE", required_unless_present = "watch")]
    code: Option<String>,
    /// Watch without a seat (a projector or an observer): the public record only.
    #[arg(long, conflicts_with_all = ["code", "party", "script"])]
    watch: bool,
    /// Check that the code is this delegation's.
    #[arg(short = 'a', long = "as", value_name = "PARTY")]
    party: Option<String>,
    /// Moves fixed in advance: a script (its moves for this seat's party are sent once seated).
    #[arg(long, value_name = "FILE")]
    script: Option<String>,
    /// Who answers when the game stops for this seat: the people at this terminal, a wait, or the
    /// advisers' first choice.
    #[arg(long, value_enum, default_value_t = AnswerArg::Terminal)]
    answer: AnswerArg,
    /// Keep every message received, a JSON line each, in FILE.
    #[arg(long, value_name = "FILE")]
    log: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    /// Seconds to try to reach the host (1–600).
    #[arg(long, value_name = "SECS", default_value_t = 20,
          value_parser = |t: &str| super::whole(t, 1u32, 600, "a whole number of seconds"))]
    connect_timeout: u32,
    /// Open the delegation's window (needs a display) instead of playing at the terminal.
    #[arg(long)]
    window: bool,
    #[command(flatten)]
    shot: ShotArgs,
}

/// `--answer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum AnswerArg {
    /// The people at this terminal type a number from the advisers' list, or w to wait.
    Terminal,
    /// Wait.
    Wait,
    /// The advisers' most likely move.
    Advisers,
}

/// Letters and digits that cannot be misread for one another (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

fn draw_codes(n: usize) -> Vec<String> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    // Join codes only: nothing of the run depends on them.
    let mut rng =
        rand::rngs::ChaCha8Rng::seed_from_u64(nanos ^ ((std::process::id() as u64) << 32));
    (0..n)
        .map(|_| {
            (0..6)
                .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
                .collect()
        })
        .collect()
}

/// A new class game from the command line: its run, the delegations people play and their join codes.
fn new_class_game(a: &HostArgs) -> Result<(Simulation, Vec<u8>, Vec<String>), Failure> {
    let scn = Arc::new(load_scenario_arg(a.scenario.as_deref())?);
    let scn = apply_sets(&scn, &a.set)?;
    let n = scn.parties.len();
    let humans = match a.humans.as_deref() {
        Some(list) => super::party_list(&scn, list)?,
        None => (0..n as u8).collect(),
    };
    let drawn = draw_codes(n);
    let mut codes: Vec<String> = (0..n)
        .map(|p| {
            if humans.contains(&(p as u8)) {
                drawn[p].clone()
            } else {
                String::new()
            }
        })
        .collect();
    if let Some(list) = &a.codes {
        for pair in list.split(',').map(str::trim) {
            let Some((id, code)) = pair.split_once('=') else {
                return Err(usage(format!(
                    "--codes: `{pair}` is not PARTY=CODE, such as --codes DPRK=PYONG1"
                )));
            };
            let i = scn
                .party_index(id.trim())
                .filter(|i| humans.contains(i))
                .ok_or_else(|| {
                    usage(format!(
                        "--codes: `{id}` is not a delegation people play in this game"
                    ))
                })?;
            let code = code.trim();
            if code.len() < 4 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(usage(format!(
                    "--codes: `{code}` is not a join code; use 4 or more letters and digits"
                )));
            }
            codes[i as usize] = code.to_ascii_uppercase();
        }
    }
    for (p, c) in codes.iter().enumerate() {
        if !c.is_empty() && codes[..p].contains(c) {
            return Err(usage(format!(
                "--codes: the code `{c}` is given to two seats"
            )));
        }
    }
    let sim = Simulation::new(Arc::clone(&scn), a.seed, true);
    Ok((sim, humans, codes))
}

pub(crate) fn cmd_host(a: HostArgs) -> Result<(), Failure> {
    let (sim, humans, codes, origin) = match &a.resume {
        Some(path) => {
            let loaded = crate::sim::io::save::read_save(path).map_err(input)?;
            if loaded.sim.is_finished() {
                return Err(Failure {
                    code: EXIT_INPUT,
                    message: format!("{}: this game has already ended", path.display()),
                });
            }
            if loaded.humans.is_empty() {
                return Err(Failure {
                    code: EXIT_INPUT,
                    message: format!(
                        "{}:1:1: humans: the save has no delegation played by people to seat",
                        path.display()
                    ),
                });
            }
            let n = loaded.sim.scenario.parties.len();
            let codes = if loaded.codes.len() == n {
                loaded.codes.clone()
            } else {
                let drawn = draw_codes(n);
                (0..n)
                    .map(|p| {
                        if loaded.humans.contains(&(p as u8)) {
                            drawn[p].clone()
                        } else {
                            String::new()
                        }
                    })
                    .collect()
            };
            (loaded.sim, loaded.humans, codes, loaded.origin)
        }
        None => {
            let (sim, humans, codes) = new_class_game(&a)?;
            let origin = a
                .scenario
                .clone()
                .unwrap_or_else(|| "(embedded default)".into());
            (sim, humans, codes, origin)
        }
    };
    let scn = Arc::clone(&sim.scenario);
    let seed = sim.seed;
    let day = sim.state.day;
    let options = HostOptions {
        port: a.port,
        humans: humans.clone(),
        codes: codes.clone(),
        turn_limit: f64::from(a.turn_limit),
        pace: a.pace,
        rules: a.pause_on.unwrap_or_default(),
        replay: a.replay,
        out: a.out,
        origin,
        console: !a.no_console,
        window: a.window,
        shot: {
            crate::app::i18n::set(a.shot.lang);
            a.shot.shot()
        },
    };
    need_display(a.window, "host", "for the console")?;
    let mut app = host_app(sim, options).map_err(|m| Failure {
        code: EXIT_WINDOW,
        message: format!("sixparty host: {m}"),
    })?;
    let addr = app.world().resource::<ListenAddr>().0;
    say!(
        "sixparty host: {} (seed {seed}{}) on UDP port {}",
        scn.file.meta.id,
        if day > 0 {
            format!(", resumed on day {day}")
        } else {
            String::new()
        },
        addr.port()
    );
    for &h in &humans {
        let p = &scn.parties[h as usize];
        say!(
            "  {:<5} join code {}   ({})",
            p.id,
            codes[h as usize],
            p.name
        );
    }
    say!(
        "Each team runs: sixparty join THIS_COMPUTER:{} --code CODE   (a projector: --watch)",
        addr.port()
    );
    if !a.no_console {
        say!("Type help for the facilitator's commands.");
    }
    let _ = std::io::stdout().flush();
    match app.run() {
        bevy::app::AppExit::Success => Ok(()),
        bevy::app::AppExit::Error(c) => Err(Failure {
            code: i32::from(c.get()),
            message: "sixparty host: stopped with an error".into(),
        }),
    }
}

/// `--window` without a display is refused with exit code 5, naming what to run instead.
fn need_display(window: bool, command: &str, instead: &str) -> Result<(), Failure> {
    if window && !crate::app::window::display_available() {
        return Err(Failure {
            code: super::EXIT_NO_DISPLAY,
            message: format!(
                "sixparty {command}: --window needs a display (DISPLAY or WAYLAND_DISPLAY is not set); run without it {instead}"
            ),
        });
    }
    Ok(())
}

fn resolve_host(text: &str) -> Result<SocketAddr, Failure> {
    let with_port = if text.contains(':') {
        text.to_string()
    } else {
        format!("{text}:{DEFAULT_PORT}")
    };
    let addrs: Vec<SocketAddr> = with_port
        .to_socket_addrs()
        .map(Iterator::collect)
        .unwrap_or_default();
    // IPv4 first: the host listens on every IPv4 address.
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or(addrs.first())
        .copied()
        .ok_or_else(|| {
            usage(format!(
                "`{text}` is not a host address; give HOST or HOST:PORT"
            ))
        })
}

pub(crate) fn cmd_join(a: JoinArgs) -> Result<(), Failure> {
    let host = resolve_host(&a.host)?;
    let mut plan = Vec::new();
    let mut notes = Vec::new();
    if let Some(path) = &a.script {
        // Checked here for its syntax only; the host checks each move and note against its scenario.
        let (name, text) = read_input(path)?;
        let file = parse_script_file(&name, &text).map_err(input)?;
        for m in file.moves {
            plan.push((m.day, m.party, m.action));
        }
        notes = file.notes;
    }
    let options = JoinOptions {
        host,
        code: a.code.as_deref().unwrap_or("").trim().to_string(),
        party: a.party,
        plan,
        notes,
        watch: a.watch,
        answer: match a.answer {
            AnswerArg::Terminal => Answer::Terminal,
            AnswerArg::Wait => Answer::Wait,
            AnswerArg::Advisers => Answer::Advisers,
        },
        log: a.log,
        print: !a.quiet,
        connect_timeout: f64::from(a.connect_timeout),
        window: a.window,
        shot: {
            crate::app::i18n::set(a.shot.lang);
            a.shot.shot()
        },
    };
    need_display(a.window, "join", "to play at the terminal")?;
    let (mut app, end) = join_app(options).map_err(|m| Failure {
        code: EXIT_WINDOW,
        message: format!("sixparty join: {m}"),
    })?;
    app.run();
    let end = end.lock().map(|e| e.clone()).unwrap_or_default();
    match end {
        SeatEnd::Finished(_) => Ok(()),
        SeatEnd::Failed(m) => Err(Failure {
            code: if m.contains("join code") {
                EXIT_INPUT
            } else {
                EXIT_WINDOW
            },
            message: format!("sixparty join: {m}"),
        }),
        SeatEnd::Playing => Err(Failure {
            code: EXIT_WINDOW,
            message: "sixparty join: stopped before the run ended".into(),
        }),
    }
}
