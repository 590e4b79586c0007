//! One diagnostic model for every rule and every output format: a stable
//! code, a severity, a message, a primary label and related labels.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::registry::Rule;
use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with what it shows ("first numbered here").
#[derive(Debug, Clone)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// Why a finding is not counted: a waiver with its reason and approver.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Suppression {
    pub reason: String,
    pub approved_by: String,
    pub expires: String,
    /// Where the waiver is recorded, `path:line`.
    pub waiver: String,
}

#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule it breaks; its code (`numbering.duplicate`) is stable.
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub related: Vec<Label>,
    pub help: Option<String>,
    /// Id of the agreement the finding belongs to.
    pub agreement: String,
    pub suppressed: Option<Suppression>,
}

impl Finding {
    /// A finding at `span`; the severity is set from the rule registry and
    /// configuration when findings are collected.
    pub fn new(rule: &'static Rule, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Warning,
            message: message.into(),
            primary: Label { span, message: String::new() },
            related: Vec::new(),
            help: None,
            agreement: String::new(),
            suppressed: None,
        }
    }

    /// The rule's stable code, e.g. `numbering.duplicate`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// Text under the primary span ("duplicate of 1.1 above").
    pub fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Label { span, message: message.into() });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sort key: file, position, code — so output is deterministic.
    pub fn sort_key(&self) -> (&str, usize, &str, &str) {
        (&self.primary.span.file.path, self.primary.span.range.start, self.rule.code, &self.message)
    }
}
