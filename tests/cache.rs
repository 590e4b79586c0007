//! The findings cache: a second run takes unchanged agreements' findings
//! from `.s75_cache/` (`S75_TIMINGS=1` prints the hits and misses), says
//! byte for byte what a `--no-cache` run says in every format, and misses
//! when anything its findings depend on changes. A broken cache is never an
//! error.

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::common::{copy_into, crate_dir, edit, s75, stderr, write};

const FORMATS: [&str; 7] = ["human", "json", "sarif", "github", "gitlab", "junit", "markdown"];

/// The three bundled agreements, one of them using a shared schedule and one
/// with a waiver expiring on 2027-01-01, with the stale-names register named
/// in `s75.toml` as a rule pack.
fn portfolio() -> TempDir {
    let repo = TempDir::new().expect("temp dir");
    copy_into(&crate_dir().join("agreements"), &repo.path().join("agreements"));
    let toml = repo.path().join("agreements/coventry-cwpt-2019/agreement.toml");
    let waiver = "\n[[waivers]]\ncode = \"residue.undated\"\nlocation = \"agreement.md:1\"\nreason = \"r\"\napproved_by = \"a\"\nexpires = 2027-01-01\n";
    write(&toml, &(std::fs::read_to_string(&toml).expect("agreement.toml") + waiver));
    let register = std::fs::read_to_string(crate_dir().join("src/rules/stale/register.toml")).expect("register");
    write(&repo.path().join("packs/register.toml"), &register);
    write(&repo.path().join("s75.toml"), "[packs]\nstale = \"packs/register.toml\"\n");
    let pool = repo.path().join("agreements/coventry-mh-pool-2022");
    std::fs::create_dir_all(repo.path().join("schedules")).expect("mkdir");
    std::fs::rename(pool.join("schedules/01-aims-and-outcomes.md"), repo.path().join("schedules/aims.md"))
        .expect("move a schedule to schedules/");
    edit(&pool.join("agreement.toml"), "file = \"schedules/01-aims-and-outcomes.md\"", "shared = \"aims.md\"");
    repo
}

fn validate(repo: &Path, args: &[&str]) -> Output {
    s75().current_dir(repo).env("S75_TIMINGS", "1").arg("validate").args(args).output().expect("runs")
}

/// `(hits, misses)` from the `S75_TIMINGS` line.
fn cache_counts(out: &Output) -> (usize, usize) {
    let err = stderr(out);
    let line =
        err.lines().find_map(|l| l.strip_prefix("s75 cache: ")).unwrap_or_else(|| panic!("no cache line: {err}"));
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    (numbers[0], numbers[1])
}

/// The run's output, checked against a `--no-cache` run of the same command.
fn same_as_uncached(repo: &Path, args: &[&str]) -> Output {
    let cached = validate(repo, args);
    let uncached = validate(repo, &[args, &["--no-cache"]].concat());
    assert!(!stderr(&uncached).contains("s75 cache:"), "--no-cache uses no cache");
    assert_eq!(cached.status.code(), uncached.status.code(), "{args:?}");
    assert!(cached.stdout == uncached.stdout, "{args:?}: cached and uncached reports differ");
    cached
}

#[test]
fn a_second_run_takes_every_finding_from_the_cache_and_reports_the_same_in_every_format() {
    let repo = portfolio();
    for format in FORMATS {
        let uncached = validate(repo.path(), &["--format", format, "--no-cache"]);
        let first = validate(repo.path(), &["--format", format]);
        let second = validate(repo.path(), &["--format", format]);
        assert_eq!(cache_counts(&second), (3, 0), "{format}");
        assert_eq!(uncached.status.code(), Some(1), "{format}: the bundled agreements have errors");
        for run in [&first, &second] {
            assert_eq!(run.status.code(), uncached.status.code(), "{format}");
            assert!(run.stdout == uncached.stdout, "{format}: the cached report differs from the uncached one");
        }
    }
    // The first format's run filled the cache: later formats only read it.
    assert_eq!(cache_counts(&validate(repo.path(), &["--format", "json"])), (3, 0));
    // The human report in its other forms, from the cache too.
    for args in [&["--summary"][..], &["--quiet"], &["-D", "warnings"], &["-A", "terms"]] {
        same_as_uncached(repo.path(), args);
    }
}

