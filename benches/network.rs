//! `cargo bench --bench network`: the networked classroom on the loopback interface. A headless host
//! plays teaching60 with every delegation a seat, stopping every day; the six seats answer at once, and
//! watchers (projectors) make up the rest of the clients. Every client reaches the host through a UDP
//! relay in this process that counts the bytes and datagrams each way. Prints, with 6 and with 30
//! clients:
//! - bandwidth: UDP payload bytes from the host to each client per simulated day (netcode's headers,
//!   acknowledgements and keep-alives included; add 28 bytes of IP and UDP header per datagram for the
//!   wire);
//! - latency: from the last move of a day leaving its seat to each client receiving the next day (a
//!   seat) or the day's public record (a watcher), from the clients' own logs (`join --log`, one clock).

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

const SEATS: [(&str, &str); 6] = [
    ("DPRK", "PYONG1"),
    ("USA", "WASH22"),
    ("CHN", "BEIJ33"),
    ("ROK", "SEOUL3"),
    ("JPN", "TOKYO4"),
    ("RUS", "MOSC55"),
];

/// Bytes and datagrams through one client's relay.
#[derive(Default)]
struct Counts {
    down_bytes: AtomicU64,
    down_packets: AtomicU64,
    up_bytes: AtomicU64,
    up_packets: AtomicU64,
}

/// A relay between one client and the host: the client talks to `front`, the relay to the host.
fn relay(host: SocketAddr, stop: Arc<AtomicBool>) -> (SocketAddr, Arc<Counts>) {
    let front = UdpSocket::bind("127.0.0.1:0").unwrap();
    let back = UdpSocket::bind("127.0.0.1:0").unwrap();
    back.connect(host).unwrap();
    for s in [&front, &back] {
        s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    }
    let addr = front.local_addr().unwrap();
    let counts = Arc::new(Counts::default());
    let client: Arc<std::sync::Mutex<Option<SocketAddr>>> = Arc::default();
    let (f2, b2) = (front.try_clone().unwrap(), back.try_clone().unwrap());
    let (c1, c2) = (counts.clone(), counts.clone());
    let (k1, k2) = (client.clone(), client);
    let (s1, s2) = (stop.clone(), stop);
    std::thread::spawn(move || {
        let mut buf = [0u8; 2048];
        while !s1.load(Ordering::Relaxed) {
            if let Ok((n, from)) = front.recv_from(&mut buf) {
                *k1.lock().unwrap() = Some(from);
                c1.up_bytes.fetch_add(n as u64, Ordering::Relaxed);
                c1.up_packets.fetch_add(1, Ordering::Relaxed);
                let _ = back.send(&buf[..n]);
            }
        }
    });
    std::thread::spawn(move || {
        let mut buf = [0u8; 2048];
        while !s2.load(Ordering::Relaxed) {
            if let Ok(n) = b2.recv(&mut buf) {
                c2.down_bytes.fetch_add(n as u64, Ordering::Relaxed);
                c2.down_packets.fetch_add(1, Ordering::Relaxed);
                if let Some(to) = *k2.lock().unwrap() {
                    let _ = f2.send_to(&buf[..n], to);
                }
            }
        }
    });
    (addr, counts)
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sixparty"))
}

fn scenario() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/teaching60.ron")
}

