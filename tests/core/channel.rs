//! Injects and the back channel in the core: a prepared inject acts on its day as an event does; a note's
//! offer is read by the delegation offered (it gives where the offer asks more often), is taken up when
//! it moves as asked, kept when the sender moves as promised and broken, at a cost in trust and grievance,
//! when the sender does not; a replay carrying injects and notes plays the same transcript, and so does a
//! save taken midway.

use super::common::scenario;
use sixparty::sim::Simulation;
use sixparty::sim::action::Action;
use sixparty::sim::io::save::{load_save, save_text};
use sixparty::sim::io::script::{load_script, replay_text_with};
use sixparty::sim::output::render;
use sixparty::sim::scenario::Phase;
use sixparty::sim::state::chronicle::{Entry, Why};
use sixparty::sim::state::offers::{Offer, Settled};
use sixparty::sim::step::{FixedMove, Inject, Note};

fn fixed(day: i64, party: u8, action: Action) -> FixedMove {
    FixedMove {
        day,
        party,
        action,
        why: Why::Player,
    }
}

/// A run of the default scenario stepped to a day in session with room to give on `issue` for both
/// `a` and `b` (each stands at least 4 points from the draft), with the seed.
fn in_session(a: u8, b: u8, ka: u8, kb: u8) -> (u64, Simulation) {
    let scn = scenario("nov2006.ron");
    for seed in 1..300 {
        let mut sim = Simulation::new(scn.clone(), seed, true);
        while sim.step() {
            let st = &sim.state;
            let room = |p: u8, k: u8| {
                (st.parties[p as usize].positions[k as usize] - st.table[k as usize]).abs()
            };
            if st.phase == Phase::InSession
                && st.session_ends - st.day >= 3
                && room(a, ka) >= 4.0
                && room(b, kb) >= 4.0
            {
                return (seed, sim);
            }
        }
    }
    panic!("no session with room to give in 300 seeds");
}

#[test]
fn a_prepared_inject_acts_on_its_day_and_a_written_one_is_news() {
    let scn = scenario("nov2006.ron");
    let k = scn
        .inject_index("oil_pause")
        .expect("nov2006 prepares oil_pause");
    let dprk = scn.party_index("DPRK").unwrap();
    let plain = {
        let mut s = Simulation::new(scn.clone(), 5, true);
        for _ in 0..10 {
            s.step();
        }
        s
    };
    let mut sim = Simulation::new(scn.clone(), 5, true);
    for _ in 0..9 {
        sim.step();
    }
    let before = sim.state.parties[dprk as usize].pressure;
    sim.release([
        Inject {
            day: 9,
            prepared: Some(k),
            text: scn.injects[k as usize].text.clone(),
        },
        Inject {
            day: 9,
            prepared: None,
            text: "A rumour in Seoul.".into(),
        },
    ]);
    sim.step();
    let log = sim.log.as_deref().unwrap();
    let injects: Vec<&Entry> = log
        .iter()
        .filter(|e| matches!(e, Entry::Inject { day: 9, .. }))
        .collect();
    assert_eq!(injects.len(), 2, "both injects are in the chronicle");
    // Its effect (pressure on the DPRK +10) is felt that day: the plain run has less pressure.
    let with = sim.state.parties[dprk as usize].pressure;
    let without = plain.state.parties[dprk as usize].pressure;
    assert!(
        with > without + 5.0,
        "pressure {with} with the inject, {without} without (it was {before})"
    );
    let text = render::text(&sim);
    assert!(
        text.contains("* Inject: China halts crude oil deliveries"),
        "{text}"
    );
    assert!(text.contains("* Inject: A rumour in Seoul."));
    // The public record carries injects.
    let public = render::public_lines(&sim, 9);
    assert!(
        public.iter().any(|l| l.starts_with("* Inject:")),
        "{public:?}"
    );
}

