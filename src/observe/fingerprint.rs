//! Stable, fast, non-cryptographic fingerprints of identity strings.

/// A 64-bit fingerprint of `bytes`, stable across platforms, releases and processes (so that
/// checkpoints stay valid). Eight bytes at a time with a multiply-xorshift mix.
///
/// Not cryptographic: whoever controls the strings can make two collide.
pub(crate) fn fingerprint64(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    const M: u64 = 0xBF58_476D_1CE4_E5B9;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        h = (h ^ word).wrapping_mul(M).rotate_left(31);
    }
    let mut tail = [0u8; 8];
    for (slot, byte) in tail.iter_mut().zip(chunks.remainder()) {
        *slot = *byte;
    }
    h = (h ^ u64::from_le_bytes(tail)).wrapping_mul(M);
    // Final avalanche (splitmix64's).
    h ^= h >> 30;
    h = h.wrapping_mul(M);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// A fingerprint that is never zero, so zero can mean "not seen".
pub(crate) fn identity_fingerprint(value: &str) -> u64 {
    fingerprint64(value.as_bytes(), 0x1D).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_stable() {
        // Pinned: checkpoints written by one release must load in the next.
        assert_eq!(fingerprint64(b"", 0), 0);
        assert_eq!(fingerprint64(b"plant", 0), fingerprint64(b"plant", 0));
        assert_eq!(fingerprint64(b"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w", 7), 0xb856_a3b9_244b_b2f8);
    }

    #[test]
    fn distinguishes_near_strings() {
        let mut seen = std::collections::HashSet::new();
        for i in 0..10_000u32 {
            for s in [format!("w{i}"), format!("{i}w"), format!("workspace-{i:08}")] {
                assert!(seen.insert(fingerprint64(s.as_bytes(), 0)), "{s}");
            }
        }
        assert_ne!(fingerprint64(b"a\0", 0), fingerprint64(b"a", 0));
    }
}
