//! Where one agreement's validate goes, stage by stage, in one process:
//! loading, then each rule family on the loaded agreement. Each stage runs
//! many times and the median is printed, with its share of the whole.
//!
//! `cargo bench --bench validate_stages [-- AGREEMENT_DIR]` (default: the
//! real 2019 agreement). Under `cargo test` it runs each stage once, as a
//! smoke test of the harness.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use s75::loading::{Repo, load_agreement};

// As in the s75 binary, so that allocation costs what it costs there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use s75::rules::{Context, families};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benching = args.iter().any(|a| a == "--bench");
    let dir = args
        .iter()
        .enumerate()
        .find(|&(i, a)| !a.starts_with("--") && (i == 0 || !["--only", "--rounds"].contains(&args[i - 1].as_str())))
        .map_or("agreements/coventry-cwpt-2019", |(_, a)| a.as_str());
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(dir);
    let repo = Repo::for_paths(std::slice::from_ref(&dir)).expect("a repository");
    let today = jiff::civil::date(2026, 12, 1);
    let cx = Context::new(today);
    let families = families(&cx).expect("built-in packs load");
    // `--rounds N`: how many timed runs per stage (a few suffice under callgrind).
    let rounds = match args.iter().position(|a| a == "--rounds").and_then(|i| args.get(i + 1)) {
        Some(n) => n.parse().expect("--rounds takes a number"),
        None if benching => 200,
        None => 1,
    };
    // `--only NAME`: time one stage (for a profiler).
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o == name);

    let names: Vec<String> =
        families.iter().map(|f| f.rules().first().map_or("?", |r| r.family()).to_string()).collect();
    let stages: Vec<String> = ["load", "words"].iter().map(|s| s.to_string()).chain(names.iter().cloned()).collect();
    // Each round checks a freshly loaded agreement, as `s75 validate` does:
    // the words cut on first use are cut again every round.
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); stages.len()];
    for round in 0..=rounds {
        let timed = |stage: usize, times: &mut Vec<Vec<Duration>>, f: &mut dyn FnMut()| {
            let t = Instant::now();
            f();
            // Round 0 warms up: lazily compiled patterns are compiled in it.
            if round > 0 {
                times[stage].push(t.elapsed());
            }
        };
        let mut agreement = None;
        timed(0, &mut times, &mut || agreement = Some(load_agreement(&repo, &dir).expect("loads")));
        let Some(agreement) = agreement else { unreachable!() };
        timed(1, &mut times, &mut || {
            agreement.words();
        });
        for (f, family) in families.iter().enumerate() {
            if wanted(&names[f]) {
                timed(f + 2, &mut times, &mut || family.check(&agreement, &cx, &mut Vec::new()));
            }
        }
    }
    let mut rows = Vec::new();
    for (stage, mut t) in stages.into_iter().zip(times) {
        if !t.is_empty() && (wanted(&stage) || stage == "load" || stage == "words") {
            t.sort();
            rows.push((stage, t[t.len() / 2]));
        }
    }
    let total: Duration = rows.iter().map(|r| r.1).sum();
    for (name, t) in &rows {
        println!(
            "{name:>10} {:>8.3} ms {:>5.1} %",
            t.as_secs_f64() * 1e3,
            100.0 * t.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!("{:>10} {:>8.3} ms (one core; median of {rounds})", "total", total.as_secs_f64() * 1e3);
}
