//! `s75 completions` and `s75 man`: the completion script loads in a real
//! bash and completes commands and options; the manual pages name the
//! commands and options the parser has.

use std::process::Command;

use crate::common::{s75, stdout};

/// What bash's completion offers for the words typed so far (the last word
/// is the one being completed), through the script `s75 completions bash`
/// prints, sourced into a fresh non-interactive bash. The function the
/// script registers (`complete -p s75`) is called as bash calls it: with the
/// command, the word being completed and the word before it.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let out = s75().args(["completions", "bash"]).output().expect("run s75");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = tempfile::TempDir::new().expect("temp dir");
    let script = dir.path().join("s75.bash");
    std::fs::write(&script, &out.stdout).expect("write script");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}' && COMP_WORDS=({}) && COMP_CWORD={} && COMP_LINE='{}' && COMP_POINT=${{#COMP_LINE}} && fn=$(complete -p s75 | sed -E 's/.*-F ([^ ]+).*/\\1/') && \"$fn\" s75 \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\" && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
    );
    let run = Command::new("bash").args(["--norc", "--noprofile", "-c", &program]).output().expect("run bash");
    assert!(run.status.success(), "bash failed: {}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

#[test]
fn bash_completes_commands_and_their_options() {
    let commands = bash_completes(&["s75", "va"]);
    assert_eq!(commands, ["validate"], "completing `s75 va`");
    let options = bash_completes(&["s75", "validate", "--form"]);
    assert_eq!(options, ["--format"], "completing `s75 validate --form`");
    let formats = bash_completes(&["s75", "validate", "--format", ""]);
    for f in ["human", "json", "sarif", "github"] {
        assert!(formats.iter().any(|x| x == f), "`--format` offers {f}: {formats:?}");
    }
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = s75().args(["completions", shell]).output().expect("run s75");
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = stdout(&out);
        for command in ["validate", "diff", "render", "verify", "import"] {
            assert!(text.contains(command), "{shell} script names {command}");
        }
    }
    let out = s75().args(["completions", "tcsh"]).output().expect("run s75");
    assert_eq!(out.status.code(), Some(2), "an unknown shell is a usage error");
}

#[test]
fn man_pages_for_s75_and_each_command() {
    let out = s75().arg("man").output().expect("run s75");
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.starts_with(".ie") || page.contains(".TH s75 1"), "a roff page titled s75(1): {}", &page[..200]);
    for command in ["validate", "diff", "render", "verify", "import", "matrix", "dates", "new"] {
        assert!(page.contains(command), "the s75 page lists {command}");
    }

    let out = s75().args(["man", "validate"]).output().expect("run s75");
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.contains(".TH s75-validate 1"), "titled s75-validate(1)");
    assert!(page.contains("format"), "documents --format");

    let out = s75().args(["man", "frobnicate"]).output().expect("run s75");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no command `frobnicate`"));
}