/// The log's lines as JSON values.
fn lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn measure(clients: usize) {
    let dir = std::env::temp_dir().join(format!(
        "sixparty-netbench-{}-{clients}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let codes: Vec<String> = SEATS.iter().map(|(p, c)| format!("{p}={c}")).collect();
    let mut host = bin()
        .arg("host")
        .arg(scenario())
        .args(["--port", "0", "--headless", "--no-console", "--pace", "0"])
        .args([
            "--turn-limit",
            "600",
            "--pause-on",
            "every-day",
            "--seed",
            "3",
        ])
        .args(["--codes", &codes.join(",")])
        .arg("--out")
        .arg(dir.join("transcript.txt"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the host starts");
    let mut out = BufReader::new(host.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let port: u16 = first
        .rsplit("UDP port ")
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    std::thread::spawn(move || for _ in out.lines() {});
    let host_addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    // A client through its own relay: `sixparty join RELAY ARGS --quiet --log NAME.jsonl`.
    let client = |name: String, args: &[&str], seat: bool| {
        let (addr, counts) = relay(host_addr, stop.clone());
        let log = dir.join(format!("{name}.jsonl"));
        let c = bin()
            .arg("join")
            .arg(addr.to_string())
            .args(args)
            .args(["--quiet", "--log"])
            .arg(&log)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        (c, log, counts, seat)
    };
    let mut kids: Vec<(Child, PathBuf, Arc<Counts>, bool)> = Vec::new();
    // Watchers first, so that every one of them sees the whole game.
    for k in 0..clients.saturating_sub(SEATS.len()) {
        kids.push(client(format!("watcher{k}"), &["--watch"], false));
    }
    std::thread::sleep(Duration::from_millis(500));
    for (p, code) in SEATS {
        kids.push(client(
            p.to_string(),
            &["--code", code, "--answer", "wait"],
            true,
        ));
    }
    for (c, ..) in &mut kids {
        let status = c.wait().unwrap();
        assert!(status.success(), "a client failed: {status}");
    }
    let _ = host.wait();
    stop.store(true, Ordering::Relaxed);

    // The last move of each day leaving its seat.
    let mut last_move: std::collections::BTreeMap<i64, u64> = Default::default();
    for (_, log, _, seat) in &kids {
        if !seat {
            continue;
        }
        for v in lines(log) {
            if let Some(m) = v.get("Sent").and_then(|s| s.get("Move")) {
                let (day, at) = (m["day"].as_i64().unwrap(), v["at_us"].as_u64().unwrap());
                let e = last_move.entry(day).or_insert(0);
                *e = (*e).max(at);
            }
        }
    }
    let mut lat = Vec::new();
    let mut worst_per_day: std::collections::BTreeMap<i64, f64> = Default::default();
    let days = last_move.len().max(1) as f64;
    // Bytes down, datagrams down and bytes up: seats [0], watchers [1].
    let mut sums = [[0u64; 3]; 2];
    for (_, log, counts, seat) in &kids {
        let k = usize::from(!*seat);
        sums[k][0] += counts.down_bytes.load(Ordering::Relaxed);
        sums[k][1] += counts.down_packets.load(Ordering::Relaxed);
        sums[k][2] += counts.up_bytes.load(Ordering::Relaxed);
        for v in lines(log) {
            let at = v["at_us"].as_u64().unwrap_or(0);
            // A seat's screen shows day d played when the next day's message arrives; a watcher's, when
            // the public record of day d does.
            let played = if *seat {
                v.get("Day").and_then(|d| d["day"].as_i64()).map(|d| d - 1)
            } else {
                v.get("Public").and_then(|d| d["day"].as_i64())
            };
            if let Some(d) = played
                && let Some(&t0) = last_move.get(&d)
                && at >= t0
            {
                let ms = (at - t0) as f64 / 1000.0;
                lat.push(ms);
                let w = worst_per_day.entry(d).or_insert(0.0);
                *w = w.max(ms);
            }
        }
    }
    let mut worst: Vec<f64> = worst_per_day.values().copied().collect();
    let per = |k: usize, who: &str, n: usize| {
        if n == 0 {
            return String::new();
        }
        let n = n as f64;
        format!(
            "\n   per {who}: host -> client {:.0} B/day ({:.1} datagrams/day), client -> host {:.0} B/day",
            sums[k][0] as f64 / days / n,
            sums[k][1] as f64 / days / n,
            sums[k][2] as f64 / days / n
        )
    };
    println!(
        "{clients:>2} clients ({} seats, {} watchers), {days:.0} days{}{}\n   latency from a day's last move to a client's screen: median {:.1} ms, p95 {:.1} ms; to every client's screen: median {:.1} ms, worst {:.1} ms",
        SEATS.len(),
        clients.saturating_sub(SEATS.len()),
        per(0, "seat", SEATS.len()),
        per(1, "watcher", clients.saturating_sub(SEATS.len())),
        percentile(&mut lat, 0.5),
        percentile(&mut lat, 0.95),
        percentile(&mut worst, 0.5),
        percentile(&mut worst, 1.0),
    );
    if std::env::var_os("SIXPARTY_NETBENCH_KEEP").is_some() {
        println!("   logs kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn main() {
    // SIXPARTY_NETBENCH_CLIENTS=6,30 (the default) chooses the client counts.
    let counts = std::env::var("SIXPARTY_NETBENCH_CLIENTS").unwrap_or_else(|_| "6,30".into());
    for clients in counts.split(',').filter_map(|c| c.trim().parse().ok()) {
        measure(clients);
    }
}
