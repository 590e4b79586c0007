//! `s75 lsp` in a real editor: headless Neovim's built-in LSP client, set
//! up by examples/editors/neovim/s75.lua as a user would, runs
//! tests/fixtures/lsp/neovim.lua on a copy of the 2019 agreement (open,
//! hover, definition, references, outline, an edit, a code action and a
//! rename, each applied by Neovim itself).
//! `scripts/install-test-deps.sh` installs Neovim (Debian's `neovim`).

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{copy_into, coventry_2019, fixture};

/// Neovim, or `None` where it is not installed and cannot be required:
/// CI installs it, so there a missing Neovim fails the test.
fn neovim() -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("nvim")).find(|p| p.is_file()))
        .unwrap_or_default();
    if found.is_none() {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        assert!(!ci, "`nvim` is not installed: run scripts/install-test-deps.sh (Debian package `neovim`)");
        eprintln!(
            "skipping the Neovim end-to-end test: `nvim` is not installed (scripts/install-test-deps.sh installs it)"
        );
    }
    found
}

#[test]
fn neovim_shows_diagnostics_hover_definition_and_applies_a_fix_and_a_rename() {
    let Some(nvim) = neovim() else { return };
    let repo = TempDir::new().unwrap();
    let dir = repo.path().join("agreements/coventry-cwpt-2019");
    std::fs::create_dir_all(&dir).unwrap();
    copy_into(&coventry_2019(), &dir);
    let body = dir.join("agreement.md");
    let original = std::fs::read_to_string(&body).unwrap();
    let results = repo.path().join("results.json");

    let status = Command::new(nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", fixture("lsp/neovim.lua").display()))
        .current_dir(repo.path())
        .env("S75_BIN", assert_cmd::cargo::cargo_bin("s75"))
        .env("S75_EXAMPLE", crate::common::crate_dir().join("examples/editors/neovim/s75.lua"))
        .env("S75_ROOT", repo.path())
        .env("S75_BODY", &body)
        .env("S75_OUT", &results)
        .env("S75_TODAY", "2026-11-24")
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim: {status}");
    let out: Value =
        serde_json::from_str(&std::fs::read_to_string(&results).expect("the script wrote its results")).unwrap();
    assert!(out.get("error").is_none(), "the script failed: {}", out["error"]);

    assert!(out["diagnostics"].as_u64().unwrap() > 10, "{out:#}");
    assert!(out["duplicate"].as_str().unwrap().starts_with("1.1 is used twice in the body"), "{out:#}");
    assert!(
        out["hover_term"]
            .as_str()
            .unwrap()
            .contains("means the commencement date for this Agreement, being 1st April 2019")
    );
    assert!(out["hover_clause"].as_str().unwrap().starts_with("**21.2 Termination**"));
    assert!(out["definition"]["uri"].as_str().unwrap().ends_with("schedules/05-service-description.md"), "{out:#}");
    assert_eq!(out["references"], 9);
    assert_eq!(out["first_symbol"], "1 Definitions and Interpretation");
    assert_eq!(out["edit_diagnostic"]["line"], 459, "{out:#}");
    assert!(out["edit_diagnostic"]["message"].as_str().unwrap().starts_with("Clause 99 does not exist"));
    assert_eq!(out["action"], "Use the defined term “Council's Functions”");
    assert!(
        out["fixed_line"]
            .as_str()
            .unwrap()
            .contains("on behalf of the Council of the Council's Functions in conjunction")
    );
    assert_eq!(out["renamed"], "“Period” means the period of one (1) year from the Commencement Date.");
    assert!(out["renamed_uses"].as_u64().unwrap() >= 8, "{out:#}");
    assert_eq!(out["heading_kept"], true, "a heading is not a use of the term");
    // Neovim quit without writing: the server never writes either.
    assert_eq!(std::fs::read_to_string(&body).unwrap(), original);
}
