//! The host: the one authoritative run of a networked class game. It listens on a UDP port, gives each
//! delegation played by people a join code, takes moves only from the seat that holds the code, and steps
//! the run with the same plugin as every other front end. The days run at a pace of their own; on a day
//! that brings what the facilitator chose to stop on ([`PauseOn`]) every human seat is asked for its move,
//! and a seat whose time runs out is played by its advisers (recorded as such). A dropped seat's turn goes
//! to its advisers the same way; the host never waits on a seat beyond the turn limit.

use super::protocol::{PROTOCOL_ID, ToHost, ToSeat};
use crate::app::pacing::{PauseRules, stops_on_day};
use crate::app::{Advance, DayPlayed, Talks, TalksPlugin, TalksSystems};
use crate::sim::Simulation;
use crate::sim::action::Action;
use crate::sim::io::script::{NoteLine, replay_text_with, resolve_move_text, resolve_note};
use crate::sim::output::render::{describe_offer, name_move, note_text, public_lines};
use crate::sim::output::seat::private_view;
use crate::sim::state::chronicle::Why;
use crate::sim::step::FixedMove;
use crate::sim::step::legal::playable;
use bevy::prelude::*;
use bevy_replicon::prelude::*;
use bevy_replicon_renet::RenetServer;
use bevy_replicon_renet::netcode::{NetcodeServerTransport, ServerAuthentication, ServerConfig};
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};

/// The most messages a seat may send in one second; a seat that sends more is refused and disconnected.
pub const FLOOD_LIMIT: u32 = 200;

/// How a class game is hosted.
#[derive(Clone, Debug)]
pub struct HostOptions {
    /// UDP port to listen on (0: any free port, printed at the start).
    pub port: u16,
    /// The delegations played by people.
    pub humans: Vec<u8>,
    /// Each human delegation's join code, by party index (empty for the model's).
    pub codes: Vec<String>,
    /// Seconds a seat has for its move when asked; then its advisers choose.
    pub turn_limit: f64,
    /// Seconds per day while no one is asked (0: as fast as the loop runs).
    pub pace: f64,
    /// What stops the days for the human seats.
    pub rules: PauseRules,
    /// Where the replay goes at the end (a script `sixparty run --script` reproduces the game with).
    pub replay: Option<std::path::PathBuf>,
    /// Where the transcript goes at the end.
    pub out: Option<std::path::PathBuf>,
    /// Where the scenario came from (a save of the class game records it).
    pub origin: String,
    /// Whether the facilitator's console reads commands from standard input.
    pub console: bool,
    /// Open the facilitator's window.
    pub window: bool,
    /// With the window: a picture of it on a day, then exit.
    pub shot: Option<super::Shot>,
}

/// A message the host refused, kept for the facilitator and the tests.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// The client it came from.
    pub client: Entity,
    /// Why it was refused.
    pub reason: String,
}

/// The host's side of the game: seats, who is asked, the moves people (or their advisers) made.
#[derive(Resource, Debug)]
pub struct Host {
    /// The options it was started with.
    pub options: HostOptions,
    /// The client holding each party's seat, by party index.
    pub seats: Vec<Option<Entity>>,
    /// The human seats asked for a move today.
    pub asked: Vec<u8>,
    /// Seconds since the current turn opened.
    pub clock: f64,
    /// Fraction of a day banked at the pace.
    pub banked: f64,
    /// Whether every human seat was claimed and the days began.
    pub started: bool,
    /// Refused messages.
    pub refusals: Vec<Refusal>,
    /// Messages per client in the current second.
    flood: Vec<(Entity, u32)>,
    /// Seconds into the current flood window.
    flood_clock: f64,
    /// Seconds since the run ended (the host lingers for its last messages to leave).
    pub finished_for: Option<f64>,
    /// The code the host exits with once the run has ended (4: a result file was not written).
    pub exit_code: u8,
    /// Computers watching without a seat (projectors, observers).
    pub watchers: Vec<Entity>,
    /// Whether the facilitator has paused the days.
    pub paused: bool,
    /// Human delegations the facilitator has handed to their advisers.
    pub taken: Vec<u8>,
    /// The facilitator's commands, a line each, from standard input.
    pub(super) console: Option<std::sync::Mutex<std::sync::mpsc::Receiver<String>>>,
}

impl Host {
    /// The human delegations asked when the game stops: all but those handed to their advisers.
    fn asking(&self) -> Vec<u8> {
        let mut asked = self.options.humans.clone();
        asked.retain(|p| !self.taken.contains(p));
        asked
    }

