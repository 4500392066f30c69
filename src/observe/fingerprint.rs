//! Stable, fast, non-cryptographic fingerprints of identity strings.

/// Masks XORed into the input: every byte has its high bit set, so no ASCII word XORed with one
/// is zero (a zero factor would erase the state).
const S0: u64 = 0x9EB7_F9B9_FFCA_FC95;
const S1: u64 = 0xBFD8_C7ED_9CE4_E5B9;
const S2: u64 = 0x94D0_C9BB_93B1_91EB;

/// The 128-bit product of `a` and `b`, folded to 64 bits: every input bit reaches every output
/// bit, up and down, in one multiplication.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    #[allow(clippy::cast_possible_truncation, reason = "the low and high halves, on purpose")]
    let (low, high) = (product as u64, (product >> 64) as u64);
    low ^ high
}

/// A 64-bit fingerprint of `bytes`, stable across platforms, releases and processes (so that
/// checkpoints stay valid). Sixteen bytes at a time with a folded 128-bit multiply (32 bytes at
/// a time in two lanes for inputs over 32 bytes), the length mixed in first and last (the
/// construction of wyhash).
///
/// An earlier multiply-rotate mix let differences in the high bits of a word cancel against the
/// next word's: among the workspace names `plant-0` to `plant-999999`, 12,000 pairs (such as
/// `plant-430008` and `plant-470006`) shared a 128-bit [`JobKey`](super::JobKey). The folded
/// multiply sends every bit both ways; see the tests.
///
/// Not cryptographic: whoever controls the strings can make two collide.
#[inline]
pub(crate) fn fingerprint64(bytes: &[u8], seed: u64) -> u64 {
    let length = bytes.len() as u64;
    let mut h = seed ^ S0 ^ length.wrapping_mul(S2);
    let mut rest = bytes;
    if rest.len() > 32 {
        // Long inputs (ARNs): two lanes side by side, 32 bytes a step, then joined; the two chains
        // of multiplications run in parallel.
        let mut g = h ^ T0;
        while rest.len() > 32 {
            let Some((a, tail)) = rest.split_first_chunk::<8>() else { break };
            let Some((b, tail)) = tail.split_first_chunk::<8>() else { break };
            let Some((c, tail)) = tail.split_first_chunk::<8>() else { break };
            let Some((d, tail)) = tail.split_first_chunk::<8>() else { break };
            h = fold(u64::from_le_bytes(*a) ^ S1, u64::from_le_bytes(*b) ^ h);
            g = fold(u64::from_le_bytes(*c) ^ T1, u64::from_le_bytes(*d) ^ g);
            rest = tail;
        }
        h ^= g.rotate_left(29);
    }
    while rest.len() > 16 {
        let Some((a, tail)) = rest.split_first_chunk::<8>() else { break };
        let Some((b, tail)) = tail.split_first_chunk::<8>() else { break };
        h = fold(u64::from_le_bytes(*a) ^ S1, u64::from_le_bytes(*b) ^ h);
        rest = tail;
    }
    let (a, b) = last_block(rest);
    h = fold(a ^ S1, b ^ h);
    fold(h ^ S2, length ^ S0)
}

/// The last 0 to 16 bytes as two words, read without a loop: the first and the last eight (or
/// four) bytes, which overlap but together cover every byte; the length, mixed in already, tells
/// how they overlap.
#[inline]
fn last_block(rest: &[u8]) -> (u64, u64) {
    if let (Some(first), Some(last)) = (rest.first_chunk::<8>(), rest.last_chunk::<8>()) {
        return (u64::from_le_bytes(*first), u64::from_le_bytes(*last));
    }
    if let (Some(first), Some(last)) = (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
        return (u64::from(u32::from_le_bytes(*first)), u64::from(u32::from_le_bytes(*last)));
    }
    match (rest.first(), rest.get(rest.len() / 2), rest.last()) {
        (Some(first), Some(middle), Some(last)) => {
            (u64::from(*first) | (u64::from(*middle) << 8) | (u64::from(*last) << 16), 0)
        }
        _ => (0, 0),
    }
}

/// Masks of the second lane of [`fingerprint128`] and of long inputs to [`fingerprint64`].
const T0: u64 = 0xD6E8_FEB8_E6D9_CE8B;
const T1: u64 = 0xA0D1_F5C3_E9B7_8FA5;
const T2: u64 = 0xC2B2_AE3D_A7D4_EB4F | 0x8080_8080_8080_8080;

/// A 128-bit fingerprint of two strings, kept apart (`("ab", "c")` is not `("a", "bc")`): two
/// lanes of [`fingerprint64`]'s construction with different masks, run side by side over both
/// strings in one pass, so it costs about what one 64-bit fingerprint does.
#[inline]
pub(crate) fn fingerprint128(first: &[u8], second: &[u8]) -> [u64; 2] {
    let lengths = (first.len() as u64).wrapping_mul(S2) ^ (second.len() as u64).wrapping_mul(S0).rotate_left(32);
    let (mut h, mut g) = (S0 ^ lengths, T0 ^ lengths);
    for part in [first, second] {
        let mut rest = part;
        while rest.len() > 16 {
            let Some((a, tail)) = rest.split_first_chunk::<8>() else { break };
            let Some((b, tail)) = tail.split_first_chunk::<8>() else { break };
            let (a, b) = (u64::from_le_bytes(*a), u64::from_le_bytes(*b));
            h = fold(a ^ S1, b ^ h);
            g = fold(a ^ T1, b ^ g);
            rest = tail;
        }
        let (a, b) = last_block(rest);
        h = fold(a ^ S1, b ^ h);
        g = fold(a ^ T1, b ^ g);
    }
    [fold(h ^ S2, lengths ^ S0), fold(g ^ T2, lengths ^ T0)]
}

