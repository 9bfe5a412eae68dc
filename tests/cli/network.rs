//! The networked classroom on the loopback interface: a headless host and its seats as separate
//! processes, as a class would run them. The transcript the host writes equals `sixparty run` on its
//! replay; each seat receives its own private view and no other; a wrong code is refused with a reason.

use crate::common::{TempDir, bin, root};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Starts `sixparty host ARGS` on a free port; returns the process and the port it printed.
fn start_host(args: &[&str], dir: &Path) -> (Child, u16) {
    start_host_with(args, dir, &[], None)
}

/// [`start_host`], typing `commands` at the facilitator's console and keeping its output in `console`.
fn start_host_with(
    args: &[&str],
    dir: &Path,
    commands: &[&str],
    console: Option<std::path::PathBuf>,
) -> (Child, u16) {
    let mut host = bin()
        .arg("host")
        .args(args)
        .args(["--port", "0", "--headless"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the host starts");
    {
        use std::io::Write;
        let mut stdin = host.stdin.take().expect("piped");
        for c in commands {
            writeln!(stdin, "{c}").expect("the console reads");
        }
        // Kept open (and so the console with it) for as long as the host runs.
        std::mem::forget(stdin);
    }
    let mut out = BufReader::new(host.stdout.take().expect("piped"));
    let mut first = String::new();
    out.read_line(&mut first).expect("the host prints its port");
    let port = first
        .rsplit("UDP port ")
        .next()
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"));
    // The rest of its console is drained so that the host never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut keep = console.map(|p| std::fs::File::create(p).expect("a console log"));
        for line in out.lines() {
            let Ok(line) = line else { break };
            if let Some(f) = &mut keep {
                use std::io::Write;
                let _ = writeln!(f, "{line}");
            }
        }
    });
    (host, port)
}

fn join(port: u16, code: &str, log: &Path, extra: &[&str], dir: &Path) -> Child {
    bin()
        .arg("join")
        .arg(format!("127.0.0.1:{port}"))
        .args(["--code", code, "--answer", "wait", "--quiet", "--log"])
        .arg(log)
        .args(extra)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("a seat starts")
}