#[test]
fn an_offer_taken_up_and_kept_builds_trust_and_one_broken_costs_it() {
    let scn = scenario("nov2006.ron");
    let usa = scn.party_index("USA").unwrap();
    let dprk = scn.party_index("DPRK").unwrap();
    let sanctions = scn.issue_index("sanctions").unwrap();
    let denuc = scn.issue_index("denuclearization").unwrap();
    let (seed, start) = in_session(dprk, usa, denuc, sanctions);
    let day = start.state.day;
    let offer = Offer {
        give: sanctions,
        give_by: 2.0,
        want: denuc,
        want_by: 2.0,
    };
    let note = Note {
        day,
        from: usa,
        to: dprk,
        text: "We can move on sanctions if you move first.".into(),
        offer: Some(offer),
    };
    let settled = |sim: &Simulation| -> Vec<(i64, Settled)> {
        sim.log
            .as_deref()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                Entry::Offer { day, how, .. } => Some((*day, *how)),
                _ => None,
            })
            .collect()
    };

    // Kept: the DPRK gives as asked the next day, the USA the day after.
    let mut kept = start.clone();
    kept.fix_moves([
        fixed(day, dprk, Action::Wait),
        fixed(
            day + 1,
            dprk,
            Action::Concede {
                issue: denuc,
                amount: 3.0,
            },
        ),
        fixed(day + 1, usa, Action::Wait),
        fixed(
            day + 2,
            usa,
            Action::Concede {
                issue: sanctions,
                amount: 3.0,
            },
        ),
    ]);
    // The same days without the note: only the offer's settlement tells the two runs apart.
    let mut plain = kept.clone();
    kept.send_notes([note.clone()]);
    for _ in 0..3 {
        kept.step();
        plain.step();
    }
    assert!(
        kept.state.trust(dprk, usa) > plain.state.trust(dprk, usa),
        "seed {seed}: a kept offer builds the DPRK's trust in the USA ({} with it, {} without)",
        kept.state.trust(dprk, usa),
        plain.state.trust(dprk, usa)
    );
    assert_eq!(
        settled(&kept),
        vec![(day + 1, Settled::Taken), (day + 2, Settled::Kept)],
        "seed {seed}"
    );
    assert!(kept.state.offers.is_empty(), "a kept offer is settled");

    // Broken: the DPRK gives, the USA never does; after keep_days the offer is broken.
    let mut broken = start.clone();
    broken.send_notes([note]);
    broken.fix_moves([
        fixed(day, dprk, Action::Wait),
        fixed(
            day + 1,
            dprk,
            Action::Concede {
                issue: denuc,
                amount: 3.0,
            },
        ),
    ]);
    let keep = scn.model.back_channel.keep_days as i64;
    let taken = day + 1;
    let breaks = taken + keep + 1;
    for d in day..=breaks {
        broken.fix_moves([fixed(d, usa, Action::Wait)]);
    }
    let mut before = 0.0;
    while broken.state.day <= breaks {
        if broken.state.day == breaks {
            before = broken.state.parties[dprk as usize].grievance[usa as usize];
        }
        assert!(
            broken.step(),
            "seed {seed}: the run ended before day {breaks}"
        );
    }
    assert_eq!(
        settled(&broken),
        vec![(taken, Settled::Taken), (breaks, Settled::Broken)],
        "seed {seed}"
    );
    let after = broken.state.parties[dprk as usize].grievance[usa as usize];
    let m = &scn.model;
    assert!(
        after - before * m.drift.grievance_keep
            >= 0.9 * m.back_channel.broken_grievance * m.drift.grievance_keep,
        "seed {seed}: the DPRK's grievance at the USA went {before} -> {after}"
    );
    assert!(broken.state.offers.is_empty(), "a broken offer is settled");
    let text = render::text(&broken);
    assert!(text.contains("USA's offer to DPRK is broken"), "{text}");
}

#[test]
fn the_delegation_offered_gives_where_the_offer_asks_more_often() {
    let scn = scenario("nov2006.ron");
    let usa = scn.party_index("USA").unwrap();
    let dprk = scn.party_index("DPRK").unwrap();
    let sanctions = scn.issue_index("sanctions").unwrap();
    let (mut asked_with, mut asked_without, mut sessions) = (0, 0, 0);
    for seed in 1..120 {
        let mut sim = Simulation::new(scn.clone(), seed, true);
        while sim.step() && sim.state.phase != Phase::InSession {}
        if sim.state.phase != Phase::InSession {
            continue;
        }
        sessions += 1;
        // USA offers to move 30 on sanctions if the DPRK moves on each issue in turn; count the DPRK's
        // concessions on the asked issue over the session, with the offer and without.
        let want = (seed % scn.issue_count() as u64) as u8;
        let note = Note {
            day: sim.state.day,
            from: usa,
            to: dprk,
            text: String::new(),
            offer: Some(Offer {
                give: sanctions,
                give_by: 30.0,
                want,
                want_by: 50.0,
            }),
        };
        let count = |mut s: Simulation| {
            let mut n = 0;
            while s.step() && s.state.phase == Phase::InSession {}
            for e in s.log.as_deref().unwrap() {
                if let Entry::Move {
                    party,
                    action: Action::Concede { issue, .. },
                    ..
                } = e
                    && *party == dprk
                    && *issue == want
                {
                    n += 1;
                }
            }
            n
        };
        let mut with = sim.clone();
        with.send_notes([note]);
        asked_with += count(with);
        asked_without += count(sim);
    }
    assert!(sessions >= 40, "{sessions} sessions");
    assert!(
        asked_with > asked_without,
        "the DPRK gave on the asked issue {asked_with} times with the offer, {asked_without} without ({sessions} sessions)"
    );
}

