//! Which patterns may search a document's blocks joined into one text.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Whether a pattern finds in a document's joined (`crate::model::Joined`) text
/// exactly what it finds in each block's text: it has no `^` or `$` (which
/// would take the blocks for the middle of one text) and cannot match a NUL
/// (so no match runs from one block into the next).
pub fn searches_joined(pattern: &str) -> bool {
    regex_syntax::parse(pattern).is_ok_and(|hir| hir_searches_joined(&hir))
}

/// [`searches_joined`] of a parsed pattern.
pub fn hir_searches_joined(hir: &Hir) -> bool {
    let looks = hir.properties().look_set();
    let anchors = [Look::Start, Look::End, Look::StartLF, Look::EndLF, Look::StartCRLF, Look::EndCRLF];
    !anchors.iter().any(|&l| looks.contains(l)) && !matches_nul(hir)
}

fn matches_nul(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.contains(&0),
        // Ranges are sorted: a class with NUL starts with it.
        HirKind::Class(Class::Unicode(class)) => class.ranges().first().is_some_and(|r| r.start() == '\0'),
        HirKind::Class(Class::Bytes(class)) => class.ranges().first().is_some_and(|r| r.start() == 0),
        HirKind::Repetition(r) => matches_nul(&r.sub),
        HirKind::Capture(c) => matches_nul(&c.sub),
        HirKind::Concat(all) | HirKind::Alternation(all) => all.iter().any(matches_nul),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}
