//! `S75_TIMINGS=1`: the time of each phase of a diff or a validate on
//! standard error, so the bench scripts can show where the time goes. Off by
//! default; it never changes the report.

use std::time::Instant;

pub struct Timer {
    on: bool,
    last: Instant,
}

impl Timer {
    pub fn start() -> Self {
        Timer { on: std::env::var_os("S75_TIMINGS").is_some_and(|v| !v.is_empty()), last: Instant::now() }
    }

    /// Whether `S75_TIMINGS` is set (other figures go with the times).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Prints the time since the previous mark, labelled `phase`.
    pub fn mark(&mut self, phase: &str) {
        if self.on {
            let now = Instant::now();
            eprintln!("s75 timing: {phase:<16} {:>7.2} ms", (now - self.last).as_secs_f64() * 1000.0);
            self.last = now;
        }
    }
}

/// Runs `f`, printing its time under `S75_TIMINGS` (for work done in parallel).
pub fn timed<T>(phase: &str, f: impl FnOnce() -> T) -> T {
    let mut t = Timer::start();
    let out = f();
    t.mark(phase);
    out
}
