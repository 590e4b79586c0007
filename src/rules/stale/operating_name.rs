//! `stale.operating-name`: the text uses the legal name of a body that now
//! works under another operating name (the NHS Litigation Authority, operating
//! as NHS Resolution). Its findings are made by [`super`], with those of related rules.

use crate::rules::{Example, Rule, Severity};

pub static OPERATING_NAME: Rule = Rule {
    code: "stale.operating-name",
    severity: Severity::Note,
    summary: "the text uses the legal name of a body that now works under another operating name",
    doc: "Some bodies changed only the name they operate under: the NHS Litigation Authority operates as NHS \
          Resolution, the Commission for Local Administration in England as the Local Government and Social Care \
          Ombudsman. The legal body, and so the obligation, is unchanged; a note, in case the parties prefer the \
          name readers know. Each name is reported once per agreement, at its first mention, with the others \
          listed. The names, dates, successors and primary sources are s75's built-in stale register (`s75 \
          explain` cites it; `[packs] stale = \"file.toml\"` in s75.toml replaces it with your own copy).",
    example: Example::Body(
        "## 14 Claims\n\n14.1 The Trust shall notify the National Health Service Litigation Authority of any claim.",
    ),
};

#[cfg(test)]
mod on_real_text {
    use crate::rules::testing::{bundled, clean, reported};

    #[test]
    fn fires_on_the_2019_agreement() {
        let found = reported(&super::OPERATING_NAME, &bundled().remove(0));
        assert!(found.iter().any(|(_, _, message)| message.contains("has operated as NHS Resolution")), "{found:#?}");
    }

    #[test]
    fn silent_on_the_clean_agreement() {
        assert_eq!(reported(&super::OPERATING_NAME, &clean()), Vec::new());
    }
}