#[test]
fn a_replay_and_a_save_carry_injects_and_notes() {
    let scn = scenario("teaching60.ron");
    let usa = scn.party_index("USA").unwrap();
    let jpn = scn.party_index("JPN").unwrap();
    let k = scn.inject_index("funds_signal").unwrap();
    let injects = vec![Inject {
        day: 12,
        prepared: Some(k),
        text: scn.injects[k as usize].text.clone(),
    }];
    let notes = vec![Note {
        day: 5,
        from: usa,
        to: jpn,
        text: "Hold firm on the abductions; we will back you.".into(),
        offer: None,
    }];
    let moves = vec![fixed(3, usa, Action::ConciliatoryStatement)];
    let text = replay_text_with(&scn, 8, &moves, &injects, &notes, &[], "test");
    assert!(
        text.contains("funds_signal") && text.contains("Hold firm"),
        "{text}"
    );
    let script = load_script("replay.ron", &text, &scn).expect("a replay with injects loads");
    assert_eq!(script.injects, injects);
    assert_eq!(script.notes, notes);

    let mut direct = Simulation::new(scn.clone(), 8, true);
    direct.fix_moves(moves);
    direct.release(injects);
    direct.send_notes(notes);
    let mut replayed = Simulation::new(scn.clone(), 8, true);
    script.fix_into(&mut replayed);
    // Saved on day 4, before the note and the inject, and loaded again.
    for _ in 0..4 {
        replayed.step();
    }
    let saved = save_text(&replayed, "(test)", &[usa, jpn]);
    let mut resumed = load_save("t.sav", saved.as_bytes()).expect("loads").sim;
    direct.run_to_end();
    resumed.run_to_end();
    let a = render::text(&direct);
    assert_eq!(a, render::text(&resumed));
    assert!(a.contains("* Inject: The US Treasury"), "{a}");
    assert!(
        a.contains("@ USA   to JPN (back channel): \"Hold firm"),
        "{a}"
    );
    // A note is private: the public record of its day does not carry it, the two parties' views do.
    assert!(
        !render::public_lines(&direct, 5)
            .iter()
            .any(|l| l.contains("Hold firm"))
    );
    assert!(
        render::back_channel_lines(&direct, jpn)
            .iter()
            .any(|l| l.contains("Hold firm"))
    );
    assert!(render::back_channel_lines(&direct, 0).is_empty());
}

#[test]
fn a_script_with_a_bad_inject_or_note_names_the_field() {
    let scn = scenario("nov2006.ron");
    let text = r#"Script(format: 1, moves: [],
        injects: [(day: 3, id: Some("no_such"))],
        notes: [
            (day: 2, from: "USA", to: "USA", text: "hello"),
            (day: 2, from: "USA", to: "JPN", text: "x", offer: Some((give: "nope", give_by: 5, want: "sanctions", want_by: 5))),
            (day: 2, from: "USA", to: "JPN", text: "x", offer: Some((give: "sanctions", give_by: 500, want: "sanctions", want_by: 5))),
        ])"#;
    let err = load_script("bad.ron", text, &scn).unwrap_err().to_string();
    for want in [
        "bad.ron:2:",
        "injects[0].id: unknown inject `no_such`; expected one of: oil_pause",
        "notes[0].to: a note goes to another delegation",
        "notes[1].offer.give: unknown issue `nope`",
        "notes[2].offer.give_by: 500 is out of range",
    ] {
        assert!(err.contains(want), "no `{want}` in:\n{err}");
    }
}