/// A fingerprint that is never zero, so zero can mean "not seen".
#[inline]
pub(crate) fn identity_fingerprint(value: &str) -> u64 {
    fingerprint64(value.as_bytes(), 0x1D).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_stable() {
        // Pinned: checkpoints written by one release must load in the next.
        assert_eq!(fingerprint64(b"plant", 0), fingerprint64(b"plant", 0));
        assert_eq!(fingerprint64(b"", 0), PINNED_EMPTY);
        assert_eq!(fingerprint64(b"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w", 7), PINNED_ARN);
    }

    #[test]
    fn every_length_is_pinned() {
        // Lengths 0 to 100 cross every block boundary of both functions (4, 8, 16 and 32 bytes);
        // one checksum pins them all.
        let text: Vec<u8> = (0..100u8).map(|i| b'!' + i % 90).collect();
        let mut sum = 0u64;
        for len in 0..=text.len() {
            let part = &text[..len];
            sum = sum.rotate_left(5) ^ fingerprint64(part, 0x1D);
            let [a, b] = fingerprint128(part, &text[len..]);
            sum = sum.rotate_left(5) ^ a ^ b.rotate_left(17);
        }
        assert_eq!(sum, PINNED_LENGTHS, "{sum:#x}");
    }

    const PINNED_LENGTHS: u64 = 0x40a6_9450_c12a_b684;
    const PINNED_EMPTY: u64 = 0x897d_f779_34d7_2949;
    const PINNED_ARN: u64 = 0xbceb_c95e_373f_8744;

    #[test]
    fn distinguishes_near_strings() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..10_000u32 {
            for s in [format!("w{i}"), format!("{i}w"), format!("workspace-{i:08}")] {
                assert!(seen.insert(fingerprint64(s.as_bytes(), 0)), "{s}");
            }
        }
        assert_ne!(fingerprint64(b"a\0", 0), fingerprint64(b"a", 0));
        assert_ne!(fingerprint64(b"", 0), fingerprint64(b"\0", 0));
    }

    #[test]
    fn high_bit_differences_do_not_cancel() {
        // These collided under the multiply-rotate mix this replaced, for every seed tried.
        for seed in [0, 0x1D, 0x5EED_0001, 0x5EED_0002] {
            assert_ne!(fingerprint64(b"plant-430008", seed), fingerprint64(b"plant-470006", seed));
            assert_ne!(fingerprint64(b"plant-430017", seed), fingerprint64(b"plant-470019", seed));
        }
        // A million workspace names, and a million ARNs differing in one digit group: no two share
        // a fingerprint.
        let mut seen = std::collections::HashSet::with_capacity(2_000_000);
        for n in 0..1_000_000u64 {
            assert!(seen.insert(fingerprint64(format!("plant-{n}").as_bytes(), 0x5EED_0001)), "plant-{n}");
            let arn = format!("arn:aws:iottwinmaker:us-east-1:{:012}:workspace/plant/sync-job/SITEWISE", n * 7919);
            assert!(seen.insert(fingerprint64(arn.as_bytes(), 0x1D)), "{arn}");
        }
    }

    #[test]
    fn pairs_are_kept_apart() {
        assert_ne!(fingerprint128(b"ab", b"c"), fingerprint128(b"a", b"bc"));
        assert_ne!(fingerprint128(b"", b"x"), fingerprint128(b"x", b""));
        assert_eq!(fingerprint128(b"plant", b"SITEWISE"), fingerprint128(b"plant", b"SITEWISE"));
        let [a, b] = fingerprint128(b"plant", b"SITEWISE");
        assert_ne!(a, b, "the two lanes differ");
        let mut seen = std::collections::HashSet::with_capacity(2_000_000);
        for n in 0..1_000_000u64 {
            let [a, b] = fingerprint128(format!("plant-{n}").as_bytes(), b"SITEWISE");
            // Each lane alone is collision-free here, so the pair is too.
            assert!(seen.insert(a) && seen.insert(b), "plant-{n}");
        }
        assert_eq!(fingerprint128(b"plant", b"SITEWISE"), PINNED_PAIR);
    }

    const PINNED_PAIR: [u64; 2] = [0x0fe2_05b7_0156_f118, 0xcb83_b0e6_a691_36ea];

    #[test]
    fn every_input_bit_matters() {
        // Flipping any one bit of a 40-byte input changes the fingerprint (and about half its bits).
        let base = *b"arn:aws:iam::123456789012:role/TwinMaker";
        let reference = fingerprint64(&base, 3);
        let mut total = 0;
        for bit in 0..base.len() * 8 {
            let mut flipped = base;
            flipped[bit / 8] ^= 1 << (bit % 8);
            let changed = (fingerprint64(&flipped, 3) ^ reference).count_ones();
            assert!(changed > 8, "bit {bit}: only {changed} output bits changed");
            total += changed;
        }
        let mean = f64::from(total) / (base.len() * 8) as f64;
        assert!((28.0..36.0).contains(&mean), "mean {mean}");
    }
}
