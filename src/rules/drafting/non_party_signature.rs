//! `drafting.non-party-signature`: a signature block "for and on behalf of"
//! a body that is not a party — the execution page of another agreement
//! (a sister trust's, a neighbour council's) carried over when the text was
//! copied. Whoever signs it binds no party, and the real party may be left
//! without a block.

use super::parties::Parties;
use crate::model::{Agreement, Span};
use crate::rules::{Example, Finding, Rule, Severity};

pub static NON_PARTY_SIGNATURE: Rule = Rule {
    code: "drafting.non-party-signature",
    severity: Severity::Warning,
    summary: "a signature block is for a body that is not a party",
    doc: "Each execution block should be for one of the parties: those listed in agreement.toml's [[parties]] \
          and named in the text's parties clause. A block \"for and on behalf of\" another body is usually the \
          execution page of another agreement, copied with the text: its signature binds no party to this one. \
          Correct the name to the party meant, or delete the block. A block that names a party by its defined \
          name (\"the Council\") or a shortened form of its name is a party's block.",
    example: Example::Execution(
        "SIGNED for and on behalf of RAVENSMERE HEALTHCARE NHS FOUNDATION TRUST\n\nSignature……………………\n\nName……………………",
    ),
};

/// The words that open a signature block, before the body's name ("Signed
/// by" alone is followed by a person's name, not a body's).
const OPENINGS: [&str; 3] = ["on behalf of ", "common seal of ", "executed as a deed by "];

/// Words after the body's name that are no part of it.
const TRAILERS: [&str; 7] = [" was ", " acting by", " by:", " by its", " in the presence", " affixed", " acting "];

pub fn check(a: &Agreement, parties: &Parties, out: &mut Vec<Finding>) {
    if parties.names.is_empty() && parties.preamble.is_empty() {
        return;
    }
    for (heading, span) in signature_headings(a) {
        let Some(body) = signing_body(heading) else { continue };
        if is_party(&body, parties) {
            continue;
        }
        let listed = if parties.names.is_empty() {
            "the parties clause".to_string()
        } else {
            let named: Vec<String> =
                a.meta.parties.iter().filter_map(|p| p.name.as_ref().map(|n| n.value.clone())).collect();
            format!("the parties: {}", named.join("; "))
        };
        out.push(
            Finding::new(
                &NON_PARTY_SIGNATURE,
                span.clone(),
                format!("this signature block is for “{}”, which is not a party ({listed})", body.trim()),
            )
            .label("not a party")
            .help("correct the name to the party meant, or delete the block if it came from another agreement"),
        );
    }
}

/// The openings of signature blocks: the model's, and any paragraph that
/// opens like one ("SIGNED for and on behalf of X" followed by a dotted line
/// and a title, which the model does not take for a signature block because
/// it has no "Signature:" field).
fn signature_headings(a: &Agreement) -> Vec<(&str, &Span)> {
    let mut out: Vec<(&str, &Span)> =
        a.body.execution.iter().map(|e| (e.heading.value.as_str(), &e.heading.span)).collect();
    for b in &a.body.blocks {
        let lower = b.text.trim_start().to_ascii_lowercase();
        let opens =
            ["signed for and on behalf of ", "signed on behalf of ", "the common seal of ", "executed as a deed by "]
                .iter()
                .any(|o| lower.starts_with(o));
        if opens
            && b.number.is_none()
            && !b.is_heading()
            && b.text.len() < 300
            && !out.iter().any(|(_, s)| s.range == b.span.range)
        {
            out.push((b.text.as_str(), &b.span));
        }
    }
    out
}

/// The body a signature block is for: "RAVENSMERE HEALTHCARE NHS FOUNDATION
/// TRUST" in "SIGNED for and on behalf of RAVENSMERE HEALTHCARE NHS
/// FOUNDATION TRUST".
fn signing_body(heading: &str) -> Option<String> {
    // ASCII lower-casing keeps byte offsets, so the name is cut from the heading as written.
    let lower = heading.to_ascii_lowercase();
    // The last opening names the body: "Executed as a deed by affixing the
    // common seal of X", "Signed by Jane Smith on behalf of X".
    let at = OPENINGS.iter().filter_map(|o| lower.find(o).map(|i| i + o.len())).max()?;
    let mut end = heading.len();
    for t in TRAILERS {
        if let Some(i) = lower[at..].find(t) {
            end = end.min(at + i);
        }
    }
    let name = &heading[at..end];
    let cut = name.find(['.', '…', '_', ':', '(', ',']).unwrap_or(name.len());
    let name = name[..cut].trim().to_string();
    (!words(&name).is_empty()).then_some(name)
}