    /// The ids of the delegations people play.
    fn human_ids(&self, scn: &crate::sim::Scenario) -> Vec<String> {
        self.options
            .humans
            .iter()
            .map(|&h| scn.parties[h as usize].id.clone())
            .collect()
    }

    fn party_of(&self, client: Entity) -> Option<u8> {
        self.seats
            .iter()
            .position(|s| *s == Some(client))
            .map(|p| p as u8)
    }
}

/// Builds the host App for `sim` listening as `options` say, or says why it cannot listen.
pub fn host_app(sim: Simulation, options: HostOptions) -> Result<App, String> {
    let (mut app, config) = super::net_app_with(
        options
            .window
            .then(|| "sixparty: the facilitator's console".to_string()),
    );
    if options.window {
        super::host_window::plugin(&mut app);
    }
    if let Some(shot) = options.shot.clone() {
        app.insert_resource(super::host_window::HostShot(shot));
    }
    app.add_plugins(TalksPlugin);
    let server = RenetServer::new(config);
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, options.port))
        .map_err(|e| format!("cannot listen on UDP port {}: {e}", options.port))?;
    let addr: SocketAddr = socket
        .local_addr()
        .map_err(|e| format!("cannot read the port listened on: {e}"))?;
    let transport = NetcodeServerTransport::new(
        ServerConfig {
            current_time: super::unix_now(),
            max_clients: 64,
            protocol_id: PROTOCOL_ID,
            authentication: ServerAuthentication::Unsecure,
            public_addresses: vec![addr],
        },
        socket,
    )
    .map_err(|e| format!("cannot start the host's transport: {e}"))?;
    let n = sim.scenario.parties.len();
    let console = options.console.then(super::stdin_lines);
    app.insert_resource(server)
        .insert_resource(transport)
        .insert_resource(Advance(false))
        .insert_resource(Talks(sim))
        .insert_resource(Host {
            options,
            seats: vec![None; n],
            asked: Vec::new(),
            clock: 0.0,
            banked: 0.0,
            started: false,
            refusals: Vec::new(),
            flood: Vec::new(),
            flood_clock: 0.0,
            finished_for: None,
            exit_code: 0,
            watchers: Vec::new(),
            paused: false,
            taken: Vec::new(),
            console,
        })
        .insert_resource(ListenAddr(addr))
        .add_observer(seat_dropped)
        .add_systems(
            Update,
            (receive, super::console::console, pace)
                .chain()
                .before(TalksSystems::ReadInput),
        )
        .add_systems(Update, (publish, linger).chain().after(TalksSystems::Step));
    Ok(app)
}

/// The address the host listens on.
#[derive(Resource, Clone, Copy, Debug)]
pub struct ListenAddr(pub SocketAddr);

/// Why `day` is not open for a move, a note or an inject, if it is not: the run has ended, or the day is
/// past, or after the last day the run can play (its horizon, or the overtime of a session still sitting).
pub(super) fn closed_day(sim: &Simulation, day: i64) -> Option<String> {
    let last = sim.horizon() + sim.scenario.overtime_days();
    if sim.is_finished() {
        Some("the run has ended".to_string())
    } else if day < sim.state.day || day > last {
        Some(format!(
            "day {day} is not open: today is day {}, and the run ends on day {} (or up to day {last} for a session still sitting)",
            sim.state.day,
            sim.horizon()
        ))
    } else {
        None
    }
}

/// Sends one message to one client.
pub(super) fn send(out: &mut MessageWriter<ToClients<ToSeat>>, client: Entity, message: ToSeat) {
    out.write(ToClients {
        targets: SendTargets::Single(ClientId::Client(client)),
        message,
    });
}

fn refuse(
    host: &mut Host,
    out: &mut MessageWriter<ToClients<ToSeat>>,
    client: Entity,
    reason: String,
) {
    println!("refused a message from client {client}: {reason}");
    send(
        out,
        client,
        ToSeat::Refused {
            reason: reason.clone(),
        },
    );
    host.refusals.push(Refusal { client, reason });
}

/// The party whose seat `client` holds; a client that holds none is refused, saying how to take one.
fn seated(
    host: &mut Host,
    out: &mut MessageWriter<ToClients<ToSeat>>,
    client: Entity,
) -> Option<u8> {
    let p = host.party_of(client);
    if p.is_none() {
        let why = "this computer holds no seat: claim one with its join code";
        refuse(host, out, client, why.into());
    }
    p
}