fn wait(mut c: Child, what: &str, limit: Duration) -> std::process::Output {
    let start = Instant::now();
    loop {
        if c.try_wait().expect("a process to wait for").is_some() {
            return c.wait_with_output().expect("its output");
        }
        if start.elapsed() > limit {
            let _ = c.kill();
            panic!("{what} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for every seat and then the host to end with code 0; returns the host's transcript and replay
/// after checking that `sixparty run --script` on the replay gives the transcript, byte for byte.
fn finish_and_replay(
    seats: Vec<(&str, Child)>,
    host: Child,
    scenario: &Path,
    dir: &Path,
) -> (String, String) {
    for (p, c) in seats {
        let o = wait(c, p, Duration::from_secs(240));
        assert_eq!(
            o.status.code(),
            Some(0),
            "{p}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let h = wait(host, "the host", Duration::from_secs(30));
    assert_eq!(h.status.code(), Some(0));
    let transcript = std::fs::read_to_string(dir.join("transcript.txt")).unwrap();
    let replay = std::fs::read_to_string(dir.join("replay.ron")).unwrap();
    let again = bin()
        .args(["run", scenario.to_str().unwrap(), "--script"])
        .arg(dir.join("replay.ron"))
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&again.stdout), transcript);
    (transcript, replay)
}

#[test]
fn a_class_game_over_the_network_is_its_replay_and_keeps_each_seat_private() {
    let tmp = TempDir::new("net-game");
    let dir = &tmp.path();
    std::fs::write(
        dir.join("usa.ron"),
        "Script(format: 1, moves: [
            (day: 2, party: \"USA\", action: ConciliatoryStatement),
            (day: 4, party: \"USA\", action: EnvoyVisit(to: \"DPRK\")),
            (day: 6, party: \"DPRK\", action: Boycott),
            (day: 2, party: \"USA\", action: HoldFirm),
            (day: 5, party: \"USA\", action: EnvoyVisit(to: \"USA\")),
            (day: 7, party: \"USA\", action: OfferAid(to: \"XYZ\")),
            (day: 900, party: \"USA\", action: Wait),
        ])",
    )
    .unwrap();
    let scenario = root().join("scenarios/teaching60.ron");
    let seats = [
        ("DPRK", "PYONG1"),
        ("USA", "WASH22"),
        ("ROK", "SEOUL3"),
        ("JPN", "TOKYO4"),
    ];
    let codes = seats
        .iter()
        .map(|(p, c)| format!("{p}={c}"))
        .collect::<Vec<_>>()
        .join(",");
    let (host, port) = start_host(
        &[
            scenario.to_str().unwrap(),
            "--as",
            "DPRK,USA,ROK,JPN",
            "--seed",
            "7",
            "--pace",
            "0",
            "--turn-limit",
            "20",
            "--codes",
            &codes,
            "--replay",
            "replay.ron",
            "--out",
            "transcript.txt",
        ],
        dir,
    );
    // A code no seat has is refused, with the reason, and the game is not disturbed.
    let stranger = wait(
        join(port, "NOSUCH", &dir.join("stranger.jsonl"), &[], dir),
        "the stranger",
        Duration::from_secs(30),
    );
    assert_eq!(stranger.status.code(), Some(3));
    let err = String::from_utf8_lossy(&stranger.stderr);
    assert!(err.contains("no seat has the join code `NOSUCH`"), "{err}");

    let players: Vec<(&str, Child)> = seats
        .iter()
        .map(|(p, c)| {
            let extra: &[&str] = if *p == "USA" {
                &["--script", "usa.ron", "--as", "USA"]
            } else {
                &[]
            };
            (
                *p,
                join(port, c, &dir.join(format!("{p}.jsonl")), extra, dir),
            )
        })
        .collect();
    // The host's transcript is the replay's, byte for byte.
    let (transcript, replay) = finish_and_replay(players, host, &scenario, dir);
    // The planned moves were played on their days; the DPRK's line in the USA's script was not its to send.
    assert!(
        replay.contains(
            "day: 2,\n            party: \"USA\",\n            action: ConciliatoryStatement"
        ),
        "{replay}"
    );
    assert!(transcript.contains("Day 4 |"));
    assert!(!replay.contains("action: Boycott"), "{replay}");

    // The moves that did not fit were refused with their reasons, and the game went on.
    let usa = std::fs::read_to_string(dir.join("USA.jsonl")).unwrap();
    for reason in [
        "USA already has its move for day 2",
        "envoy to USA is not a move USA can make",
        "unknown party `XYZ`",
        "day 900 is not open",
    ] {
        assert!(usa.contains(reason), "no refusal `{reason}` in:\n{usa}");
    }
    // Each seat saw its own private view and no one else's.
    for (p, _) in seats {
        let log = std::fs::read_to_string(dir.join(format!("{p}.jsonl"))).unwrap();
        let mut days = 0;
        for line in log.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if let Some(seated) = v.get("Seated") {
                assert_eq!(seated["party"], p);
            }
            if let Some(day) = v.get("Day") {
                days += 1;
                assert_eq!(day["view"]["party"], p, "{p} received: {line}");
            }
        }
        assert!(days >= 60, "{p} received {days} days");
        for (other, _) in seats.iter().filter(|(o, _)| *o != p) {
            assert!(
                !log.contains(&format!("\"party\":\"{other}\"")),
                "{p} received {other}'s private view"
            );
        }
        assert!(log.contains("\"Finished\""), "{p} was told the run ended");
    }
}

#[test]
fn a_seat_with_no_host_to_reach_says_so() {
    let tmp = TempDir::new("net-nohost");
    let o = Command::new(env!("CARGO_BIN_EXE_sixparty"))
        .args([
            "join",
            "127.0.0.1:9",
            "--code",
            "ABCD",
            "--answer",
            "wait",
            "--connect-timeout",
            "1",
        ])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(6));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no host answered at 127.0.0.1:9 within 1 s"),
        "{err}"
    );
}

/// The issue's class game: a host and six clients on teaching60 for 60 days (four delegations scripted,
/// two handed to the model by the facilitator), one inject released at the console, a back-channel
/// exchange with an offer, a laptop killed mid-game and started again, and a projector watching. The
/// transcript is the replay's; the restarted seat plays on; each seat saw its own notes only.
#[test]
fn a_class_game_with_an_inject_notes_and_a_dropped_laptop_is_its_replay() {
    let tmp = TempDir::new("net-class");
    let dir = &tmp.path();
    std::fs::write(
        dir.join("usa.ron"),
        r#"Script(format: 1, moves: [(day: 2, party: "USA", action: ConciliatoryStatement)],
            notes: [
                (day: 3, from: "USA", to: "JPN", text: "We will not leave you alone on the abductions."),
                (day: 4, from: "USA", to: "DPRK", text: "Talk to us.",
                 offer: Some((give: "funds", give_by: 10, want: "nuclear", want_by: 10))),
                (day: 4, from: "USA", to: "USA", text: "a note to itself is refused"),
            ])"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("jpn.ron"),
        r#"Script(format: 1, moves: [],
            notes: [(day: 6, from: "JPN", to: "USA", text: "Thank you. We hold firm.")])"#,
    )
    .unwrap();
    let scenario = root().join("scenarios/teaching60.ron");
    let seats = [
        ("DPRK", "PYONG1"),
        ("USA", "WASH22"),
        ("CHN", "BEIJ33"),
        ("ROK", "SEOUL3"),
        ("JPN", "TOKYO4"),
        ("RUS", "MOSC55"),
    ];
    let codes = seats
        .iter()
        .map(|(p, c)| format!("{p}={c}"))
        .collect::<Vec<_>>()
        .join(",");
    let console = dir.join("console.txt");
    let (host, port) = start_host_with(
        &[
            scenario.to_str().unwrap(),
            "--seed",
            "11",
            "--pace",
            "0.04",
            "--turn-limit",
            "20",
            "--codes",
            &codes,
            "--replay",
            "replay.ron",
            "--out",
            "transcript.txt",
        ],
        dir,
        &[
            "take CHN",
            "take RUS",
            "inject oil_pause day 20",
            "inject no_such_inject",
            "status",
        ],
        Some(console.clone()),
    );
    let projector = bin()
        .arg("join")
        .arg(format!("127.0.0.1:{port}"))
        .args(["--watch", "--quiet", "--log"])
        .arg(dir.join("projector.jsonl"))
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut players: Vec<(&str, Child)> = seats
        .iter()
        .map(|(p, c)| {
            let script = format!("{}.ron", p.to_lowercase());
            let extra: Vec<&str> = if dir.join(&script).exists() {
                vec!["--script", Box::leak(script.into_boxed_str())]
            } else {
                vec![]
            };
            (
                *p,
                join(port, c, &dir.join(format!("{p}.jsonl")), &extra, dir),
            )
        })
        .collect();
    // The ROK's laptop drops once the game has reached day 8, and the team starts it again.
    let rok_log = dir.join("ROK.jsonl");
    let start = Instant::now();
    let reached = |day: i64| {
        std::fs::read_to_string(&rok_log).is_ok_and(|t| {
            t.lines().any(|l| {
                serde_json::from_str::<serde_json::Value>(l)
                    .ok()
                    .and_then(|v| v.get("Day").and_then(|d| d["day"].as_i64()))
                    .is_some_and(|d| d >= day)
            })
        })
    };
    while !reached(8) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the game never reached day 8"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let k = players.iter().position(|(p, _)| *p == "ROK").unwrap();
    players[k].1.kill().unwrap();
    let _ = players[k].1.wait();
    let before = std::fs::read_to_string(&rok_log).unwrap();
    let rejoined = join(port, "SEOUL3", &dir.join("ROK-again.jsonl"), &[], dir);
    players[k] = ("ROK", rejoined);
    players.push(("the projector", projector));
    // The transcript is the replay's, and the replay carries the inject and the notes.
    let (transcript, replay) = finish_and_replay(players, host, &scenario, dir);
    assert!(replay.contains("id: Some(\"oil_pause\")"), "{replay}");
    assert!(
        transcript.contains("* Inject: China halts crude oil"),
        "{transcript}"
    );
    for note in [
        "We will not leave you alone",
        "Talk to us.",
        "Thank you. We hold firm.",
    ] {
        assert!(
            transcript.contains(note),
            "no note `{note}` in the transcript"
        );
        assert!(replay.contains(note), "no note `{note}` in the replay");
    }
    assert!(!transcript.contains("a note to itself"));
    // The class report keeps the back channel and the inject for the debrief.
    let report = bin()
        .arg("report")
        .arg(dir.join("replay.ron"))
        .arg("--scenario")
        .arg(&scenario)
        .args(["--runs", "20", "--out"])
        .arg(dir.join("class.html"))
        .output()
        .unwrap();
    assert_eq!(
        report.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let html = std::fs::read_to_string(dir.join("class.html")).unwrap();
    assert!(
        html.contains("<h3>The back channel</h3>"),
        "no back channel in the report"
    );
    assert!(html.contains("We will not leave you alone") && html.contains("we move 10 on funds"));
    assert!(
        html.contains("China halts crude oil"),
        "no inject in the report"
    );
    // The two delegations handed to the model were played by their advisers, recorded as such.
    for p in ["CHN", "RUS"] {
        assert!(
            replay.contains(&format!("party: \"{p}\",\n            action: ")),
            "{p} has no moves in the replay"
        );
    }
    // The console answered: the unknown inject was refused, the status listed the seats.
    let said = std::fs::read_to_string(&console).unwrap();
    assert!(said.contains("Released for day 20"), "{said}");
    assert!(said.contains("unknown inject `no_such_inject`"), "{said}");
    assert!(said.contains("(its advisers play it)"), "{said}");
    assert!(said.contains("[back channel] day 3: USA -> JPN"), "{said}");

    // The restarted laptop took its seat back and played on to the end.
    let after = std::fs::read_to_string(dir.join("ROK-again.jsonl")).unwrap();
    assert!(
        after.lines().any(|l| {
            serde_json::from_str::<serde_json::Value>(l)
                .is_ok_and(|v| v["Seated"]["party"] == "ROK")
        }),
        "{after}"
    );
    let last = |log: &str| {
        log.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("Day").and_then(|d| d["day"].as_i64()))
            .max()
            .unwrap_or(-1)
    };
    assert!(
        last(&after) > last(&before),
        "the ROK's seat did not play on"
    );
    assert!(after.contains("\"Finished\""));

    // Notes reached only their two delegations; the projector saw the public record only.
    let usa = std::fs::read_to_string(dir.join("USA.jsonl")).unwrap();
    let jpn = std::fs::read_to_string(dir.join("JPN.jsonl")).unwrap();
    let dprk = std::fs::read_to_string(dir.join("DPRK.jsonl")).unwrap();
    assert!(
        jpn.contains("We will not leave you alone") && usa.contains("Thank you. We hold firm.")
    );
    assert!(
        dprk.contains("Talk to us.")
            && dprk.contains("we move 10 on funds if you move 10 on nuclear")
    );
    assert!(
        !dprk.contains("We will not leave you alone"),
        "the DPRK read the USA's note to Japan"
    );
    assert!(usa.contains("a note goes to another delegation"), "{usa}");
    let projected = std::fs::read_to_string(dir.join("projector.jsonl")).unwrap();
    assert!(projected.contains("\"Public\"") && projected.contains("Inject: China halts"));
    assert!(!projected.contains("\"view\"") && !projected.contains("back channel"));
    assert!(!projected.contains("We will not leave you alone"));
}

/// A hostile client: a move for another seat, a day out of range, a note too long, raw garbage on
/// the UDP port and on every channel, and 10,000 messages in a second. Each is refused (or dropped by
/// the transport) and the game goes on to its end.
#[test]
fn a_hostile_client_is_refused_and_the_game_goes_on() {
    use bevy::prelude::*;
    use bevy_replicon::prelude::*;
    use sixparty::net::protocol::{ToHost, ToSeat};
    let tmp = TempDir::new("net-hostile");
    let dir = &tmp.path();
    let scenario = root().join("scenarios/teaching60.ron");
    let (host, port) = start_host(
        &[
            scenario.to_str().unwrap(),
            "--as",
            "USA,RUS",
            "--pace",
            "0.05",
            "--turn-limit",
            "2",
            "--codes",
            "USA=WASH22,RUS=MOSC55",
            "--out",
            "transcript.txt",
        ],
        dir,
    );
    let usa = join(port, "WASH22", &dir.join("USA.jsonl"), &[], dir);
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    // Garbage straight at the port: netcode drops what is not its own.
    let raw = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    for k in 0..200u8 {
        raw.send_to(&[k; 300], addr).unwrap();
    }
    let mut rogue = sixparty::net::join::bare_client(addr).unwrap();
    let got = std::sync::Arc::new(std::sync::Mutex::new(Vec::<ToSeat>::new()));
    let keep = got.clone();
    rogue.add_systems(Update, move |mut r: MessageReader<ToSeat>| {
        keep.lock().unwrap().extend(r.read().cloned());
    });
    rogue.finish();
    rogue.cleanup();
    let step = |app: &mut App, frames: usize| {
        for _ in 0..frames {
            app.update();
            std::thread::sleep(Duration::from_millis(5));
        }
    };
    let start = Instant::now();
    while *rogue.world().resource::<State<ClientState>>().get() != ClientState::Connected {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the rogue never connected"
        );
        step(&mut rogue, 1);
    }
    let say = |app: &mut App, m: ToHost| {
        app.world_mut().write_message(m);
    };
    say(
        &mut rogue,
        ToHost::Claim {
            code: "MOSC55".into(),
        },
    );
    step(&mut rogue, 40);
    say(
        &mut rogue,
        ToHost::Move {
            day: 30,
            action: sixparty::sim::action::Move::Wait,
            party: Some("USA".into()),
        },
    );
    say(
        &mut rogue,
        ToHost::Move {
            day: -4,
            action: sixparty::sim::action::Move::Wait,
            party: None,
        },
    );
    say(
        &mut rogue,
        ToHost::Note {
            day: 30,
            to: "USA".into(),
            text: "x".repeat(100_000),
            offer: None,
        },
    );
    step(&mut rogue, 40);
    // A flood: 10,000 messages at once.
    for d in 0..10_000 {
        say(
            &mut rogue,
            ToHost::Move {
                day: 40 + d % 20,
                action: sixparty::sim::action::Move::Wait,
                party: None,
            },
        );
    }
    step(&mut rogue, 200);
    let got = got.lock().unwrap().clone();
    let refused: Vec<&str> = got
        .iter()
        .filter_map(|m| match m {
            ToSeat::Refused { reason } => Some(reason.as_str()),
            _ => None,
        })
        .collect();
    for want in [
        "this computer holds the RUS seat; a move for USA is not its to make",
        "day -4 is not open",
        "100000 bytes; at most 2000",
    ] {
        assert!(
            refused.iter().any(|r| r.contains(want)),
            "no `{want}` in {refused:?}"
        );
    }
    // The flood cuts the rogue off: the host refuses it once and disconnects it (or renet's own limits
    // end the connection first); either way it is not answered message by message.
    let cut = refused
        .iter()
        .any(|r| r.contains("more than 200 messages in a second; disconnected"));
    let gone = *rogue.world().resource::<State<ClientState>>().get() == ClientState::Disconnected;
    assert!(cut || gone, "the flood was taken: {refused:?}");
    assert!(
        refused.len() < 400,
        "{} refusals: a flood is cut off, not answered message by message",
        refused.len()
    );
    drop(rogue);
    // A second client sends garbage on every channel it has.
    let mut rogue = sixparty::net::join::bare_client(addr).unwrap();
    rogue.finish();
    rogue.cleanup();
    let start = Instant::now();
    while *rogue.world().resource::<State<ClientState>>().get() != ClientState::Connected {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the second rogue never connected"
        );
        step(&mut rogue, 1);
    }
    // Garbage on every channel the client has.
    {
        let channels = rogue
            .world()
            .resource::<RepliconChannels>()
            .client_channels()
            .len();
        let mut client = rogue
            .world_mut()
            .resource_mut::<bevy_replicon_renet::RenetClient>();
        for c in 0..channels {
            client.send_message(c as u8, vec![0xFFu8; 64]);
        }
    }
    step(&mut rogue, 40);
    drop(rogue);
    // The game goes on without the rogue: RUS's turns go to its advisers, and the run ends.
    let o = wait(usa, "the USA", Duration::from_secs(240));
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let h = wait(host, "the host", Duration::from_secs(30));
    assert_eq!(h.status.code(), Some(0));
    let transcript = std::fs::read_to_string(dir.join("transcript.txt")).unwrap();
    assert!(
        transcript.contains("Day 59 |") || transcript.contains("ends"),
        "{transcript}"
    );
    let usa = std::fs::read_to_string(dir.join("USA.jsonl")).unwrap();
    // Nothing the rogue sent reached the USA's seat: no refusal of its own, no note.
    assert!(
        !usa.contains("\"Refused\"") && !usa.contains("\"Note\""),
        "{usa}"
    );
}

/// The console's `save` and `host --resume`: a class game saved at the start goes on from the save with
/// the same join codes, and its replay still reproduces it.
#[test]
fn a_saved_class_game_resumes_with_the_same_codes() {
    let tmp = TempDir::new("net-resume");
    let dir = &tmp.path();
    let scenario = root().join("scenarios/teaching60.ron");
    let console = dir.join("first.txt");
    let (mut first, _) = start_host_with(
        &[
            scenario.to_str().unwrap(),
            "--as",
            "USA,JPN",
            "--seed",
            "4",
            "--codes",
            "USA=WASH22,JPN=TOKYO4",
        ],
        dir,
        &["inject food_warning day 9", "save class.sav"],
        Some(console.clone()),
    );
    let start = Instant::now();
    while !std::fs::read_to_string(&console).is_ok_and(|t| t.contains("Saved day 0 to class.sav")) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the console never saved"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    first.kill().unwrap();
    let _ = first.wait();
    let said = dir.join("second.txt");
    let (host, port) = start_host_with(
        &[
            "--resume",
            "class.sav",
            "--pace",
            "0",
            "--replay",
            "replay.ron",
            "--out",
            "transcript.txt",
        ],
        dir,
        &[],
        Some(said.clone()),
    );
    let seats: Vec<(&str, Child)> = [("USA", "WASH22"), ("JPN", "TOKYO4")]
        .iter()
        .map(|(p, c)| (*p, join(port, c, &dir.join(format!("{p}.jsonl")), &[], dir)))
        .collect();
    let (transcript, _) = finish_and_replay(seats, host, &scenario, dir);
    assert!(
        transcript.contains("* Inject: The World Food Programme"),
        "the save kept the inject"
    );
}

#[test]
fn a_window_without_a_display_is_refused_with_what_to_run_instead() {
    for (args, says) in [
        (
            vec!["join", "127.0.0.1", "--code", "ABCD", "--window"],
            "run without it to play at the terminal",
        ),
        (
            vec!["host", "--window", "--port", "0"],
            "run without it for the console",
        ),
    ] {
        let o = bin()
            .args(&args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(5), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("--window needs a display") && err.contains(says),
            "{err}"
        );
    }
}
