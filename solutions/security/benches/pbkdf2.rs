//! What PBKDF2's iteration count costs a defender: `cargo bench -p security` from
//! `solutions/`. Checks RFC 7914 section 11's 80,000-iteration vector on the way,
//! which is too slow for the debug build the checks run in.

use std::hint::black_box;
use std::time::Instant;

use security::pbkdf2_hmac_sha256;

const RFC7914_80000: &str = "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56\
                             a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d";

fn main() {
    let derived = pbkdf2_hmac_sha256(b"Password", b"NaCl", 80_000, 64);
    let hex: String = derived.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex, RFC7914_80000,
        "RFC 7914 section 11, 80,000 iterations, 64 bytes"
    );
    println!("RFC 7914 section 11's 80,000-iteration vector: matches");

    for iterations in [1_000u32, 80_000, 310_000, 600_000] {
        let runs = 3;
        let start = Instant::now();
        for _ in 0..runs {
            black_box(pbkdf2_hmac_sha256(
                black_box(b"correct horse battery staple"),
                black_box(&[7; 16]),
                iterations,
                32,
            ));
        }
        let each = start.elapsed() / runs;
        println!(
            "{iterations:>8} iterations, 32 bytes: {:>9.2} ms per hash, {:>7.0} hashes/s on one core",
            each.as_secs_f64() * 1e3,
            1.0 / each.as_secs_f64()
        );
    }
}