pub(super) fn day_message(sim: &Simulation, host: &Host, p: u8, played: Vec<String>) -> ToSeat {
    let asked = host.asked.contains(&p);
    ToSeat::Day {
        day: sim.state.day,
        date: sim.date().to_string(),
        played,
        asked,
        seconds_left: (asked && host.options.turn_limit.is_finite())
            .then(|| (host.options.turn_limit - host.clock).max(0.0)),
        view: Box::new(private_view(sim, p)),
    }
}

/// Fixes a human seat's move (or its advisers') in the run; the run's fixed moves are the replay's.
pub(super) fn take(sim: &mut Simulation, day: i64, party: u8, action: Action, why: Why) {
    sim.fix_moves([FixedMove {
        day,
        party,
        action,
        why,
    }]);
}

/// Takes in the seats' messages: claims, moves; refuses what does not fit and cuts off a flood.
fn receive(
    mut input: MessageReader<FromClient<ToHost>>,
    mut out: MessageWriter<ToClients<ToSeat>>,
    mut kick: MessageWriter<DisconnectRequest>,
    mut host: ResMut<Host>,
    mut talks: ResMut<Talks>,
    time: Res<Time>,
) {
    let host = &mut *host;
    host.flood_clock += time.delta_secs_f64();
    if host.flood_clock >= 1.0 {
        host.flood_clock = 0.0;
        host.flood.clear();
    }
    let sim = &mut talks.0;
    for FromClient { client_id, message } in input.read() {
        let Some(client) = client_id.entity() else {
            continue;
        };
        let count = match host.flood.iter_mut().find(|(c, _)| *c == client) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                host.flood.push((client, 1));
                1
            }
        };
        if count > FLOOD_LIMIT {
            if count == FLOOD_LIMIT + 1 {
                refuse(
                    host,
                    &mut out,
                    client,
                    format!("more than {FLOOD_LIMIT} messages in a second; disconnected"),
                );
                kick.write(DisconnectRequest { client });
            }
            continue;
        }
        match message {
            ToHost::Claim { code } => {
                let Some(p) = host
                    .options
                    .codes
                    .iter()
                    .position(|c| !c.is_empty() && c.eq_ignore_ascii_case(code.trim()))
                else {
                    refuse(
                        host,
                        &mut out,
                        client,
                        format!("no seat has the join code `{code}`"),
                    );
                    continue;
                };
                let p = p as u8;
                if let Some(old) = host.seats[p as usize]
                    && old != client
                {
                    send(
                        &mut out,
                        old,
                        ToSeat::Notice {
                            text: "another computer has taken this seat with its join code".into(),
                        },
                    );
                }
                if let Some(other) = host.party_of(client)
                    && other != p
                {
                    host.seats[other as usize] = None;
                }
                host.seats[p as usize] = Some(client);
                let scn = &sim.scenario;
                println!(
                    "client {client} takes the {} seat",
                    scn.parties[p as usize].id
                );
                send(
                    &mut out,
                    client,
                    ToSeat::Seated {
                        party: scn.parties[p as usize].id.clone(),
                        name: scn.parties[p as usize].name.clone(),
                        scenario: scn.file.meta.id.clone(),
                        seed: sim.seed,
                        humans: host.human_ids(scn),
                        parties: scn.parties.iter().map(|p| p.id.clone()).collect(),
                    },
                );
                if host.started {
                    send(&mut out, client, day_message(sim, host, p, Vec::new()));
                }
            }
            ToHost::Watch => {
                if !host.watchers.contains(&client) {
                    host.watchers.push(client);
                }
                println!("client {client} watches the game");
                let scn = &sim.scenario;
                send(
                    &mut out,
                    client,
                    ToSeat::Watching {
                        scenario: scn.file.meta.id.clone(),
                        seed: sim.seed,
                        humans: host.human_ids(scn),
                    },
                );
            }
            ToHost::Note {
                day,
                to,
                text,
                offer,
            } => {
                let Some(p) = seated(host, &mut out, client) else {
                    continue;
                };
                let line = NoteLine {
                    day: *day,
                    from: sim.scenario.parties[p as usize].id.clone(),
                    to: to.clone(),
                    text: text.clone(),
                    offer: offer.clone(),
                };
                let reason = closed_day(sim, *day);
                if let Some(reason) = reason {
                    refuse(host, &mut out, client, reason);
                    continue;
                }
                let note = match resolve_note(&sim.scenario, &line) {
                    Ok(n) => n,
                    Err((field, why)) => {
                        refuse(
                            host,
                            &mut out,
                            client,
                            format!("a note that cannot be sent: {field}: {why}"),
                        );
                        continue;
                    }
                };
                let scn = &sim.scenario;
                let offer_text = note.offer.map(|o| describe_offer(scn, &o));
                println!(
                    "[back channel] {}",
                    note_text(scn, note.day, p, note.to, &note.text, note.offer.as_ref())
                );
                let told = ToSeat::Note {
                    day: note.day,
                    from: line.from.clone(),
                    to: scn.parties[note.to as usize].id.clone(),
                    text: note.text.clone(),
                    offer: offer_text,
                };
                for c in [Some(client), host.seats[note.to as usize]]
                    .into_iter()
                    .flatten()
                {
                    send(&mut out, c, told.clone());
                }
                sim.send_notes([note]);
            }
            ToHost::Move { day, action, party } => {
                let Some(p) = seated(host, &mut out, client) else {
                    continue;
                };
                let own = &sim.scenario.parties[p as usize].id;
                if let Some(other) = party
                    && !other.eq_ignore_ascii_case(own)
                {
                    let reason = format!(
                        "this computer holds the {own} seat; a move for {other} is not its to make"
                    );
                    refuse(host, &mut out, client, reason);
                    continue;
                }
                if host.taken.contains(&p) {
                    let reason = format!(
                        "the facilitator has handed {own} to its advisers; ask for it back"
                    );
                    refuse(host, &mut out, client, reason);
                    continue;
                }
                let action = match resolve_move_text(&sim.scenario, action) {
                    Ok(a) => a,
                    Err(e) => {
                        refuse(
                            host,
                            &mut out,
                            client,
                            format!("a move that cannot be read: {e}"),
                        );
                        continue;
                    }
                };
                let id = sim.scenario.parties[p as usize].id.clone();
                let reason = if let Some(why) = closed_day(sim, *day) {
                    Some(why)
                } else if !playable(&sim.scenario, p, &action) && action != Action::Wait {
                    Some(format!(
                        "{} is not a move {id} can make",
                        name_move(&sim.scenario, &action)
                    ))
                } else if sim.has_fixed_move(p, *day) {
                    Some(format!("{id} already has its move for day {day}"))
                } else {
                    None
                };
                if let Some(reason) = reason {
                    refuse(host, &mut out, client, reason);
                    continue;
                }
                take(sim, *day, p, action, Why::Player);
                send(
                    &mut out,
                    client,
                    ToSeat::Taken {
                        day: *day,
                        text: name_move(&sim.scenario, &action),
                        advisers: false,
                    },
                );
            }
        }
    }
}

