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
    let mut host = bin()
        .arg("host")
        .args(args)
        .args(["--port", "0", "--headless"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the host starts");
    let mut out = BufReader::new(host.stdout.take().expect("piped"));
    let mut first = String::new();
    out.read_line(&mut first).expect("the host prints its port");
    let port = first
        .rsplit("UDP port ")
        .next()
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"));
    // The rest of its console is drained so that the host never blocks on a full pipe.
    std::thread::spawn(move || for _ in out.lines() {});
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

#[test]
fn a_class_game_over_the_network_is_its_replay_and_keeps_each_seat_private() {
    let tmp = TempDir::new("net-game");
    let dir = tmp.path();
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
        &dir,
    );
    // A code no seat has is refused, with the reason, and the game is not disturbed.
    let stranger = wait(
        join(port, "NOSUCH", &dir.join("stranger.jsonl"), &[], &dir),
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
                join(port, c, &dir.join(format!("{p}.jsonl")), extra, &dir),
            )
        })
        .collect();
    for (p, c) in players {
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

    // The host's transcript is the replay's, byte for byte.
    let transcript = std::fs::read_to_string(dir.join("transcript.txt")).unwrap();
    let replay = std::fs::read_to_string(dir.join("replay.ron")).unwrap();
    let again = bin()
        .args(["run", scenario.to_str().unwrap(), "--script"])
        .arg(dir.join("replay.ron"))
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&again.stdout), transcript);
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