#[test]
fn a_change_to_any_input_misses_and_reports_what_an_uncached_run_does() {
    let repo = portfolio();
    let root = repo.path();
    let json = ["--format", "json"];
    validate(root, &json);
    let mut before = validate(root, &json).stdout;
    let placeholder = "\n\nThe sum payable is [TBC].\n";
    let append = |rel: &str| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect("read");
        write(&path, &(text + placeholder));
    };
    // Each change, the arguments to run with, and how many agreements must miss.
    type Change<'a> = (&'a str, Box<dyn Fn() + 'a>, Vec<&'a str>, usize);
    let changes: Vec<Change> = vec![
        ("the body", Box::new(|| append("agreements/coventry-cwpt-2019/agreement.md")), vec![], 1),
        (
            "a schedule",
            Box::new(|| append("agreements/coventry-cwpt-2022/schedules/01-aims-and-outcomes.md")),
            vec![],
            1,
        ),
        ("a shared schedule", Box::new(|| append("schedules/aims.md")), vec![], 1),
        (
            "agreement.toml",
            Box::new(|| {
                edit(&root.join("agreements/coventry-cwpt-2019/agreement.toml"), "title = \"", "title = \"The ")
            }),
            vec![],
            1,
        ),
        (
            "s75.toml",
            Box::new(|| {
                write(
                    &root.join("s75.toml"),
                    "[packs]\nstale = \"packs/register.toml\"\n\n[rules]\n\"terms.unused\" = \"allow\"\n",
                )
            }),
            vec![],
            3,
        ),
        (
            "a rule pack named in s75.toml",
            Box::new(|| edit(&root.join("packs/register.toml"), "from = 2022-07-01", "from = 2019-07-01")),
            vec![],
            3,
        ),
        ("--today", Box::new(|| {}), vec!["--today", "2027-06-30"], 3),
        ("-D", Box::new(|| {}), vec!["-D", "terms"], 3),
        ("-A", Box::new(|| {}), vec!["-A", "stale"], 3),
        ("-W", Box::new(|| {}), vec!["-W", "numbering.duplicate"], 3),
    ];
    for (what, change, extra, misses) in changes {
        change();
        let args = [&json[..], &extra].concat();
        let out = same_as_uncached(root, &args);
        assert_eq!(cache_counts(&out), (3 - misses, misses), "after changing {what}");
        assert!(out.stdout != before, "changing {what} changes the report");
        before = validate(root, &json).stdout;
    }
    // Another code in the same option.
    same_as_uncached(root, &["-A", "stale"]);
    let out = same_as_uncached(root, &["-A", "terms"]);
    assert_eq!(cache_counts(&out), (0, 3), "-A terms after -A stale");
    // S75_TODAY, as --today.
    let out = s75()
        .current_dir(root)
        .env("S75_TIMINGS", "1")
        .env("S75_TODAY", "2032-06-30")
        .args(["validate", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(cache_counts(&out), (0, 3), "a new S75_TODAY misses");
}

#[test]
fn a_corrupt_or_unwritable_cache_is_recomputed_never_an_error() {
    let repo = portfolio();
    let root = repo.path();
    validate(root, &[]);
    let entries: Vec<_> = std::fs::read_dir(root.join(".s75_cache").join(env!("CARGO_PKG_VERSION")))
        .expect("the cache folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(entries.len(), 3, "one entry per agreement");
    for (i, entry) in entries.iter().enumerate() {
        let text = std::fs::read_to_string(entry).expect("entry");
        // Cut short; not JSON; and whole but with a span beyond its file.
        let broken = match i {
            0 => text[..text.len() / 2].to_string(),
            1 => "\u{0}garbage".to_string(),
            _ => text.replacen("\"end\":", "\"end\":99999999", 1),
        };
        write(entry, &broken);
    }
    let out = same_as_uncached(root, &[]);
    assert_eq!(cache_counts(&out), (0, 3));
    assert_eq!(cache_counts(&validate(root, &[])), (3, 0), "rewritten");

    // A cache folder that cannot be made: the report is still the same.
    let repo = portfolio();
    write(&repo.path().join(".s75_cache"), "not a folder");
    let out = same_as_uncached(repo.path(), &[]);
    assert_eq!(cache_counts(&out), (0, 3));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
}

#[test]
fn the_cache_folder_is_ignored_by_git_and_can_be_put_elsewhere() {
    let repo = portfolio();
    let root = repo.path();
    validate(root, &["--no-cache"]);
    assert!(!root.join(".s75_cache").exists(), "--no-cache writes nothing");

    validate(root, &[]);
    let cache = root.join(".s75_cache");
    assert_eq!(std::fs::read_to_string(cache.join(".gitignore")).expect(".gitignore").lines().last(), Some("*"));
    assert!(
        std::fs::read_to_string(cache.join("CACHEDIR.TAG"))
            .expect("CACHEDIR.TAG")
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55")
    );
    std::fs::remove_dir_all(&cache).expect("rm");

    let elsewhere = TempDir::new().expect("temp dir");
    let dir = elsewhere.path().join("ci-cache");
    let flag = validate(root, &["--cache-dir", dir.to_str().expect("utf-8")]);
    assert_eq!(cache_counts(&flag), (0, 3));
    let again = validate(root, &["--cache-dir", dir.to_str().expect("utf-8")]);
    assert_eq!(cache_counts(&again), (3, 0));
    let env = s75()
        .current_dir(root)
        .env("S75_TIMINGS", "1")
        .env("S75_CACHE_DIR", &dir)
        .arg("validate")
        .output()
        .expect("runs");
    assert_eq!(cache_counts(&env), (3, 0), "S75_CACHE_DIR");
    assert!(dir.join("CACHEDIR.TAG").is_file());
    assert!(!cache.exists(), "nothing in the repository's default folder");
}
