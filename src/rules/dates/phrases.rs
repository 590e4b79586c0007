//! The words around a period or a date that say what it is: "this
//! Agreement shall expire on …", "… from the Commencement Date", "not less
//! than … notice". Each is compiled into a DFA when s75 is built (this file
//! is shared with `build.rs`); see `super::text`.
//!
//! Patterns use ASCII case folding (`(?i-u)`): the words are ASCII, and
//! Unicode folding costs far more to compile.

/// What follows a period that counts from the start: "… from the Commencement Date".
pub const FROM_COMMENCEMENT: &str = r"(?i-u)^\s+(?:from|following|after|commencing\s+on|starting\s+on|beginning\s+on)\s+(?:and\s+including\s+)?the\s+Commencement\s+Date";

/// Verbs of a clause that states how long the Agreement lasts.
pub const DURATION_VERBS: &str =
    r"(?i-u)\b(?:continue|cease|expire|determine|remain\s+in\s+force|period\s+of|term\s+of)";

/// Blocks whose periods are about something else (reviews, notices, deadlines).
pub const NOT_DURATION: &str = r"(?i-u)\b(?:notice|review|within)\b";

/// Before a date in the definition of the Term: "… ending on", "… to and including".
pub const BEFORE_EXPIRY_IN_TERM: &str =
    r"(?i-u)(?:\bto|\buntil|\bending\s+on|\bexpiring\s+on|\band\s+including)\s+(?:the\s+)?$";

/// Before the last day of the term: "this Agreement shall expire on".
pub const BEFORE_EXPIRY: &str = r"(?i-u)(?:this\s+Agreement|the\s+Term)\s+(?:shall|will)\s+(?:(?:continue|remain\s+in\s+force)\s+until|(?:expire|end|terminate|cease)(?:\s+absolutely)?\s+on)\s+(?:and\s+including\s+)?$";

/// Before the first day: "this Agreement shall take effect on".
pub const BEFORE_COMMENCEMENT: &str = r"(?i-u)(?:this\s+Agreement|it)\s+(?:shall\s+|will\s+)?(?:take\s+effect|commences?|come\s+into\s+(?:force|effect)|comes\s+into\s+(?:force|effect))\s+(?:on|from)\s+(?:and\s+including\s+)?$";

/// Termination for fault is not the notice period of the agreement.
pub const FAULT: &str = r"(?i-u)breach|default|insolv|force\s+majeure|fail|remed";

/// After a notice period: "… written notice".
pub const AFTER_NOTICE_PERIOD: &str = r"(?i-u)^\s*(?:(?:prior|advance|written|previous)\s+)*notice\b";

/// Before a notice period: "notice in writing of not less than …".
pub const BEFORE_NOTICE_PERIOD: &str =
    r"(?i-u)\bnotice\s+(?:in\s+writing\s+)?(?:of\s+)?(?:not\s+less\s+than\s+|at\s+least\s+)$";

/// After an extension's lead time: "… prior to the end of the Term".
pub const AFTER_LEAD: &str = r"(?i-u)^\s+(?:prior\s+to|before)\s+the\s+(?:end|expiry|expiration|termination)\s+of\s+(?:the\s+Term|this\s+Agreement|the\s+Agreement)";

/// Before a lead time that is a latest date: "no later than …".
pub const FIRM_LEAD: &str = r"(?i-u)(?:no\s+later\s+than|not\s+later\s+than|at\s+least|not\s+less\s+than|a\s+minimum\s+of|on\s+or\s+before|by)\s+$";

/// Before the length of an extension: "extend this Agreement for a further period of …".
pub const BEFORE_EXTENSION_PERIOD: &str = r"(?i-u)\bextend(?:ed)?\s+(?:this\s+Agreement\s+|the\s+Agreement\s+|the\s+Term\s+)?(?:once\s+)?(?:by|for)\s+(?:a\s+|one\s+)?(?:further\s+|additional\s+)?(?:period\s+of\s+|term\s+of\s+)?$";

/// Every phrase, by name, for `build.rs` (and the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub const ALL: &[(&str, &str)] = &[
    ("FROM_COMMENCEMENT", FROM_COMMENCEMENT),
    ("DURATION_VERBS", DURATION_VERBS),
    ("NOT_DURATION", NOT_DURATION),
    ("BEFORE_EXPIRY_IN_TERM", BEFORE_EXPIRY_IN_TERM),
    ("BEFORE_EXPIRY", BEFORE_EXPIRY),
    ("BEFORE_COMMENCEMENT", BEFORE_COMMENCEMENT),
    ("FAULT", FAULT),
    ("AFTER_NOTICE_PERIOD", AFTER_NOTICE_PERIOD),
    ("BEFORE_NOTICE_PERIOD", BEFORE_NOTICE_PERIOD),
    ("AFTER_LEAD", AFTER_LEAD),
    ("FIRM_LEAD", FIRM_LEAD),
    ("BEFORE_EXTENSION_PERIOD", BEFORE_EXTENSION_PERIOD),
];
