#![forbid(unsafe_code)]

// Loading, checking and diffing allocate many small strings: mimalloc makes
// that markedly cheaper than the system allocator (scripts/bench-*.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    s75::cli::main()
}
