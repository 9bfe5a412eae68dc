//! The run's random streams: one seeded ChaCha8 stream per party and one for the rules, derived from the run
//! seed with SplitMix64.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

/// A seeded random stream. Cloning copies its exact position (used by the adviser and by saves).
pub struct Stream(pub ChaCha8Rng);

impl Clone for Stream {
    fn clone(&self) -> Self {
        Stream(ChaCha8Rng::deserialize_state(&self.0.serialize_state()))
    }
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stream(word {})", self.0.get_word_pos())
    }
}

impl PartialEq for Stream {
    fn eq(&self, other: &Self) -> bool {
        self.0.get_seed() == other.0.get_seed()
            && self.0.get_stream() == other.0.get_stream()
            && self.0.get_word_pos() == other.0.get_word_pos()
    }
}

/// The run's random streams from its seed: one per party, and one for the rules.
pub(super) fn for_run(seed: u64, parties: usize) -> (Vec<Stream>, Stream) {
    let party = (0..parties)
        .map(|i| Stream(ChaCha8Rng::seed_from_u64(mix(seed ^ mix(i as u64 + 1)))))
        .collect();
    (
        party,
        Stream(ChaCha8Rng::seed_from_u64(mix(seed ^ 0x5157_5157))),
    )
}

/// SplitMix64: derives independent stream seeds from the run seed.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
