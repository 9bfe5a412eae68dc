//! The logit's exponential: libm's `exp` (FreeBSD's `e_exp.c`), the same operations in the same order,
//! kept to the only arguments a logit weight takes (−12 to 0), so that the branches for overflow,
//! underflow and NaN and the general `scalbn` fall away. It returns the same bits as `libm::exp` for every
//! argument in that range (a test compares them over millions of arguments), so that transcripts stay the
//! same on every machine.

// The constants of e_exp.c, by their bits (as its comments give them).
const LN2HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
const INVLN2: f64 = f64::from_bits(0x3ff7_1547_652b_82fe);
const P1: f64 = f64::from_bits(0x3fc5_5555_5555_553e);
const P2: f64 = f64::from_bits(0xbf66_c16c_16be_bd93);
const P3: f64 = f64::from_bits(0x3f11_566a_af25_de2c);
const P4: f64 = f64::from_bits(0xbebb_bd41_c5d2_6bf1);
const P5: f64 = f64::from_bits(0x3e66_3769_72be_a4d0);

/// e^x for −12 ≤ x ≤ 0, bit for bit `libm::exp(x)`; outside that range it defers to `libm::exp`.
#[inline]
pub(crate) fn exp(x: f64) -> f64 {
    if !(-12.0..=0.0).contains(&x) {
        return libm::exp(x);
    }
    // High word of |x|.
    let hx = ((x.to_bits() >> 32) as u32) & 0x7fff_ffff;
    let (hi, lo, r, k) = if hx > 0x3fd6_2e42 {
        // |x| > 0.5 ln2: x = k ln2 + r. x is negative, so libm adds −0.5 before truncating.
        let k: i32 = if hx >= 0x3ff0_a2b2 {
            (INVLN2 * x - 0.5) as i32
        } else {
            -1
        };
        let hi = x - k as f64 * LN2HI;
        let lo = k as f64 * LN2LO;
        (hi, lo, hi - lo, k)
    } else if hx > 0x3e30_0000 {
        (x, 0.0, x, 0)
    } else {
        return 1.0 + x;
    };
    let xx = r * r;
    let c = r - xx * (P1 + xx * (P2 + xx * (P3 + xx * (P4 + xx * P5))));
    let y = 1.0 + (r * c / (2.0 - c) - lo + hi);
    if k == 0 {
        y
    } else {
        // 2^k for −18 ≤ k ≤ −1: y is near 1, so y × 2^k is normal and exact, as scalbn's result.
        y * f64::from_bits(((0x3ff + k) as u64) << 52)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bits_as_libm_over_the_logits_range() {
        let mut edges = vec![0.0, -0.0, -1e-300, -1e-9, -12.0, -11.999_999_999];
        // Around the branch points of the argument reduction and every multiple of ln2 / 2 in range.
        for b in [0x3fd6_2e42u64, 0x3ff0_a2b2, 0x3e30_0000] {
            for d in 0..4u64 {
                edges.push(-f64::from_bits((b << 32) + d));
                edges.push(-f64::from_bits(((b + 1) << 32) - 1 - d));
            }
        }
        for m in 1..36 {
            let c = -(m as f64) * std::f64::consts::LN_2 / 2.0;
            for d in [-2i64, -1, 0, 1, 2] {
                edges.push(f64::from_bits((c.to_bits() as i64 + d) as u64));
            }
        }
        for &x in &edges {
            assert_eq!(exp(x).to_bits(), libm::exp(x).to_bits(), "x = {x:e}");
        }
        // A deterministic sweep of two million arguments across the range.
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2_000_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let x = -12.0 * (s >> 11) as f64 / (1u64 << 53) as f64;
            assert_eq!(exp(x).to_bits(), libm::exp(x).to_bits(), "x = {x:e}");
        }
    }
}
