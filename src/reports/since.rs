//! Which findings a change introduced: those with no counterpart among the
//! findings at the base revision. A counterpart has the same code, file and
//! message; the line is left out because an edit above a finding moves it
//! without making it new.

use std::collections::HashSet;

use crate::rules::Finding;

/// The findings at a base revision, as keys to compare against.
#[derive(Debug, Default)]
pub struct Since {
    /// The revision as the user named it.
    pub rev: String,
    seen: HashSet<(String, String, String)>,
}

fn key(f: &Finding) -> (String, String, String) {
    (f.code().to_string(), f.primary.span.file.path.clone(), f.message.clone())
}

impl Since {
    pub fn new(rev: &str, at_rev: &[Finding]) -> Self {
        Since { rev: rev.to_string(), seen: at_rev.iter().filter(|f| f.suppressed.is_none()).map(key).collect() }
    }

    /// Whether nothing like this finding was reported at the base revision.
    pub fn is_new(&self, f: &Finding) -> bool {
        !self.seen.contains(&key(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFile, Span};

    #[test]
    fn a_finding_that_only_moved_is_not_new() {
        let old = SourceFile::new("agreements/a/agreement.md", "", "x\nTrust\n".to_string());
        let new = SourceFile::new("agreements/a/agreement.md", "", "x\ny\nz\nTrust\n".to_string());
        let before = [Finding::new(&crate::rules::terms::UNUSED, Span::new(&old, 2..7), "`Trust` is never used")];
        let since = Since::new("main", &before);
        assert!(!since.is_new(&Finding::new(
            &crate::rules::terms::UNUSED,
            Span::new(&new, 6..11),
            "`Trust` is never used"
        )));
        assert!(since.is_new(&Finding::new(
            &crate::rules::terms::UNUSED,
            Span::new(&new, 6..11),
            "`Board` is never used"
        )));
        assert!(since.is_new(&Finding::new(
            &crate::rules::terms::UNDEFINED,
            Span::new(&new, 6..11),
            "`Trust` is never used"
        )));
    }
}