/// Decides whether today is played on this frame: not before every human seat is taken, not while an
/// asked seat still has time; the advisers move for a seat whose time is up; the unasked wait.
fn pace(
    mut host: ResMut<Host>,
    mut talks: ResMut<Talks>,
    mut advance: ResMut<Advance>,
    mut out: MessageWriter<ToClients<ToSeat>>,
    time: Res<Time>,
) {
    let host = &mut *host;
    let sim = &mut talks.0;
    advance.0 = false;
    if sim.is_finished() {
        return;
    }
    let day = sim.state.day;
    if !host.started {
        if host
            .options
            .humans
            .iter()
            .any(|&h| host.seats[h as usize].is_none())
        {
            return;
        }
        println!("every seat is taken: the days begin");
        host.started = true;
        host.asked = host.asking();
        host.clock = 0.0;
        for &h in &host.options.humans {
            if let Some(c) = host.seats[h as usize] {
                send(&mut out, c, day_message(sim, host, h, Vec::new()));
            }
        }
    }
    if host.paused {
        return;
    }
    // A delegation the facilitator handed to its advisers is played by them, recorded as such.
    for p in host.taken.clone() {
        if !sim.has_fixed_move(p, day) {
            let action = sim.advise(p).action;
            take(sim, day, p, action, Why::Advisers);
        }
    }
    host.asked.retain(|&p| !sim.has_fixed_move(p, day));
    if !host.asked.is_empty() {
        host.clock += time.delta_secs_f64();
        if host.clock < host.options.turn_limit {
            return;
        }
        for p in std::mem::take(&mut host.asked) {
            let action = sim.advise(p).action;
            println!(
                "day {day}: {}'s time is up: its advisers choose",
                sim.scenario.parties[p as usize].id
            );
            take(sim, day, p, action, Why::Advisers);
            if let Some(c) = host.seats[p as usize] {
                send(
                    &mut out,
                    c,
                    ToSeat::Taken {
                        day,
                        text: name_move(&sim.scenario, &action),
                        advisers: true,
                    },
                );
            }
        }
    }
    if host.options.pace > 0.0 {
        host.banked += time.delta_secs_f64() / host.options.pace;
        if host.banked < 1.0 {
            return;
        }
        host.banked = (host.banked - 1.0).min(1.0);
    }
    for p in host.options.humans.clone() {
        if !sim.has_fixed_move(p, day) {
            take(sim, day, p, Action::Wait, Why::Player);
        }
    }
    advance.0 = true;
}