/// The words of a name that tell bodies apart.
fn words(name: &str) -> Vec<String> {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "the" | "of" | "and" | "for"))
        .map(str::to_string)
        .collect()
}

/// Whether `word` is in `name`, or is the initials of words of it ("icb").
fn in_name(word: &str, name: &[String]) -> bool {
    name.iter().any(|w| w == word)
        || (word.len() >= 2
            && name.windows(word.len()).any(|run| run.iter().zip(word.chars()).all(|(w, c)| w.starts_with(c))))
}

/// Whether `body` is one of the parties: all its words are in a party's
/// name (a shortened name) or defined name, or all of a party's name's
/// words are in it, or the parties clause names it.
fn is_party(body: &str, parties: &Parties) -> bool {
    let signed = words(body);
    if signed.is_empty() {
        return true;
    }
    let in_clause = {
        let clause = words(&parties.preamble).join(" ");
        clause.contains(&signed.join(" "))
    };
    // "on behalf of the Council": a defined name stands for its party.
    let defined = parties.defined.iter().any(|d| {
        let d = words(d);
        signed.iter().all(|w| d.contains(w))
    });
    in_clause
        || defined
        || parties.names.iter().any(|n| {
            let party = words(n);
            !party.is_empty() && (signed.iter().all(|w| in_name(w, &party)) || party.iter().all(|w| signed.contains(w)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::drafting::testing::{authorities, edited_2019};
    use crate::rules::testing::bundled;

    fn found(a: &Agreement) -> Vec<Finding> {
        let parties = Parties::of(a, &authorities());
        let mut out = Vec::new();
        check(a, &parties, &mut out);
        out
    }

    #[test]
    fn the_bodies_of_signature_blocks() {
        assert_eq!(
            signing_body("Signed for and on behalf of THE COUNCIL OF THE CITY OF COVENTRY").as_deref(),
            Some("THE COUNCIL OF THE CITY OF COVENTRY")
        );
        assert_eq!(
            signing_body("THE COMMON SEAL of WESTMARCH COUNTY COUNCIL was affixed to this Deed in the presence of:")
                .as_deref(),
            Some("WESTMARCH COUNTY COUNCIL")
        );
        assert_eq!(
            signing_body("EXECUTED AS A DEED by NHS WESTMARCH AND ORRIN VALLEY INTEGRATED CARE BOARD acting by two authorised signatories:").as_deref(),
            Some("NHS WESTMARCH AND ORRIN VALLEY INTEGRATED CARE BOARD")
        );
        assert_eq!(
            signing_body("Signed on behalf of NHS KESTRELSHIRE VALLEYS ..................................").as_deref(),
            Some("NHS KESTRELSHIRE VALLEYS")
        );
        assert_eq!(
            signing_body(
                "EXECUTED AS A DEED by affixing the COMMON SEAL of ARNMOUTH DISTRICT COUNCIL in the presence of:"
            )
            .as_deref(),
            Some("ARNMOUTH DISTRICT COUNCIL")
        );
    }

    #[test]
    fn a_shortened_or_defined_name_is_the_party() {
        let party = words("NHS Coventry and Warwickshire Integrated Care Board");
        assert!(words("NHS COVENTRY AND WARWICKSHIRE ICB").iter().all(|w| in_name(w, &party)));
        assert!(!words("NHS SOLIHULL ICB").iter().all(|w| in_name(w, &party)));
    }

    #[test]
    fn silent_on_every_bundled_agreement() {
        for a in bundled() {
            assert!(found(&a).is_empty(), "{}: {:#?}", a.id(), found(&a));
        }
    }

    #[test]
    fn fires_on_a_block_for_another_trust() {
        let a = edited_2019(
            "agreement.md",
            "Signed for and on behalf of COVENTRY AND WARWICKSHIRE PARTNERSHIP NHS TRUST",
            "Signed for and on behalf of SOUTH WARWICKSHIRE NHS FOUNDATION TRUST",
        );
        let f = found(&a);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.starts_with("this signature block is for “SOUTH WARWICKSHIRE NHS FOUNDATION TRUST”, which is not a party (the parties: Coventry and Warwickshire Partnership NHS Trust; The Council of the City of Coventry)"), "{}", f[0].message);
    }
}
