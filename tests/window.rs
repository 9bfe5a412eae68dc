//! The real window. Without a display the game must say so and exit with code 5; with one (CI runs the
//! suite under Xvfb with software Vulkan) it autoplays, saves a screenshot, and the picture must not be
//! blank.

use std::process::Command;

fn sixparty() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sixparty"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn without_a_display_the_game_says_so_and_suggests_run() {
    let out = sixparty()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no display to open the window on"), "{err}");
    assert!(err.contains("sixparty run"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_display_that_cannot_be_opened_is_reported_not_panicked() {
    let out = sixparty()
        .env("DISPLAY", ":987")
        .env_remove("WAYLAND_DISPLAY")
        .args([
            "play",
            "--replay-dir",
            std::env::temp_dir().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the window could not run"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Decodes a PNG into (width, height, RGBA bytes).
fn decode(path: &std::path::Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .flat_map(|c| [c[0], c[1], c[2], 255])
            .collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, rgba)
}

#[test]
#[ignore = "needs a display: CI runs it under Xvfb with `cargo test --test window -- --include-ignored`"]
fn with_a_display_the_table_autoplays_and_is_drawn() {
    let dir = display_and_folder("window");
    let shot = dir.join("table.png");
    let transcript = dir.join("table.txt");
    let out = sixparty()
        .args([
            "play",
            "--seed",
            "7",
            "--autoplay",
            "--speed",
            "4",
            "--exit-after-days",
            "45",
            "--screenshot",
            shot.to_str().unwrap(),
            "--transcript",
            transcript.to_str().unwrap(),
            "--replay-dir",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_drawn(&shot);
    // The window's chronicle of those days is the headless run's, day for day.
    let window_text = std::fs::read_to_string(&transcript).unwrap();
    let run = sixparty().args(["run", "--seed", "7"]).output().unwrap();
    let run_text = String::from_utf8(run.stdout).unwrap();
    let upto = |t: &str| -> Vec<String> {
        t.lines()
            .skip(2)
            .take_while(|l| {
                let day = l
                    .strip_prefix("Day ")
                    .and_then(|r| r.split(' ').next())
                    .and_then(|d| d.parse::<i64>().ok());
                !(day.is_some_and(|d| d >= 45)
                    || l.starts_with("Outcome:")
                    || l.starts_with("(The run"))
            })
            .map(String::from)
            .collect()
    };
    let (a, b) = (upto(&window_text), upto(&run_text));
    assert!(a.len() > 20, "the window played days: {a:?}");
    assert_eq!(a, b);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Checks that a display is there (the test runs under xvfb-run) and makes a fresh folder for its files.
fn display_and_folder(name: &str) -> std::path::PathBuf {
    assert!(
        std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty()),
        "this test needs a display: run it under xvfb-run (see .ci/run)"
    );
    let dir = std::env::temp_dir().join(format!("sixparty-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The pixels are a picture, not a blank or one-colour frame: many colours, and much of the picture
/// differs from its most common colour.
fn assert_drawn(path: &std::path::Path) {
    assert_pixels(path, 200, 80);
}

/// More than `colours` colours, and no colour covers `share`% of the picture or more.
fn assert_pixels(path: &std::path::Path, colours: usize, share: usize) {
    let (w, h, px) = decode(path);
    assert!(w >= 640 && h >= 400, "{}: {w}x{h}", path.display());
    let mut counts = std::collections::HashMap::new();
    for p in px.chunks(4) {
        *counts.entry([p[0], p[1], p[2]]).or_insert(0usize) += 1;
    }
    let most = counts.values().max().copied().unwrap_or(0);
    assert!(
        counts.len() > colours,
        "{}: only {} colours",
        path.display(),
        counts.len()
    );
    assert!(
        most < (w * h) as usize * share / 100,
        "{}: one colour covers {most} of {} pixels",
        path.display(),
        w * h
    );
}

#[test]
#[ignore = "needs a display: CI runs it under Xvfb with `cargo test --test window -- --include-ignored`"]
fn a_scripted_usa_game_stops_at_every_session_and_asks_few_decisions() {
    let dir = display_and_folder("tour");
    let shots = dir.join("shots");
    let transcript = dir.join("game.txt");
    let out = sixparty()
        .args(["play", "--as", "USA", "--seed", "7", "--tour"])
        .arg(&shots)
        .arg("--transcript")
        .arg(&transcript)
        .arg("--replay-dir")
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{err}\n{said}");
    assert!(!err.contains("panicked"), "{err}");
    // "tour: 10 stops answered, 10 decisions by the player, 131 days played, outcome … on day …"
    let summary = said
        .lines()
        .find(|l| l.starts_with("tour: "))
        .unwrap_or_else(|| panic!("no summary line in {said}"));
    let number_before = |what: &str| -> i64 {
        let head = &summary[..summary
            .find(what)
            .unwrap_or_else(|| panic!("{what}: {summary}"))];
        head.split_whitespace().last().unwrap().parse().unwrap()
    };
    let (stops, decisions, days) = (
        number_before(" stops answered"),
        number_before(" decisions by the player"),
        number_before(" days played"),
    );
    assert!(decisions < 25, "{summary}");
    assert!(decisions >= 1 && stops >= decisions, "{summary}");
    // One line per stop: "stop  3, day  55: … -> …", and a screenshot of each.
    let stop_days: Vec<i64> = said
        .lines()
        .filter_map(|l| l.strip_prefix("stop "))
        .map(|l| {
            let day = l.split("day").nth(1).unwrap().split(':').next().unwrap();
            day.trim().parse().unwrap()
        })
        .collect();
    assert_eq!(stop_days.len() as i64, stops, "{said}");
    for (k, day) in stop_days.iter().enumerate() {
        assert_drawn(&shots.join(format!("stop-{:02}-day-{day:03}.png", k + 1)));
    }
    assert_drawn(&shots.join("debrief.png"));
    // Every session that opened in the game stopped it before the next day: a stop is on the day the
    // players decide, the day after the events that caused it.
    let text = std::fs::read_to_string(&transcript).unwrap();
    let mut today = -1;
    let mut opened = Vec::new();
    for line in text.lines() {
        if let Some(d) = line
            .strip_prefix("Day ")
            .and_then(|r| r.split(' ').next())
            .and_then(|d| d.parse::<i64>().ok())
        {
            today = d;
        } else if line.contains("-> IN SESSION") {
            opened.push(today);
        }
    }
    assert!(!opened.is_empty(), "no session opened in the game:\n{text}");
    for d in &opened {
        assert!(
            stop_days.contains(&(d + 1)),
            "the session opened on day {d} did not stop the game: stops on {stop_days:?}"
        );
    }
    assert!(days > *opened.last().unwrap(), "{summary}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The networked classroom in real windows on one machine: the facilitator's window and two delegation
/// windows (USA, DPRK). Each saves a picture, each picture is drawn, and the two delegations' private
/// views differ: each window was sent only its own.
#[test]
#[ignore = "needs a display: CI runs it under Xvfb with `cargo test --test window -- --include-ignored`"]
fn the_facilitator_and_two_delegations_each_have_a_window() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = display_and_folder("net-windows");
    std::fs::write(
        dir.join("usa.ron"),
        r#"Script(format: 1, moves: [], notes: [(day: 2, from: "USA", to: "DPRK",
            text: "Shut the reactor and we settle the funds.",
            offer: Some((give: "funds", give_by: 15, want: "nuclear", want_by: 10)))])"#,
    )
    .unwrap();
    let mut host = sixparty()
        .args([
            "host",
            "scenarios/teaching60.ron",
            "--as",
            "USA,DPRK",
            "--codes",
            "USA=WASH22,DPRK=PYONG1",
            "--port",
            "0",
            "--pace",
            "0.3",
            "--turn-limit",
            "2",
            "--no-console",
            "--window",
            "--exit-after-day",
            "9",
            "--screenshot",
        ])
        .arg(dir.join("host.png"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(host.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let port: u16 = first
        .rsplit("UDP port ")
        .next()
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("no port in {first:?}"));
    std::thread::spawn(move || for _ in out.lines() {});
    let seats: Vec<(&str, std::process::Child)> = [("USA", "WASH22"), ("DPRK", "PYONG1")]
        .iter()
        .map(|(p, code)| {
            let c = sixparty()
                .args([
                    "join",
                    &format!("127.0.0.1:{port}"),
                    "--code",
                    code,
                    "--window",
                ])
                .args(["--exit-after-day", "6", "--screenshot"])
                .arg(dir.join(format!("{p}.png")))
                .args(if *p == "USA" {
                    vec![
                        "--script".to_string(),
                        dir.join("usa.ron").display().to_string(),
                    ]
                } else {
                    vec![]
                })
                .arg("--log")
                .arg(dir.join(format!("{p}.jsonl")))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (*p, c)
        })
        .collect();
    for (p, c) in seats {
        let o = c.wait_with_output().unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{p}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_text_drawn(&dir.join(format!("{p}.png")));
    }
    let o = host.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_text_drawn(&dir.join("host.png"));
    let (_, _, usa) = decode(&dir.join("USA.png"));
    let (_, _, dprk) = decode(&dir.join("DPRK.png"));
    assert_ne!(usa, dprk, "the two delegations' windows show the same");
    for p in ["USA", "DPRK"] {
        let log = std::fs::read_to_string(dir.join(format!("{p}.jsonl"))).unwrap();
        let mut views = 0;
        for line in log.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if let Some(day) = v.get("Day") {
                views += 1;
                assert_eq!(
                    day["view"]["party"], p,
                    "{p} was sent another's view: {line}"
                );
            }
        }
        assert!(views >= 6, "{p} was sent {views} views");
        assert!(log.contains("Shut the reactor"), "{p} did not get the note");
    }
    if std::env::var_os("SIXPARTY_SCREENSHOTS").is_some() {
        for f in ["host", "USA", "DPRK"] {
            std::fs::copy(
                dir.join(format!("{f}.png")),
                format!("docs/screenshots/net-{}.png", f.to_lowercase()),
            )
            .unwrap();
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A window of panels and text on a dark ground is drawn: anti-aliased text gives many colours, and at
/// least 3% of the picture is not the ground.
fn assert_text_drawn(path: &std::path::Path) {
    assert_pixels(path, 50, 97);
}

/// The share (in %) of the pixels in the middle of a picture (the map's part of the window) within 10 of
/// a colour on each channel.
fn share_near(path: &std::path::Path, colour: [u8; 3]) -> usize {
    let (w, h, px) = decode(path);
    let (mut near, mut all) = (0usize, 0usize);
    for y in h * 45 / 100..h * 60 / 100 {
        for x in w * 10 / 100..w * 60 / 100 {
            let p = &px[((y * w + x) * 4) as usize..][..3];
            all += 1;
            if p.iter().zip(colour).all(|(a, b)| a.abs_diff(b) <= 10) {
                near += 1;
            }
        }
    }
    near * 100 / all.max(1)
}

/// The number of colours in the middle of a picture.
fn colours_in_middle(path: &std::path::Path) -> usize {
    let (w, h, px) = decode(path);
    let mut seen = std::collections::HashSet::new();
    for y in h * 15 / 100..h * 70 / 100 {
        for x in w * 5 / 100..w * 70 / 100 {
            let p = &px[((y * w + x) * 4) as usize..][..3];
            seen.insert([p[0], p[1], p[2]]);
        }
    }
    seen.len()
}

#[test]
#[ignore = "needs a display: CI runs it under Xvfb with `cargo test --test window -- --include-ignored`"]
fn the_map_view_is_drawn_from_the_assets_and_differs_from_the_table() {
    let dir = display_and_folder("map");
    // Seed 5's day 31 is a missile test: the picture has its arc in flight (the README's).
    let shoot_in = |view: &str, lang: &str| {
        let shot = dir.join(format!("{view}-{lang}.png"));
        let transcript = dir.join(format!("{view}-{lang}.txt"));
        let err = play_ok(&[
            "play",
            "--seed",
            "5",
            "--autoplay",
            "--speed",
            "3",
            "--exit-after-days",
            "32",
            "--view",
            view,
            "--lang",
            lang,
            "--screenshot",
            shot.to_str().unwrap(),
            "--transcript",
            transcript.to_str().unwrap(),
            "--replay-dir",
            dir.to_str().unwrap(),
        ]);
        assert!(!err.contains("translation file"), "{err}");
        (shot, err, std::fs::read_to_string(&transcript).unwrap())
    };
    let shoot = |view: &str| {
        let (shot, err, _) = shoot_in(view, "en");
        (shot, err)
    };
    let (map, err) = shoot("map");
    assert!(!err.contains("could not be loaded"), "{err}");
    assert_drawn(&map);
    // The middle of the window is the map: not the table's green felt, nor the dark cover the view
    // draws while loading or after a failure; and it is a picture of many colours.
    let (table, _) = shoot("table");
    let felt = [0x2b, 0x3a, 0x2f];
    let (felt_map, felt_table) = (share_near(&map, felt), share_near(&table, felt));
    assert!(
        felt_table >= 20,
        "the table view shows its felt: {felt_table}%"
    );
    assert!(
        felt_map < 5,
        "the map view is not the table: {felt_map}% felt"
    );
    assert!(colours_in_middle(&map) > 300, "the map is a picture");
    // In Korean: the same run (its transcript byte for byte), the same map, other words.
    let (_, _, english) = shoot_in("map", "en");
    let (korean, err, transcript) = shoot_in("map", "ko");
    assert!(!err.contains("could not be loaded"), "{err}");
    assert_eq!(transcript, english, "the language does not change the run");
    assert!(
        colours_in_middle(&korean) > 300,
        "the Korean map is a picture"
    );
    let top = |path: &std::path::Path| {
        let (w, _, px) = decode(path);
        px[..(w * 4 * 60) as usize].to_vec()
    };
    assert_ne!(
        top(&korean),
        top(&map),
        "the top bar's words are Korean, not English"
    );
    if std::env::var_os("SIXPARTY_SCREENSHOTS").is_some() {
        std::fs::copy(&map, common_root().join("docs/screenshots/map.png")).unwrap();
        std::fs::copy(&korean, common_root().join("docs/screenshots/map-ko.png")).unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[ignore = "needs a display: CI runs it under Xvfb with `cargo test --test window -- --include-ignored`"]
fn a_missing_or_corrupt_asset_is_named_and_the_game_goes_on() {
    let dir = display_and_folder("badassets");
    let assets = dir.join("assets");
    copy_dir(&common_root().join("assets"), &assets);
    std::fs::write(assets.join("flags/usa.png"), b"not a picture").unwrap();
    std::fs::remove_file(assets.join("icons/wait.png")).unwrap();
    let shot = dir.join("bad.png");
    // A few days with these assets: the game must go on (exit 0, no panic); its stderr.
    let play = |days: &str| {
        play_ok(&[
            "play",
            "--seed",
            "7",
            "--autoplay",
            "--exit-after-days",
            days,
            "--assets",
            assets.to_str().unwrap(),
            "--screenshot",
            shot.to_str().unwrap(),
            "--replay-dir",
            dir.to_str().unwrap(),
        ])
    };
    let err = play("5");
    assert!(
        err.contains("an asset could not be loaded: assets/flags/usa.png"),
        "{err}"
    );
    assert!(
        err.contains("assets/icons/wait.png: the file is missing"),
        "{err}"
    );
    assert_drawn(&shot);
    // A malformed region file: its line and column.
    for f in ["flags/usa.png", "icons/wait.png"] {
        std::fs::copy(common_root().join("assets").join(f), assets.join(f)).unwrap();
    }
    let region = assets.join("map/northeast-asia.region.ron");
    let text = std::fs::read_to_string(&region).unwrap();
    std::fs::write(&region, text.replace("height: ", "height: tall, _h: ")).unwrap();
    let err = play("2");
    assert!(
        err.contains("assets/map/northeast-asia.region.ron:6:"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs sixparty, which must end well (exit 0, no panic): its standard error.
fn play_ok(args: &[&str]) -> String {
    let out = sixparty().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn common_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}
