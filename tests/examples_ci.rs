//! The CI set-ups users copy (the composite Action, the GitHub workflow, the
//! GitLab pipeline) call s75 only with commands and options that exist, and
//! name no web address of a repository that does not exist.

use clap::Parser as _;
use s75::cli::Cli;

use crate::common::crate_dir;

const FILES: [&str; 3] = ["action.yml", "examples/github/s75.yml", "examples/gitlab/.gitlab-ci.yml"];

/// Every `s75 …` command line in a CI file, with CI expressions replaced by
/// a sample value and the shell's redirections and fallbacks cut off.
fn s75_commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start().trim_start_matches("- ").trim_start_matches("run: ");
        if line.trim_start().starts_with('#') {
            continue;
        }
        // A step's `run:` or a script item: the line is the command.
        let Some(command) = line.strip_prefix("s75 ").map(|_| line) else { continue };
        let command = command.split(" || ").next().unwrap().split(" >> ").next().unwrap();
        let mut plain = String::new();
        let mut rest = command;
        while let Some(open) = rest.find("${{") {
            plain.push_str(&rest[..open]);
            let close = rest[open..].find("}}").expect("closed expression") + open + 2;
            // `inputs.args` and `inputs.paths` may be empty; a revision stands in for a base ref.
            if rest[open..close].contains("base_ref") {
                plain.push_str("main");
            }
            rest = &rest[close..];
        }
        plain.push_str(rest);
        let plain = plain.replace('"', "");
        // Only the s75 binary's own command lines, not `cargo install … s75` or prose.
        if ["validate", "diff", "render", "verify", "matrix", "dates", "import"]
            .iter()
            .any(|c| plain.starts_with(&format!("s75 {c}")))
        {
            out.push(plain);
        }
    }
    out
}

#[test]
fn ci_files_call_only_commands_and_options_that_exist() {
    let mut checked = 0;
    for file in FILES {
        let text = std::fs::read_to_string(crate_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let commands = s75_commands(&text);
        assert!(!commands.is_empty() || text.contains("uses: OWNER/s75@"), "{file} runs s75 or its Action");
        for command in commands {
            let words = command.split_whitespace();
            if let Err(e) = Cli::try_parse_from(words) {
                panic!("{file}: `{command}` is not a valid s75 command line:\n{e}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "found the commands ({checked})");
}

#[test]
fn ci_files_name_no_made_up_repository_address() {
    for file in FILES {
        let text = std::fs::read_to_string(crate_dir().join(file)).expect("read");
        for line in text.lines() {
            assert!(
                !line.contains("github.com/") && !line.contains("gitlab.com/"),
                "{file}: names a repository address s75 does not have: {line}"
            );
        }
    }
}

#[test]
fn the_action_installs_from_its_own_checkout_and_caches_it() {
    let text = std::fs::read_to_string(crate_dir().join("action.yml")).expect("read");
    assert!(text.contains("using: composite"));
    assert!(text.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    assert!(text.contains("actions/cache@"));
    assert!(text.contains("--format github") && text.contains("--format sarif") && text.contains("upload-sarif"));
    let workflow = std::fs::read_to_string(crate_dir().join("examples/github/s75.yml")).expect("read");
    assert!(workflow.contains("uses: OWNER/s75@"), "the example workflow uses the Action");
}
