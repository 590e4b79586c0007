//! Links the `s75` executable as a position-dependent (non-PIE) program on
//! Linux. The binary carries typst's fonts and tables: as a PIE, the dynamic
//! loader applies ~100,000 relocations on every start, which is more than
//! half of what `s75 --version` costs (4 ms → under 2 ms without them). A
//! command run on every pull request and on every agreement in a loop pays
//! that each time; the address-space randomisation PIE buys matters little
//! for a program that only reads local files.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