/// After a day is played: asks the human seats when the day brought a stop, and sends every seat the
/// public record with its own view.
fn publish(
    mut played: MessageReader<DayPlayed>,
    mut host: ResMut<Host>,
    talks: Res<Talks>,
    mut out: MessageWriter<ToClients<ToSeat>>,
) {
    let host = &mut *host;
    let sim = &talks.0;
    for d in played.read() {
        let stops = stops_on_day(sim, d.day, &host.options.humans, host.options.rules);
        if !stops.is_empty() && !d.finished {
            let why: Vec<&str> = stops.iter().map(|(_, w)| w.as_str()).collect();
            println!(
                "day {}: the game stops for the seats: {}",
                d.day,
                why.join("; ")
            );
            host.asked = host.asking();
            host.clock = 0.0;
        }
        let lines = public_lines(sim, d.day);
        let ended = sim
            .outcome
            .as_ref()
            .filter(|_| d.finished)
            .map(|o| format!("{} on day {}: {}", o.kind.key(), o.day, o.reason));
        for (p, seat) in host.seats.iter().enumerate() {
            let Some(c) = seat else { continue };
            send(&mut out, *c, day_message(sim, host, p as u8, lines.clone()));
            if let Some(outcome) = &ended {
                send(
                    &mut out,
                    *c,
                    ToSeat::Finished {
                        outcome: outcome.clone(),
                    },
                );
            }
        }
        for &c in &host.watchers {
            send(
                &mut out,
                c,
                ToSeat::Public {
                    day: d.day,
                    date: sim.scenario.date_of(d.day).to_string(),
                    played: lines.clone(),
                },
            );
            if let Some(outcome) = &ended {
                send(
                    &mut out,
                    c,
                    ToSeat::Finished {
                        outcome: outcome.clone(),
                    },
                );
            }
        }
        if let Some(outcome) = &ended {
            println!("the run has ended: {outcome}");
            let written = write_results(sim, host);
            host.finished_for = Some(0.0);
            host.exit_code = if written { 0 } else { 4 };
        }
    }
}

/// Writes the replay and the transcript where the options say; a file that cannot be written is said on
/// standard error (and the host then exits with code 4). Returns whether everything was written.
fn write_results(sim: &Simulation, host: &Host) -> bool {
    let replay = host.options.replay.as_ref().map(|p| {
        let text = replay_text_with(
            &sim.scenario,
            sim.seed,
            sim.fixed_moves(),
            sim.injects(),
            sim.notes(),
            sim.fixed_compliance(),
            "a networked class game",
        );
        (p, "replay", text)
    });
    let out = host
        .options
        .out
        .as_ref()
        .map(|p| (p, "transcript", crate::sim::output::render::text(sim)));
    let mut ok = true;
    for (path, what, text) in replay.into_iter().chain(out) {
        if let Err(e) = crate::sim::io::files::write_atomic(path, text.as_bytes()) {
            eprintln!(
                "sixparty host: cannot write the {what} {}: {e}",
                path.display()
            );
            ok = false;
        }
    }
    ok
}

/// Once the run has ended, exits a second later (for the last messages to leave).
fn linger(mut host: ResMut<Host>, time: Res<Time>, mut exit: MessageWriter<AppExit>) {
    let Some(t) = host.finished_for else { return };
    let t = t + time.delta_secs_f64();
    host.finished_for = Some(t);
    if t >= 1.0 {
        exit.write(AppExit::from_code(host.exit_code));
    }
}

/// A seat's connection dropped: the seat stays its party's, free for the same join code to take again.
fn seat_dropped(remove: On<Remove, ConnectedClient>, mut host: ResMut<Host>) {
    let client = remove.entity;
    if let Some(p) = host.party_of(client) {
        println!("the client holding seat {p} dropped; its join code takes the seat again");
        host.seats[p as usize] = None;
    }
    host.flood.retain(|(c, _)| *c != client);
    host.watchers.retain(|c| *c != client);
}
